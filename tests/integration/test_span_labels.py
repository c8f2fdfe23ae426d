"""An older list page is titled by the days it covers (paging.py, datelines.span_label): the
first and last day as its items print them, each in its source's own offset."""

from __future__ import annotations

from tests.integration.conftest import build_site, write_article


def _report(root, index: int, when: str) -> None:
    write_article(root, f"r/item-{index}.md", f"""
        title: Dispatch number {index} from the port
        date: {when}
        source: Tide Wire
        summary: Dispatch {index}.
        id: dispatch{index}
        """, f"""
        The port authority published dispatch {index} on shipping times and berth repairs.
        """)


def test_an_older_page_title_never_runs_backwards(new_site):
    yml = new_site / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - digest\n", "  - digest:\n      page_size: 3\n"),
                   encoding="utf-8")
    # The three oldest: 3 March in Tokyo is 2 March 16:00 UTC, before the two London reports of
    # the evening of 2 March. Items print 3 Mar, 2 Mar, 2 Mar: the page covers 2-3 March.
    _report(new_site, 0, "2024-03-03T01:00:00+09:00")
    _report(new_site, 1, "2024-03-02T20:00:00+00:00")
    _report(new_site, 2, "2024-03-02T21:00:00+00:00")
    for index in range(3, 6):
        _report(new_site, index, f"2024-03-{index + 7:02d}T09:00:00+00:00")
    built = build_site(new_site)
    oldest = built.html("latest/page/1/")
    title = oldest.split("<title>")[1].split("</title>")[0]
    assert "Latest news, 2–3 March 2024" in title, title
