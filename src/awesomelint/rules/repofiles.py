"""license-file and contributing-file (profile awesome): the files beside the README that
sindresorhus/awesome asks a list to have. Read from the README's own folder; a list
read from standard input or text is not judged."""

from __future__ import annotations

import re
from pathlib import Path

from ..findings import Severity
from ..registry import AWESOME, Context, FixAvailability, rule

_LICENSE_NAMES = re.compile(r"^(?:licen[cs]e|copying|unlicense)(?:[.-].*)?$", re.I)
_CONTRIBUTING = re.compile(r"^contributing(?:\.(?:md|markdown|txt|rst))?$", re.I)
# a content license lets others reuse the list's text; code licenses are written for software
_CONTENT = re.compile(r"creative\s*commons|\bCC0\b|\bCC[- ]BY\b|CC-BY-SA|public domain dedication", re.I)
_CODE = re.compile(r"\bMIT License\b|Permission is hereby granted, free of charge|Apache License|GNU GENERAL PUBLIC"
                   r"|GNU LESSER|Mozilla Public License|BSD \d-Clause|Redistribution and use in source and binary"
                   r"|ISC License|The Unlicense", re.I)
_HEAD = 4096  # a license says what it is in its first lines


def _beside(ctx: Context, pattern: re.Pattern[str]) -> tuple[Path | None, str] | None:
    """The first file beside the README (or in .github/, docs/) whose name matches, and
    the start of its text; (None, "") when there is none; None when the list was not
    read from a folder (standard input, text) and is not judged."""
    path = Path(ctx.doc.path)
    if ctx.doc.path in ("-", "<text>", "<stdin>") or not path.is_file():
        return None
    folder = path.resolve().parent
    for place in (folder, folder / ".github", folder / "docs"):
        try:
            found = sorted(p for p in place.iterdir() if p.is_file() and pattern.match(p.name))
        except OSError:
            continue
        if found:
            try:
                return found[0], found[0].read_text(encoding="utf-8", errors="replace")[:_HEAD]
            except OSError:
                return found[0], ""
    return None, ""


@rule(
    "license-file",
    summary="No license file beside the README, or one with a code license (MIT, Apache, GPL…) instead of a content license (CC0, CC-BY).",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="# Awesome Things\n\n- [Alpha](https://alpha.example/) - A tool.",
    good="# Awesome Things\n\n- [Alpha](https://alpha.example/) - A tool.",
    profile=AWESOME,
    example_files={"bad": {"LICENSE": "MIT License\n\nPermission is hereby granted, free of charge, to any person…"},
                   "good": {"LICENSE": "Creative Commons Legal Code\n\nCC0 1.0 Universal"}},
)
def license_file(ctx: Context):
    """A list is text, not software: sindresorhus/awesome asks for a Creative Commons
    license (CC0 or CC-BY) in a license file, so others may reuse the list. A list
    with no license cannot be reused at all; a code license does not fit a text."""
    beside = _beside(ctx, _LICENSE_NAMES)
    if beside is None:
        return
    found, head = beside
    start, end = ctx.doc.line_span(1)
    if found is None:
        yield ctx.finding(start, end, "no license file (LICENSE) beside the README; a list needs a content license "
                          "such as CC0-1.0")
    elif _CODE.search(head) and not _CONTENT.search(head):
        yield ctx.finding(start, end, f"{found.name} holds a code license; a list's text wants a content license "
                          "(CC0-1.0 or CC-BY-4.0)")


@rule(
    "contributing-file",
    summary="No contributing.md (in the root, .github/ or docs/), or an empty one.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="# Awesome Things\n\n- [Alpha](https://alpha.example/) - A tool.",
    good="# Awesome Things\n\n- [Alpha](https://alpha.example/) - A tool.",
    profile=AWESOME,
    example_files={"bad": {"contributing.md": "\n"},
                   "good": {"contributing.md": "# Contributing\n\nAdd one entry per pull request, in alphabetical order."}},
)
def contributing_file(ctx: Context):
    """Contributors need to know how an entry should look before they open a pull
    request; sindresorhus/awesome asks every list to say so in contributing.md.
    GitHub finds it in the root, .github/ or docs/, and so does this rule."""
    beside = _beside(ctx, _CONTRIBUTING)
    if beside is None:
        return
    found, head = beside
    start, end = ctx.doc.line_span(1)
    if found is None:
        yield ctx.finding(start, end, "no contributing.md beside the README")
    elif not head.strip():
        yield ctx.finding(start, end, f"{found.name} is empty")
