"""list-marker-space: a line that starts with a marker and no space (``-[Tool](…)``).

Most of the module decides whether inserting the space is safe: whether the line then
becomes an item of the list around it and nothing else on the page moves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Applicability, Edit, Finding, Fix, Severity
from ..model.document import Document
from ..model.markdown import parser
from ..model.tree import Node

# "-[Foo](…)" at the start of a paragraph line: a marker with no space is text
_NO_SPACE = re.compile(r"^(?P<prefix>(?:[ \t]*>[ \t]?)*[ \t]*)(?P<marker>[-*+])\[[^\]\n]+\]\(")
# a paragraph with no line like this has no stray marker: most paragraphs are skipped on it
_MAYBE_STRAY = re.compile(r"^[ \t]*[-*+]\[", re.MULTILINE)
_ITEM_PREFIX = re.compile(r"^(?P<prefix>(?:[ \t]*>[ \t]?)*[ \t]*)[-*+]")
_QUOTES = re.compile(r"^(?:[ \t]*>[ \t]?)*")
_ITEM_START = re.compile(r"^(?:[ \t]*>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


@dataclass(frozen=True)
class _Stray:
    """A paragraph line that starts with a list marker and no space: '-[Foo](…)'."""

    line: int  # 0-based
    prefix: str  # quote markers and indentation before the marker
    marker: str


@rule(
    "list-marker-space",
    summary="'-[Foo](…)' at the start of a line: meant as a list item, it renders as a line of text.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe: insert the space where the line becomes an item of its list and nothing else moves; unsafe elsewhere",
    bad="- [Alpha](https://alpha.example/) - first\n-[Beta](https://beta.example/) - second",
    good="- [Alpha](https://alpha.example/) - first\n- [Beta](https://beta.example/) - second",
)
def list_marker_space(ctx: Context) -> Iterator[Finding]:
    """A list marker needs a space after it. Without one, '-[Beta](…)' is not an item:
    below an item it joins that item's text, elsewhere it is a paragraph, and the
    entry is missing from the list a reader scans. A '*' the parser reads as emphasis
    (`*[Foo](…) says more.*`, closing on this line or a later one) is not a marker.

    Inserting the space is safe where the line then becomes an item of its list and
    nothing else moves: it ends a paragraph that continues an item of a list with the
    same marker, at that item's indentation, or it is a paragraph of such lines on its
    own beside no tight list it would join; in both cases no later line may fall into
    the new item, and no emphasis or link may run across the line. Elsewhere (prose
    around it, another marker, an ordered list) the fix is unsafe."""
    doc = ctx.doc
    for paragraph in (node for node in doc.tree.walk() if node.type == "paragraph" and node.map):
        inline = next(iter(paragraph.inline_tokens()), None)
        if inline is None or paragraph.map is None or not _MAYBE_STRAY.search(inline.content):
            continue
        first = paragraph.map[0]
        pieces = inline.content.split("\n")
        strays = [stray for stray in _strays(doc, first, pieces) if not doc.in_code(_after_marker(doc, stray))]
        run = _final_run(strays, first + len(pieces))
        safe = bool(run) and _splits_cleanly(pieces, len(pieces) - len(run)) and _joins_its_list(doc, paragraph, run)
        made_items = {stray.line for stray in run} if safe else set()
        for stray in strays:
            at = _after_marker(doc, stray)
            applicability = Applicability.SAFE if stray.line in made_items else Applicability.UNSAFE
            yield ctx.finding(
                at - 1,
                at,
                f"'{stray.marker}' with no space after it is not a list marker",
                fix=Fix((Edit(at, at, " "),), applicability, restructures=True),
                entry=ctx.entry_at(at),
            )


def _after_marker(doc: Document, stray: _Stray) -> int:
    return doc.line_starts[stray.line] + len(stray.prefix) + 1


def _strays(doc: Document, first: int, pieces: list[str]) -> list[_Stray]:
    """The paragraph's lines that start with a marker and no space, less a '*' that the
    parser takes as emphasis."""
    found = []
    for index, piece in enumerate(pieces):
        number = first + index
        match = _NO_SPACE.match(doc.lines[number]) if number < len(doc.lines) else None
        if match is None or not piece.lstrip(" \t").startswith(match.group("marker") + "["):
            continue
        found.append(_Stray(number, match.group("prefix"), match.group("marker")))
    stars = [stray.line - first for stray in found if stray.marker == "*"]
    emphasis = _emphasis(pieces, stars)
    return [stray for stray in found if stray.line - first not in emphasis]


MAX_STARS = 16  # '*' lines of one paragraph tested one by one; past that, all are taken as emphasis


def _emphasis(pieces: list[str], stars: list[int]) -> set[int]:
    """Which of these lines' leading '*' open emphasis? Escaping a literal '*' changes
    nothing the parser makes of the paragraph (an unmatched '*' blocks no other pair),
    so one render with all of them escaped clears them all in the common case; else
    each is tried alone, up to MAX_STARS, so a paragraph of thousands stays linear."""
    if not stars:
        return set()
    content = "\n".join(pieces)
    html = _inline_html(content)
    if _inline_html(_escaped(pieces, stars)) == html:
        return set()
    if len(stars) > MAX_STARS:
        return set(stars)
    return {index for index in stars if _inline_html(_escaped(pieces, [index])) != html}


def _escaped(pieces: list[str], indices: list[int]) -> str:
    """The paragraph with the first '*' of each of these lines escaped."""
    chosen = set(indices)
    return "\n".join(_escape_first(piece) if index in chosen else piece for index, piece in enumerate(pieces))


def _escape_first(piece: str) -> str:
    at = len(piece) - len(piece.lstrip(" \t"))
    return piece[:at] + "\\" + piece[at:]


def _inline_html(text: str) -> str:
    md = parser()
    return md.renderInline(text)


def _final_run(strays: list[_Stray], end: int) -> list[_Stray]:
    """The strays on the paragraph's last lines, one after another up to its end: made
    items all together, none leaves text behind to fall into it."""
    run: list[_Stray] = []
    for stray in reversed(strays):
        if stray.line != end - 1 - len(run):
            break
        run.append(stray)
    return run[::-1]


def _splits_cleanly(pieces: list[str], cut: int) -> bool:
    """Does each line from ``cut`` on read the same on its own as within the paragraph
    (no emphasis, link or code span crossing a line the fix makes an item)?"""
    parts = (["\n".join(pieces[:cut])] if cut else []) + [piece.lstrip(" \t") for piece in pieces[cut:]]
    return _inline_html("\n".join(pieces)) == "\n".join(_inline_html(part) for part in parts)


def _joins_its_list(doc: Document, paragraph: Node, run: list[_Stray]) -> bool:
    """Will the run's lines become items beside what is around them, and nothing else
    change: no other item loosened, split or handed a line of its own?"""
    if len({(stray.prefix, stray.marker) for stray in run}) != 1 or "\t" in run[0].prefix:
        return False
    prefix, marker = run[0].prefix, run[0].marker
    container = paragraph.parent
    if container is None or not _nothing_falls_in(doc, run[-1].line, prefix):
        return False
    if container.type == "list_item":
        return _continues_an_item(doc, container, prefix, marker)
    if container.type not in ("root", "blockquote"):
        return False
    quotes = _quotes(prefix)
    if quotes.count(">") != _quote_depth(paragraph) or len(prefix) - len(quotes) > 3:
        return False
    if not paragraph.map or run[0].line != paragraph.map[0]:
        return False  # prose above it: a sentence may go on '-[…' (only a list item's text is sure)
    siblings = container.children
    at = siblings.index(paragraph)
    return _joins_alike(
        doc, siblings[at - 1] if at else None, siblings[at + 1] if at + 1 < len(siblings) else None, marker, run
    )


def _joins_alike(doc: Document, before: Node | None, after: Node | None, marker: str, run: list[_Stray]) -> bool:
    """The new list joins a list with its marker above it (across a blank line) or
    below it: do those lists stay as tight or loose as they were? A paragraph of strays
    beside it may become such a list by its own fix: not sure, so no."""
    for node in (before, after):
        if node is not None and node.type == "paragraph" and node.map:
            stray = _NO_SPACE.match(doc.lines[node.map[0]])
            if stray is not None and stray.group("marker") == marker:
                return False
    joined = [
        node
        for node in (before, after)
        if node is not None and node.type == "bullet_list" and node.token.markup == marker and node.map
    ]
    if not joined:
        return True
    gap = before in joined or (after in joined and after.map is not None and after.map[0] != run[-1].line + 1)
    loose = gap or any(_loose(node) for node in joined)
    return all(_loose(node) == loose for node in joined)


def _continues_an_item(doc: Document, item: Node, prefix: str, marker: str) -> bool:
    """Is the paragraph's item one of a list with this marker, and the run written
    where that item's marker is (so the new items are its siblings)? Whatever else the
    item holds is indented to its content, so `_nothing_falls_in` has refused it."""
    items = item.parent
    sibling = _ITEM_PREFIX.match(doc.lines[item.map[0]]) if item.map else None
    return (
        items is not None
        and items.type == "bullet_list"
        and items.token.markup == marker
        and sibling is not None
        and sibling.group("prefix") == prefix
    )


def _quotes(prefix: str) -> str:
    match = _QUOTES.match(prefix)
    return match.group(0) if match else ""


def _quote_depth(node: Node) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += parent.type == "blockquote"
        parent = parent.parent
    return depth


def _loose(items: Node) -> bool:
    """Does the list render loose (its items' text in paragraphs)?"""
    return any(
        not child.token.hidden for item in items.children for child in item.children if child.type == "paragraph"
    )


def _nothing_falls_in(doc: Document, line: int, prefix: str) -> bool:
    """Would what follows stay out of the new item? The next line must be blank or
    another item's marker line, and the next line with text not indented to the new
    item's content (the marker's column plus two), where it would fall into it."""
    quotes = _quotes(prefix)
    content_column = len(prefix) - len(quotes) + 2
    following = doc.lines[line + 1 : line + 2]
    if following and following[0].strip(" \t>") and not _ITEM_START.match(following[0]):
        return False  # a table, heading or fence right under it: the new item may take it in
    for text in doc.lines[line + 1 :]:
        inside = _quotes(text)
        rest = text[len(inside) :]
        if not rest.strip():
            continue
        if inside.count(">") != quotes.count(">"):
            return True  # another container: nothing of it is this item's
        indent = len(rest) - len(rest.lstrip(" \t"))
        return "\t" not in rest[:indent] and indent < content_column
    return True
