"""A pytest plugin: the closing summary says why tests were skipped, without `-rs`.

`python -m pytest` on a machine without Debian's chromium used to end with "17 skipped" and
nothing more, so a newcomer could not tell the browser tests had not run. This prints one line
per reason (browser missing first) above pytest's last line. Loaded by tests/conftest.py.
"""

from __future__ import annotations

from collections import Counter

# Reasons that mean a whole kind of test did not run on this machine, shown first and in yellow.
_MISSING_TOOLS = ("chromium", "playwright", "pagefind", "axe-playwright")


def _reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr or "no reason given")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    skipped = [report for report in terminalreporter.stats.get("skipped", []) if report.when in ("setup", "call")]
    if not skipped:
        return
    reasons = Counter(_reason(report) for report in skipped)
    tools_first = sorted(reasons.items(), key=lambda item: (not any(t in item[0].lower() for t in _MISSING_TOOLS),
                                                             -item[1], item[0]))
    terminalreporter.section("why tests were skipped", sep="-")
    for reason, count in tools_first:
        missing_tool = any(tool in reason.lower() for tool in _MISSING_TOOLS)
        terminalreporter.write_line(f"{count} skipped: {reason}", yellow=missing_tool, bold=missing_tool)
