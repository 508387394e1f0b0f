"""ci-badge: a CI or build-status badge above the list's first section.

Profile awesome: a build badge reports on the repository, not on the list's links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .. import data
from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.headings import headings_of
from ..model.linkspans import parsed_links


@cache
def _ci_badge_patterns() -> re.Pattern[str]:
    return re.compile("|".join(data.load("ci_badges")["patterns"]), re.I)


@rule(
    "ci-badge",
    summary="A CI or build-status badge (GitHub Actions, Travis, CircleCI…): it reports on the repository, not the list.",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="remove the badge",
    bad="# Awesome Things [![Build Status](https://travis-ci.org/me/awesome-things.svg)](https://travis-ci.org/me/awesome-things)",
    good="# Awesome Things",
    profile=AWESOME,
)
def ci_badge(ctx: Context) -> Iterator[Finding]:
    """A list's readers care whether its links work, not whether its CI passed; a red
    badge on a list looks like a broken list (sindresorhus/awesome asks for none).
    Badges of entries' own projects inside the list are not judged: only those above
    the first section."""
    doc = ctx.doc
    headings = [h for h in doc.derived(headings_of) if h.level > 1]
    limit = doc.line_starts[headings[0].line - 1] if headings else len(doc.text)
    pattern = _ci_badge_patterns()
    links = parsed_links(doc)
    for link in links:
        if link.kind != "image" or link.start >= limit or not pattern.search(link.url + " " + link.text):
            continue
        outer = next((l for l in links if l.kind != "image" and l.start <= link.start and link.end <= l.end), None)
        start, end = (outer.start, outer.end) if outer is not None else (link.start, link.end)
        if doc.text[end : end + 1] == " ":
            end += 1
        elif doc.text[start - 1 : start] == " ":
            start -= 1
        yield ctx.finding(
            start,
            end,
            f"a CI badge ('{link.text or link.url}'); a list does not show its build status",
            fix=Fix.unsafe(Edit(start, end, "")),
        )
