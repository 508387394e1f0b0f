"""toc-depth: a table of contents more than two levels deep.

Profile awesome: two levels are what a reader scans."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Finding, Severity
from ..model.toc import table_of_contents


@rule(
    "toc-depth",
    summary="A table of contents more than two levels deep.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="## Contents\n\n- [Tools](#tools)\n  - [Editors](#editors)\n    - [Vim](#vim)\n\n## Tools\n\n### Editors\n\n#### Vim",
    good="## Contents\n\n- [Tools](#tools)\n  - [Editors](#editors)\n\n## Tools\n\n### Editors\n\n#### Vim",
    profile=AWESOME,
)
def toc_depth(ctx: Context) -> Iterator[Finding]:
    """Two levels (sections and their subsections) are what a reader scans; a third
    makes the contents longer than some sections."""
    toc = table_of_contents(ctx.doc)
    if toc is None:
        return
    for item in toc.walk():
        if item.depth == 2:
            yield ctx.finding(item.link_start, item.link_end, f"ToC item '{item.text}' is a third level")
