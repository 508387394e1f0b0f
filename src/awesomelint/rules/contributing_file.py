"""contributing-file: no contributing.md beside the README (or in .github/, docs/), or an empty one.

Profile awesome. Read from the README's own folder (readmefolder.py); a list read from
standard input or text is not judged."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Finding, Severity
from ..model.readmefolder import file_beside

_CONTRIBUTING = re.compile(r"^contributing(?:\.(?:md|markdown|txt|rst))?$", re.I)


@rule(
    "contributing-file",
    summary="No contributing.md (in the root, .github/ or docs/), or an empty one.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="# Awesome Things\n\n- [Alpha](https://alpha.example/) - A tool.",
    good="# Awesome Things\n\n- [Alpha](https://alpha.example/) - A tool.",
    profile=AWESOME,
    example_files={
        "bad": {"contributing.md": "\n"},
        "good": {"contributing.md": "# Contributing\n\nAdd one entry per pull request, in alphabetical order."},
    },
)
def contributing_file(ctx: Context) -> Iterator[Finding]:
    """Contributors need to know how an entry should look before they open a pull
    request; sindresorhus/awesome asks every list to say so in contributing.md.
    GitHub finds it in the root, .github/ or docs/, and so does this rule."""
    beside = file_beside(ctx.doc, _CONTRIBUTING)
    if beside is None:
        return
    found, head = beside
    start, end = ctx.doc.line_span(1)
    if found is None:
        yield ctx.finding(start, end, "no contributing.md beside the README")
    elif not head.strip():
        yield ctx.finding(start, end, f"{found.name} is empty")
