"""empty-list-item: a list marker alone on its line ('-', '*', '1.'), an empty bullet."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Applicability, Edit, Finding, Fix, Severity
from ..model.document import Document
from ..model.tree import Node

LIST_TYPES = ("bullet_list", "ordered_list")
# the whole line is container prefixes ('>', indentation) and the item's marker
_MARKER_LINE = re.compile(r"^(?:[ \t]*>[ \t]?)*[ \t]*(?P<marker>[-*+]|(?P<number>\d{1,9})[.)])[ \t]*$")


@rule(
    "empty-list-item",
    summary="A list marker alone on its line ('-', '*', '1.'): it renders as an empty bullet.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe deletes the line where the list keeps its shape; unsafe where it may not, none where it would not",
    bad="- [Alpha](https://alpha.example/) - first\n-\n- [Beta](https://beta.example/) - second",
    good="- [Alpha](https://alpha.example/) - first\n- [Beta](https://beta.example/) - second",
)
def empty_list_item(ctx: Context) -> Iterator[Finding]:
    """A marker with nothing after it is what is left when an entry was deleted but not
    its bullet, or a line was split after the marker: GitHub shows an empty bullet (or a
    number with nothing beside it) in the middle of the list. Only items with no content
    and no sub-items count; code and HTML hold no list items.

    Deleting the line is safe where the list keeps its shape: the item has a sibling
    after it (blank lines between stay, so a loose list stays loose), or it ends its list
    and what follows cannot join the item above it (the end of the file, an item of an
    outer list, a heading or fence, or a block at column 0 after a blank line). It is
    unsafe for the only item of a list (the lists around it may merge), for a first
    numbered item whose next number differs (the list would start at that number), and
    for a first or last item with a blank line on its inner side (the blank line would
    move to the list's edge: the list may turn tight, or the item around it loose).
    Where the next line would become part of the item above ('- a' / '-' / 'text'), or
    the list would split in two (an empty item, then two blank lines, ends a list), there
    is no fix."""
    doc = ctx.doc
    for node in doc.tree.walk():
        if node.type not in LIST_TYPES:
            continue
        items = [child for child in node.children if child.type == "list_item"]
        for index, item in enumerate(items):
            if item.children or not item.map:
                continue
            line = item.map[0]
            start, end = doc.line_span(line + 1)
            marker = _MARKER_LINE.match(doc.lines[line])
            fix = _deletion(doc, node, items, index, marker) if marker else None
            if marker:  # the finding is the marker itself
                start, end = start + marker.start("marker"), start + marker.end("marker")
            written = doc.text[start:end].strip()
            yield ctx.finding(
                start,
                end,
                f"list item '{written}' is empty: it renders as an empty bullet; delete it or give it its entry",
                fix=fix,
                entry=_neighbour(ctx, items, index),
            )


def _neighbour(ctx: Context, items: list[Node], index: int) -> str | None:
    """The entry just above the empty item (or below it, for a first item), to say where it is."""
    for other in (items[index - 1] if index else None, items[index + 1] if index + 1 < len(items) else None):
        if other is not None and other.map:
            name = ctx.entry_at(ctx.doc.line_starts[other.map[0]])
            if name:
                return name
    return None


def _deletion(doc: Document, node: Node, items: list[Node], index: int, marker: re.Match[str]) -> Fix | None:
    """Deleting the item's line, safe, unsafe or not offered (see the rule's rationale)."""
    where = items[index].map
    assert where is not None  # the caller skips items the parser did not place
    line = where[0]
    edit = _delete_line(doc, line)
    if index + 1 < len(items):
        following = items[index + 1]
        if following.map is None or not _blank_between(doc, line + 1, following.map[0]):
            return None
        if index == 0 and node.type == "ordered_list" and _number(following) != marker.group("number"):
            return Fix((edit,), Applicability.UNSAFE, restructures=True)
        if index > 0 and _splits_after_empty(doc, items[index - 1], following):
            return None  # the list would split in two, and entries with it
    elif not _nothing_can_join(doc, node, line + 1):
        return None
    elif index == 0 or _joins_next_list(doc, node, line + 1):
        return Fix((edit,), Applicability.UNSAFE, restructures=True)  # the lists around it may merge
    if _moves_blank_lines(doc, items, index):
        return Fix((edit,), Applicability.UNSAFE, restructures=True)
    return Fix((edit,), restructures=True)


def _splits_after_empty(doc: Document, previous: Node, following: Node) -> bool:
    """An empty item followed by two blank lines ends its list (markdown-it's reading of
    CommonMark's 'an item can begin with at most one blank line'): deleting the item
    between an empty item and the next could leave two blank lines after the first."""
    if previous.children or previous.map is None or following.map is None:
        return False
    blanks = sum(_blank(doc.lines[n]) for n in range(previous.map[0] + 1, following.map[0]))
    return blanks >= 2


def _joins_next_list(doc: Document, node: Node, after: int) -> bool:
    """Does a list of the same kind follow, at the same depth, that only an empty item
    followed by blank lines kept apart ('- a' / '-' / '' / '' / '- b')? Without the
    item the two are one list."""
    number = after
    while number < len(doc.lines) and _blank(doc.lines[number]):
        number += 1
    return any(
        token_type == node.token.type and level == node.token.level
        for token_type, level in _blocks_starting(doc).get(number, [])
    )


def _moves_blank_lines(doc: Document, items: list[Node], index: int) -> bool:
    """Would deleting the item move blank lines out from between items? Deleting a middle
    item joins the gaps around it, blank lines kept. Deleting the first or the last drops
    the gap after or before it to the list's edge: if that gap holds a blank line, the
    list may turn tight, or the item holding the list turn loose ('- x' / '  -' / '' /
    '  - a'). Then the fix is only unsafe."""
    if 0 < index < len(items) - 1:
        return False
    return _gap_is_blank(doc, items, 0 if index == 0 else len(items) - 2)


def _gap_is_blank(doc: Document, items: list[Node], j: int) -> bool:
    """Is there a blank line between item ``j``'s last text and item ``j + 1``?"""
    first, end = items[j].map or (0, 0)
    after = items[j + 1].map
    last = end if after is None else after[0]
    text_end = last
    while text_end > first + 1 and _blank(doc.lines[text_end - 1]):
        text_end -= 1
    return text_end < last


def _number(item: Node) -> str:
    return item.token.info


def _delete_line(doc: Document, line: int) -> Edit:
    """An edit removing 0-based ``line`` and its line break."""
    start, end = doc.line_span(line + 1)
    if line + 1 < len(doc.lines):
        return Edit(start, end + 1, "")
    return Edit(max(start - 1, 0), end, "")  # the last line, with no break after it: take the one before


def _blank_between(doc: Document, first: int, last: int) -> bool:
    """Are 0-based lines [first, last) blank, container prefixes aside?"""
    return all(_blank(doc.lines[number]) for number in range(first, last))


def _blank(line: str) -> bool:
    return not line.strip(" \t>")


def _nothing_can_join(doc: Document, node: Node, after: int) -> bool:
    """Once the item's line is gone, can what follows it not join the item above? True at
    the end of the file, before an item of an outer list, before a heading or fence, and
    before a block at column 0 after a blank line (a blank line ends any paragraph, and
    a line at column 0 continues no list item)."""
    number = after
    while number < len(doc.lines) and not doc.lines[number].strip():
        number += 1
    if number >= len(doc.lines):
        return True
    starting = _blocks_starting(doc).get(number, [])
    if any(token_type == "list_item_open" and level < node.token.level for token_type, level in starting):
        return True
    text = doc.lines[number]
    if text[:1].isspace() or not starting:
        return False
    if any(token_type in ("heading_open", "fence") for token_type, _ in starting) and text.lstrip("> ")[:1] in "#`~":
        return True
    return number > after and starting[0][1] == 0


def _blocks_starting(doc: Document) -> dict[int, list[tuple[str, int]]]:
    return doc.derived(_block_starts)


def _block_starts(doc: Document) -> dict[int, list[tuple[str, int]]]:
    """0-based line -> (type, level) of the block tokens that open on it, outermost first."""
    starts: dict[int, list[tuple[str, int]]] = {}
    for token in doc.tokens:
        if token.map and token.nesting >= 0 and token.type != "inline":
            starts.setdefault(token.map[0], []).append((token.type, token.level))
    return starts
