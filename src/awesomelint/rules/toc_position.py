"""toc-position: the table of contents is not the first section after the title.

Profile awesome: sindresorhus/awesome wants Contents first, so a reader lands on the map."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Finding, Severity
from ..model.headings import headings_of
from ..model.title import title_heading
from ..model.toc import table_of_contents


@rule(
    "toc-position",
    summary="The table of contents is not the first section after the title.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="# Awesome Things\n\n## Tools\n\n## Contents\n\n- [Tools](#tools)",
    good="# Awesome Things\n\n## Contents\n\n- [Tools](#tools)\n\n## Tools",
    profile=AWESOME,
)
def toc_position(ctx: Context) -> Iterator[Finding]:
    """sindresorhus/awesome wants Contents as the first section, so a reader lands on
    the map of the list; an introduction in the lines under the title is fine, a
    section heading before Contents is not."""
    toc = table_of_contents(ctx.doc)
    if toc is None:
        return
    title = title_heading(ctx.doc)
    place = toc.heading.line if toc.heading is not None else toc.first_line
    before = [h for h in ctx.doc.derived(headings_of) if h.line < place and h is not title and h.level > 1]
    if before:
        start, end = ctx.doc.line_span(place)
        yield ctx.finding(
            start,
            end,
            f"the table of contents comes after '{before[0].text}' (line {before[0].line}); "
            "it should be the first section",
        )
