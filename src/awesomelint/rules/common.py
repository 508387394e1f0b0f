"""Small helpers the rules share."""

from __future__ import annotations

import bisect

from ..document import Document
from ..entries import Entry, Link
from ..findings import Edit


def dest_edit(doc: Document, link: Link, new_url: str) -> Edit | None:
    """An edit that rewrites a link's destination, when it is written plainly."""
    if link.dest is None:
        return None
    start, end = link.dest
    written = doc.text[start:end]
    if written.startswith("<") and written.endswith(">"):
        start, end, written = start + 1, end - 1, written[1:-1]
    if written != link.url:
        return None  # escapes or entities in the source: leave it to a person
    return Edit(start, end, new_url)


def entry_of_offset(entries: list[Entry], doc: Document, offset: int) -> Entry | None:
    """The entry whose lines hold ``offset`` (entries are in line order, and do not overlap
    except a heading entry's span, so the last one starting at or before the line wins)."""
    starts = doc.__dict__.get("_entry_starts")
    if starts is None or len(starts) != len(entries):
        starts = doc.__dict__["_entry_starts"] = [e.line for e in entries]
    line = doc.position(offset)[0]
    index = bisect.bisect_right(starts, line) - 1
    while index >= 0:
        entry = entries[index]
        if entry.line <= line <= entry.end_line:
            return entry
        if entry.kind != "heading":
            return None
        index -= 1
    return None


def entry_name(entry: Entry | None) -> str | None:
    return entry.title or None if entry is not None else None
