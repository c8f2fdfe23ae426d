"""The world map on the Countries index: each country shaded by its number of articles.

The shapes ship with the package (`data/world.json`, made by scripts/build_world_map.py from
Natural Earth's 1:50m countries, public domain, through the world-atlas package): the map is
drawn at build time as inline SVG and needs nothing from the network. Shades are five steps on
a logarithmic scale from one article to the most any country has, so a digest where one
country dominates still tells the rest apart; the legend names each step's range. A country
the shapes lack (or too small to see, which also gets a dot) is still in the table that the
template gives as the map's accessible alternative.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "world.json"
STEPS = 5


@functools.lru_cache(maxsize=1)
def shapes() -> dict:
    """The shipped map: width, top, height and {ISO alpha-2: {"d": path, "dot": [x, y]?}}."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def breaks(peak: int, steps: int = STEPS) -> list[int]:
    """The upper bound of each shade, on a logarithmic scale up to `peak` (no two alike)."""
    bounds: list[int] = []
    for step in range(1, steps + 1):
        bound = max(1, round(peak ** (step / steps)))
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def _legend(bounds: list[int]) -> list[dict]:
    legend, low = [], 1
    for level, high in enumerate(bounds, start=1):
        label = str(high) if high == low else f"{low}–{high}"
        legend.append({"level": level, "label": label})
        low = high + 1
    return legend


def world_map(countries: list[dict]) -> dict:
    """What digest/world_map.html draws, from the Countries index's entries ({code, name, url,
    count}): every shape (those with articles linked and shaded), the legend, and the
    countries with articles the map cannot show."""
    data = shapes()
    peak = max((c["count"] for c in countries), default=0)
    bounds = breaks(peak) if peak else []
    legend = _legend(bounds)

    def level_of(count: int) -> int:
        return next((i for i, bound in enumerate(bounds, start=1) if count <= bound), 0) if count else 0

    by_code = {c["code"]: c for c in countries}
    drawn = []
    for code, shape in data["countries"].items():
        entry = by_code.get(code)
        drawn.append({"code": code, "d": shape["d"], "dot": shape.get("dot"),
                      "level": level_of(entry["count"]) if entry else 0,
                      "name": entry["name"] if entry else "", "url": entry["url"] if entry else None,
                      "count": entry["count"] if entry else 0})
    # Shaded shapes last, so their outlines are drawn over their unshaded neighbours'.
    drawn.sort(key=lambda shape: shape["level"] > 0)
    rows = [{"name": c["name"], "url": c["url"], "count": c["count"], "level": level_of(c["count"]),
             "shade": legend[level_of(c["count"]) - 1]["label"], "mapped": c["code"] in data["countries"]}
            for c in sorted(countries, key=lambda c: (-c["count"], c["name"]))]
    return {
        "viewbox": f"0 {data['top']} {data['width']:g} {data['height']}",
        "shapes": drawn,
        "legend": legend,
        "rows": rows,
        "unmapped": sorted((c["name"] for c in countries if c["code"] not in data["countries"]), key=str.casefold),
    }
