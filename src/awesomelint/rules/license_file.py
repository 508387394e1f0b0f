"""license-file: no license file beside the README, or one holding a code license instead of a content license.

Profile awesome. Read from the README's own folder (readmefolder.py); a list read from
standard input or text is not judged."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Finding, Severity
from ..model.readmefolder import file_beside

_LICENSE_NAMES = re.compile(r"^(?:licen[cs]e|copying|unlicense)(?:[.-].*)?$", re.I)
# a content license lets others reuse the list's text; code licenses are written for software
_CONTENT = re.compile(r"creative\s*commons|\bCC0\b|\bCC[- ]BY\b|CC-BY-SA|public domain dedication", re.I)
_CODE = re.compile(
    r"\bMIT License\b|Permission is hereby granted, free of charge|Apache License|GNU GENERAL PUBLIC"
    r"|GNU LESSER|Mozilla Public License|BSD \d-Clause|Redistribution and use in source and binary"
    r"|ISC License|The Unlicense",
    re.I,
)


@rule(
    "license-file",
    summary="No license file beside the README, or one with a code license (MIT, Apache, GPL…) instead of a content license (CC0, CC-BY).",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="# Awesome Things\n\n- [Alpha](https://alpha.example/) - A tool.",
    good="# Awesome Things\n\n- [Alpha](https://alpha.example/) - A tool.",
    profile=AWESOME,
    example_files={
        "bad": {"LICENSE": "MIT License\n\nPermission is hereby granted, free of charge, to any person…"},
        "good": {"LICENSE": "Creative Commons Legal Code\n\nCC0 1.0 Universal"},
    },
)
def license_file(ctx: Context) -> Iterator[Finding]:
    """A list is text, not software: sindresorhus/awesome asks for a Creative Commons
    license (CC0 or CC-BY) in a license file, so others may reuse the list. A list
    with no license cannot be reused at all; a code license does not fit a text."""
    beside = file_beside(ctx.doc, _LICENSE_NAMES)
    if beside is None:
        return
    found, head = beside
    start, end = ctx.doc.line_span(1)
    if found is None:
        yield ctx.finding(
            start, end, "no license file (LICENSE) beside the README; a list needs a content license such as CC0-1.0"
        )
    elif _CODE.search(head) and not _CONTENT.search(head):
        yield ctx.finding(
            start,
            end,
            f"{found.name} holds a code license; a list's text wants a content license (CC0-1.0 or CC-BY-4.0)",
        )
