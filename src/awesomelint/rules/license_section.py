"""license-section: a License section in the README; the list's license belongs in a license file.

Profile awesome. The fix removes the section and is unsafe: check the license file first."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Applicability, Edit, Finding, Fix, Severity
from ..model.headings import headings_of

_LICENSE_HEADING = re.compile(r"^(licen[cs]e|licensing)$", re.I)


@rule(
    "license-section",
    summary="A License section in the README (the list's license belongs in a license file).",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="remove the section",
    bad="# Awesome Things\n\n## Tools\n\n## License\n\nCC0",
    good="# Awesome Things\n\n## Tools",
    profile=AWESOME,
)
def license_section(ctx: Context) -> Iterator[Finding]:
    """sindresorhus/awesome asks that the license live in a LICENSE file, where GitHub
    shows it, rather than in a section readers scroll past. Removing the section is
    unsafe: check the license file says the same first."""
    doc = ctx.doc
    headings = doc.derived(headings_of)
    for index, heading in enumerate(headings):
        if heading.level < 2 or not _LICENSE_HEADING.match(heading.name):
            continue
        following = next((h for h in headings[index + 1 :] if h.level <= heading.level), None)
        start = doc.line_starts[heading.line - 1]
        end = doc.line_starts[following.line - 1] if following is not None else len(doc.text)
        line_start, line_end = doc.line_span(heading.line)
        yield ctx.finding(
            line_start,
            line_end,
            "a License section in the README; the license belongs in a license file",
            fix=Fix((Edit(start, end, ""),), Applicability.UNSAFE, restructures=True),
        )
