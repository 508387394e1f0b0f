"""list-numbering: ordered lists whose numbers repeat or skip."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from markdown_it.token import Token

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.document import Document

_MARKER = re.compile(r"^((?:[ \t]*>)*[ \t]*)(\d{1,9})([.)])")


@rule(
    "list-numbering",
    summary="Ordered list numbers that repeat or skip inside one list.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="renumber from the first number, re-indenting sub-bullets when a number gains a digit; safe up to `max-safe-lines` changed lines, else an info note with an unsafe fix",
    bad="17. Quilt-1M\n18. CONCH\n17. KEP",
    good="17. Quilt-1M\n18. CONCH\n19. KEP",
    options={"max-safe-lines": 20},
)
def list_numbering(ctx: Context) -> Iterator[Finding]:
    """GitHub renders an ordered list 1, 2, 3 whatever is typed, but the file is what
    contributors read and cite ("see no. 17"), and a restarted count usually means two
    lists were pasted together. Lists numbered all '1.' (or nearly all: "21. 22. 1. 1.
    1." continues a count that a <details> block broke) are a deliberate style and
    pass. The renumbering keeps the first number."""
    doc = ctx.doc
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.type != "ordered_list_open":
            continue
        items = _items(tokens, index)
        numbers = [int(item.info) for item in items if item.info.isdigit()]
        if len(numbers) != len(items) or len(items) < 2:
            continue
        if Counter(numbers).most_common(1)[0][1] * 4 >= len(numbers) * 3:
            continue  # 1. 1. 1. style, maybe after a first number or two that set where the count starts
        expected = list(range(numbers[0], numbers[0] + len(numbers)))
        if numbers == expected:
            continue
        edits = []
        for item, want in zip(items, expected):
            edits.extend(_renumber(doc, item, want))
        bad = next(i for i, (n, e) in enumerate(zip(numbers, expected)) if n != e)
        bad_map = items[bad].map
        assert bad_map is not None  # the parser places every list item
        line = bad_map[0] + 1
        start, end = doc.line_span(line)
        what = "repeats" if numbers[bad] in numbers[:bad] else "skips"
        message = (
            f"list numbering {what} at item {numbers[bad]} (expected {expected[bad]}); the list runs {_ranges(numbers)}"
        )
        changed = len({doc.position(edit.start)[0] for edit in edits})
        following = _next_start(tokens, index)
        if following is not None and following == numbers[-1] + 1 and expected[-1] >= following:
            # the next list goes on from this one's last number: renumbering this one
            # alone would make the two overlap
            yield ctx.finding(
                start,
                end,
                f"{message}; the next list goes on from {numbers[-1]} at {following}, so "
                "renumbering this one alone would repeat its numbers",
                fix=Fix.unsafe(*edits),
            )
            continue
        if changed > ctx.option("max-safe-lines"):
            yield ctx.finding(
                start,
                end,
                f"{message}; renumbering would change {changed} lines that GitHub shows "
                "numbered anyway: `fix --unsafe-fixes` does it",
                severity=Severity.INFO,
                fix=Fix.unsafe(*edits),
            )
            continue
        yield ctx.finding(start, end, message, fix=Fix.safe(*edits) if edits else None)


def _next_start(tokens: Sequence[Token], open_index: int) -> int | None:
    """The first number of the next ordered list at the same depth, if it has one."""
    level = tokens[open_index].level
    closed = False
    for token in tokens[open_index + 1 :]:
        if token.type == "ordered_list_close" and token.level == level:
            closed = True
        elif closed and token.type == "ordered_list_open" and token.level == level:
            start = token.attrs.get("start", 1)
            return int(start) if isinstance(start, (int, str)) and str(start).isdigit() else 1
        elif closed and token.level < level:
            return None  # the container ends: no sibling list
    return None


def _items(tokens: Sequence[Token], open_index: int) -> list[Token]:
    level = tokens[open_index].level
    items = []
    for token in tokens[open_index + 1 :]:
        if token.type == "ordered_list_close" and token.level == level:
            break
        if token.type == "list_item_open" and token.level == level + 1:
            items.append(token)
    return items


def _renumber(doc: Document, item: Token, number: int) -> list[Edit]:
    assert item.map is not None  # the parser places every list item
    first = item.map[0]
    line = doc.lines[first]
    match = _MARKER.match(line)
    if not match or int(match.group(2)) == number:
        return []
    base = doc.line_starts[first]
    edits = [Edit(base + match.start(2), base + match.end(2), str(number))]
    shift = len(str(number)) - len(match.group(2))
    if shift:
        content_column = match.end(3) + 1
        for child_line in range(first + 1, item.map[1]):
            text = doc.lines[child_line]
            indent = len(text) - len(text.lstrip(" "))
            if not text.strip() or indent < content_column - 1:
                continue
            start = doc.line_starts[child_line]
            if shift > 0:
                edits.append(Edit(start, start, " " * shift))
            else:
                edits.append(Edit(start, start - shift, ""))
    return edits


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:12]) + (", ..." if len(numbers) > 12 else "")
