"""The files beside a README, in its folder or .github/ and docs/, where GitHub finds them:
license-file and contributing-file both look there, so the one way of finding them lives
here. A list read from standard input or text has no folder and is not judged."""

from __future__ import annotations

import re
from pathlib import Path

from .document import Document

_HEAD = 4096  # a license says what it is in its first lines


def file_beside(doc: Document, pattern: re.Pattern[str]) -> tuple[Path | None, str] | None:
    """The first file beside the README (or in .github/, docs/) whose name matches, and
    the start of its text; (None, "") when there is none; None when the list was not
    read from a folder (standard input, text) and is not judged."""
    path = Path(doc.path)
    if doc.path in ("-", "<text>", "<stdin>") or not path.is_file():
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
