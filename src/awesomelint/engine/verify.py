"""The checks every rewrite must pass before `fix` may write it: nothing lost, nothing
changed that no edit meant to change. A failed check is a bug in a fix, reported as one."""

from __future__ import annotations

from collections import Counter

from ..findings import Edit
from ..model.document import Document
from ..model.entries import entries_of
from ..model.markdown import render_tokens
from ..model.spans import Spans


class FixError(Exception):
    """Verification failed: the file is left as it was. A bug in a rule, not bad input;
    the command line still ends with one line and exit 2."""


def verify(before: Document, after: Document, edits: list[Edit], *, structure: bool = True) -> None:
    """Raise FixError if ``after`` lost an entry, a link no edit touched, code, or (unless
    a fix is meant to change it) structure."""
    path = before.path
    old_entries, new_entries = entries_of(before), entries_of(after)
    # a fix may make an entry of a line that was none (a repaired link, a stray '-[Foo](…)'),
    # never lose one; the block structure, checked below, says whether anything else moved
    if len(new_entries) < len(old_entries):
        raise FixError(
            f"{path}: fix would change the entry count ({len(old_entries)} -> {len(new_entries)}); nothing written"
        )
    edited = Spans.merged((e.start, e.end) for e in edits)
    # every link no edit touched is still there, as often as before (entries may have moved)
    remaining = Counter((link.text, link.url) for entry in new_entries for link in entry.links)
    for old in old_entries:
        for link in old.links:
            if edited.touches(link.start, link.end):
                continue
            if remaining[(link.text, link.url)] <= 0:
                raise FixError(
                    f"{path}:{old.line}: fix would lose the link {link.url!r} of entry {old.title!r}; nothing written"
                )
            remaining[(link.text, link.url)] -= 1
    if _code_blocks(before) != _code_blocks(after):
        raise FixError(f"{path}: fix would change a code block; nothing written")
    if structure and _structure(before) != _structure(after):
        line = _first_structure_change(before, after)
        raise FixError(f"{path}:{line}: fix would change the block structure; nothing written")


def verify_layout(before: Document, after: Document) -> None:
    if html(before) != html(after):
        raise FixError(f"{before.path}: fixes after layout changed the rendered HTML unexpectedly; nothing written")


def html(doc: Document) -> str:
    """The document's HTML with runs of white space folded: what a layout change must keep."""
    return " ".join(render_tokens(doc.tokens).split())


def _code_blocks(doc: Document) -> list[str]:
    return [t.content for t in doc.tokens if t.type in ("fence", "code_block")]


def _structure(doc: Document) -> list[tuple[str, int]]:
    return [(t.type, t.level) for t in doc.tokens if t.type != "inline"]


def _first_structure_change(before: Document, after: Document) -> int:
    old = [t for t in before.tokens if t.type != "inline"]
    new = [t for t in after.tokens if t.type != "inline"]
    for a, b in zip(old, new):
        if (a.type, a.level) != (b.type, b.level):
            return (a.map[0] + 1) if a.map else 1
    return 1
