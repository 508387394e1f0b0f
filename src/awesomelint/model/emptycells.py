"""How a table says "nothing here": the empty-cell markers the data lists ('-', '—', 'N/A',
blank …) and the one a table uses most.

Its own module because two rules share it: table-shape pads a row's missing cells with
the table's marker, and empty-cell-marker makes the table's other markers that one."""

from __future__ import annotations

from collections import Counter

from .. import data
from .document import Document

DEFAULT_MARKER = "-"


def empty_markers() -> list[str]:
    return data.patterns("empty_markers", "markers")


def table_marker(doc: Document, body: tuple[int, ...], markers: list[str], configured: str | None) -> str:
    """The marker a table uses most for empty cells (blank counts only if nothing else is used)."""
    if configured:
        return configured
    used = Counter(c.text for line in body for c in doc.row_cells(line) if c.text in markers)
    written = [(m, n) for m, n in used.most_common() if m]
    return written[0][0] if written else DEFAULT_MARKER
