"""list-title: no top-level '# ' heading naming the list, or more than one.

An HTML <h1>, or a logo image before any heading, stands for the title; a bare '#' line
names nothing. Which heading is the title is the title model's (model/title.py), which
title-case, awesome-badge and toc-position read too."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity
from ..model.headings import headings_of
from ..model.title import has_words, title_of


@rule(
    "list-title",
    summary="No top-level heading naming the list (an HTML <h1> or a leading logo image counts), or more than one.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="## Tools\n\n- [Alpha](https://alpha.example/) - A tool.",
    good="# Awesome Tools\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A tool.",
)
def list_title(ctx: Context) -> Iterator[Finding]:
    """A list's title is its one '# ' heading: GitHub, search engines and the awesome
    index show it as the list's name. A README with none (it starts at '##') has no
    name; a second '# ' heading makes a section look like a new document (an info
    note: many lists do it on purpose). An '<h1>' in HTML, or a logo image before any
    heading, stands for the title (a row of badges does not: it decorates the '# '
    title under it). A bare '#' line names nothing: lists use it as a separator, and
    it is neither title nor section."""
    doc = ctx.doc
    title = title_of(doc)
    top = title.top_headings
    if not title.titled:
        first = next((h for h in doc.derived(headings_of) if has_words(h)), None)
        line = first.line if first is not None else 1
        start, end = doc.line_span(line)
        yield ctx.finding(start, end, "the list has no top-level '# ' heading naming it")
        return
    extras = top[1:] if title.heading is not None else top  # titled in HTML: every '# ' is a section
    for heading in extras:
        start, end = doc.line_span(heading.line)
        yield ctx.finding(
            start,
            end,
            f"another top-level heading ('{heading.text}'); the list's title is its only "
            "'# ' heading — sections are '##'",
            severity=Severity.INFO,
        )
