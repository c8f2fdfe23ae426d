"""Build the world map the Countries index draws: digest_plugin/siteview/data/world.json.

Input: `countries-50m.json` of the npm package world-atlas (ISC licence, Mike Bostock's
TopoJSON of Natural Earth's 1:50m admin-0 countries; Natural Earth is in the public domain).
Get it with the ordinary npm client, e.g. `npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`,
then run

    python scripts/build_world_map.py package/countries-50m.json

Each country (ISO 3166-1 numeric id -> alpha-2 code through pycountry) is projected with the
Equal Earth projection onto a 1,000-unit wide plane, each shared border (TopoJSON arc)
simplified once with Douglas-Peucker at a fraction of a unit, so neighbours still meet, and
written as a compact SVG path (relative coordinates, one decimal). Antarctica is left out, as
is any feature without an ISO code (Kosovo, Somaliland, N. Cyprus...). A country too small to
see at that size also gets a dot (its centre), so it can be shaded and found. The output is
data only; the package reads it at build time, so the map works offline.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pycountry

OUTPUT = Path(__file__).resolve().parent.parent / "digest_plugin" / "siteview" / "data" / "world.json"
WIDTH = 1000.0
TOLERANCE = 0.45  # Douglas-Peucker tolerance, in map units (the map is 1,000 units wide)
MIN_RING_AREA = 0.6  # rings smaller than this (square units) are dropped, unless a country's largest
DOT_AREA = 12.0  # a country whose largest ring is smaller than this also gets a dot
LEFT_OUT = {"AQ"}

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = 2.7066297319215575  # x at longitude 180°, latitude 0°


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    move_x, move_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the end points always stay."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        best, best_distance = -1, tolerance
        for index in range(first + 1, last):
            x, y = points[index]
            if length == 0:
                distance = math.hypot(x - x1, y - y1)
            else:
                distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if distance > best_distance:
                best, best_distance = index, distance
        if best >= 0:
            keep[best] = True
            stack += [(first, best), (best, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The ring as drawable parts. world-atlas stitches rings across the antimeridian (Russia's
    east, Fiji, Alaska's islands): such a ring gets continuous longitudes, then is cut at 180°
    into the part east of it and the part west of it (moved by 360°), since Equal Earth's
    edge is curved and a longitude past 180° would land inside the map."""
    points = [ring[0]]
    for lon, lat in ring[1:]:
        previous = points[-1][0]
        lon += 360 * round((previous - lon) / 360)
        points.append((lon, lat))
    low, high = min(lon for lon, _ in points), max(lon for lon, _ in points)
    if high <= 180 and low >= -180:
        return [points]
    if high > 180:
        parts = [clip(points, 180, below=True), [(lon - 360, lat) for lon, lat in clip(points, 180, below=False)]]
    else:
        parts = [clip(points, -180, below=False), [(lon + 360, lat) for lon, lat in clip(points, -180, below=True)]]
    return [part for part in parts if len(part) >= 3]


def clip(points: list[tuple[float, float]], limit: float, *, below: bool) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the ring's part with longitude <= limit (below) or >= limit."""
    def inside(point: tuple[float, float]) -> bool:
        return point[0] <= limit if below else point[0] >= limit

    result: list[tuple[float, float]] = []
    for current, following in zip(points, points[1:] + points[:1], strict=True):
        if inside(current):
            result.append(current)
        if inside(current) != inside(following):
            share = (limit - current[0]) / (following[0] - current[0])
            result.append((limit, current[1] + share * (following[1] - current[1])))
    return result


def simplified_arcs(arcs: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Each arc (longitude, latitude) with the points Douglas-Peucker keeps on the projected map:
    an arc is shared by two neighbours, so both keep the same border."""
    kept_arcs = []
    for arc in arcs:
        projected = [(*to_map(lon, lat), index) for index, (lon, lat) in enumerate(arc)]
        kept = simplify([(x, y) for x, y, _ in projected], TOLERANCE)
        indexes = {(x, y): index for x, y, index in projected}
        kept_arcs.append([arc[indexes[point]] for point in kept])
    return kept_arcs


def to_map(lon: float, lat: float) -> tuple[float, float]:
    x, y = equal_earth(lon, lat)
    plane = WIDTH / (2 * X_MAX)
    return (x + X_MAX) * plane, -y * plane


def area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def path(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data: relative moves and lines, one decimal, repeated points dropped."""
    parts = []
    cursor = (0, 0)  # in tenths of a unit, so rounding never drifts
    for ring in rings:
        tenths = [(round(x * 10), round(y * 10)) for x, y in ring]
        points = [p for i, p in enumerate(tenths) if i == 0 or p != tenths[i - 1]]
        if len(points) > 1 and points[-1] == points[0]:
            points.pop()
        if len(points) < 3:
            continue
        numbers = []
        for point in points:
            numbers += [point[0] - cursor[0], point[1] - cursor[1]]
            cursor = point
        parts.append("m" + _join(numbers[:2]) + "l" + _join(numbers[2:]) + "z")
        cursor = points[0]  # after "z" the current point is the ring's first point
    return "".join(parts)


def _join(tenths: list[int]) -> str:
    """Numbers for path data: a minus sign separates on its own, else a space."""
    text = ""
    for value in tenths:
        number = f"{value / 10:.1f}".rstrip("0").rstrip(".")
        number = number.replace("0.", ".", 1) if number.startswith("0.") else number.replace("-0.", "-.", 1)
        text += number if not text or number.startswith("-") else " " + number
    return text


def build(topology: dict) -> dict:
    arcs = simplified_arcs(decode_arcs(topology))
    countries: dict[str, dict] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        found = pycountry.countries.get(numeric=str(geometry.get("id") or "")) if geometry.get("id") else None
        if found is None or found.alpha_2 in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [[to_map(lon, lat) for lon, lat in part]
                 for polygon in polygons for ring in polygon for part in unwrapped(ring_points(ring, arcs))]
        rings = [ring for ring in rings if len(ring) >= 3]
        if not rings:
            continue
        largest = max(rings, key=area)
        kept = [ring for ring in rings if ring is largest or area(ring) >= MIN_RING_AREA]
        entry: dict = {"d": path(kept)}
        if area(largest) < DOT_AREA:
            xs, ys = [x for x, _ in largest], [y for _, y in largest]
            entry["dot"] = [round((min(xs) + max(xs)) / 2, 1), round((min(ys) + max(ys)) / 2, 1)]
        countries[found.alpha_2] = entry
    ys = [y for entry in countries.values() for y in _ys(entry["d"])]
    return {"source": "world-atlas countries-50m (Natural Earth, public domain), Equal Earth projection",
            "width": WIDTH, "top": math.floor(min(ys)), "height": math.ceil(max(ys) - math.floor(min(ys))),
            "countries": dict(sorted(countries.items()))}


def _ys(d: str) -> list[float]:
    """Absolute y of every point of a path written by `path` (for the map's height)."""
    import re

    ys, y, start = [], 0.0, 0.0
    for command, body in re.findall(r"([mlz])([^mlz]*)", d):
        if command == "z":
            y = start
            continue
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", body)]
        for index, dy in enumerate(numbers[1::2]):
            y += dy
            ys.append(y)
            if command == "m" and index == 0:
                start = y
    return ys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="countries-50m.json from the world-atlas npm package")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(data['countries'])} countries, {args.output.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
