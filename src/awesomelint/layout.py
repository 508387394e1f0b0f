"""Canonical layout: how `fix` writes tables, bullets, headings and the space between
blocks. Layout never changes meaning, so it must render to exactly the same HTML as
the text it started from; `fix` checks that and names the block if it does not.

Each change is an edit grouped by the block it belongs to, so a failed check can say
which block it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .document import Document, split_row
from .findings import Edit

_ATX = re.compile(r"^(?P<prefix>(?:[ \t]*>)*[ \t]{0,3})(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))??(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^(?P<prefix>(?:[ \t]*>[ \t]?)*[ \t]*)(?P<marker>[-*+])(?=[ \t]|$)")
_DELIMITER_CELL = re.compile(r"^(:?)-+(:?)$")


@dataclass
class Options:
    table_align: bool = False
    bullet: str = "-"


@dataclass
class Group:
    """The layout edits of one block, and what to call it in a message."""

    line: int  # 1-based
    what: str
    edits: list[Edit]


def layout_groups(doc: Document, options: Options | None = None) -> list[Group]:
    options = options or Options()
    groups: list[Group] = []
    groups += _tables(doc, options)
    groups += _bullets(doc, options)
    groups += _headings(doc)
    groups += _nested_indent(doc)
    groups += _block_spacing(doc)
    return [g for g in groups if g.edits]


# tables --------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _tables(doc: Document, options: Options) -> list[Group]:
    groups = []
    for token in doc.tokens:
        if token.type != "table_open" or not token.map or token.level != 0:
            continue
        first, last = token.map
        rows = []
        for number in range(first, last):
            line = doc.lines[number]
            if line.lstrip().startswith(">"):
                break  # inside a container: left as written
            cells = [line[c.raw_start : c.raw_end].strip() for c in split_row(line)]
            rows.append((number, cells))
        if len(rows) < 2:
            continue
        delimiter = []
        for cell in rows[1][1]:
            match = _DELIMITER_CELL.match(cell.replace(" ", ""))
            left, right = (match.group(1), match.group(2)) if match else ("", "")
            delimiter.append(f"{left}---{right}" if not (left and right) else ":---:")
        widths = [3] * max(len(cells) for _, cells in rows)
        if options.table_align:
            for index, (_, cells) in enumerate(rows):
                if index == 1:
                    continue
                for column, cell in enumerate(cells):
                    widths[column] = max(widths[column], _width(cell))
        edits = []
        for index, (number, cells) in enumerate(rows):
            if index == 1:
                cells = delimiter + cells[len(delimiter) :]
                if options.table_align:
                    cells = [_stretch_delimiter(c, widths[i]) for i, c in enumerate(cells)]
            elif options.table_align:
                cells = [c + " " * (widths[i] - _width(c)) for i, c in enumerate(cells)]
            if not cells:
                continue
            text = "| " + " | ".join(cells) + " |"
            start, end = doc.line_span(number + 1)
            if doc.lines[number] != text:
                edits.append(Edit(start, end, text))
        groups.append(Group(first + 1, "table", edits))
    return groups


def _stretch_delimiter(cell: str, width: int) -> str:
    left, right = cell.startswith(":"), cell.endswith(":") and len(cell) > 1
    dashes = max(3, width - left - right)
    return (":" if left else "") + "-" * dashes + (":" if right else "")


# bullets ---------------------------------------------------------------------


def _bullets(doc: Document, options: Options) -> list[Group]:
    groups = []
    tokens = doc.tokens
    previous_list_end: dict[int, tuple[int, str]] = {}
    for index, token in enumerate(tokens):
        if token.type != "bullet_list_open" or not token.map:
            continue
        # two lists that touch stay apart only through their different markers
        touching = previous_list_end.get(token.level)
        previous_list_end[token.level] = (token.map[1], token.markup)
        if token.markup == options.bullet or (touching and touching[0] >= token.map[0] - 1):
            continue
        if _neighbour_marker(tokens, index, options.bullet):
            continue
        edits = []
        for item in _items(tokens, index):
            number = item.map[0]
            match = _BULLET.match(doc.lines[number])
            if match and match.group("marker") == token.markup:
                start = doc.line_starts[number] + match.start("marker")
                edits.append(Edit(start, start + 1, options.bullet))
        groups.append(Group(token.map[0] + 1, "bullet list", edits))
    return groups


def _neighbour_marker(tokens, index: int, bullet: str) -> bool:
    """Is the list right after this one (same level) already using the target marker?"""
    level = tokens[index].level
    for token in tokens[index + 1 :]:
        if token.level < level:
            return False
        if token.type == "bullet_list_close" and token.level == level:
            continue
        if token.level == level and token.nesting == 1:
            return token.type == "bullet_list_open" and token.markup == bullet
    return False


def _items(tokens, open_index: int):
    level = tokens[open_index].level
    for token in tokens[open_index + 1 :]:
        if token.type == "bullet_list_close" and token.level == level:
            break
        if token.type == "list_item_open" and token.level == level + 1 and token.map:
            yield token


# nested lists ----------------------------------------------------------------

_MARKER = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( {1,4}|$)")


def _nested_indent(doc: Document) -> list[Group]:
    """Sub-lists start at their parent item's content column (after "1. " or "- ").

    Lists are walked from the outside in; a shift given to a list moves every line of
    it, so deeper lists keep their place relative to it. Lists in blockquotes or with
    tab indentation are left as written.
    """
    shifts = [0] * len(doc.lines)
    tokens = doc.tokens
    owners: list[tuple[int, int]] = []  # (item's first line, content column after shifts) per open item
    for token in tokens:
        if token.type == "list_item_open" and token.map:
            line = doc.lines[token.map[0]]
            match = _MARKER.match(line)
            if match is None:
                owners.append((token.map[0], -1))
                continue
            content = len(match.group(1)) + len(match.group(2)) + max(1, len(match.group(3)))
            owners.append((token.map[0], content + shifts[token.map[0]]))
        elif token.type == "list_item_close":
            owners.pop()
        elif token.type in ("bullet_list_open", "ordered_list_open") and token.map and owners:
            parent_line, column = owners[-1]
            first, last = token.map
            if first == parent_line:
                continue  # "1. - 2. foo": the sub-list starts on its parent's line
            if column < 0 or any("\t" in doc.lines[n][: len(doc.lines[n]) - len(doc.lines[n].lstrip())] for n in range(first, last)):
                continue
            if any(doc.lines[n].lstrip().startswith(">") for n in range(parent_line, last)):
                continue
            current = len(doc.lines[first]) - len(doc.lines[first].lstrip(" ")) + shifts[first]
            extra = column - current
            if extra == 0:
                continue
            for number in range(first, last):
                text = doc.lines[number]
                indent = len(text) - len(text.lstrip(" "))
                if text.strip() and indent + shifts[number] + extra >= 0:
                    shifts[number] += extra
    groups = []
    for number, shift in enumerate(shifts):
        if not shift:
            continue
        start = doc.line_starts[number]
        text = doc.lines[number]
        indent = len(text) - len(text.lstrip(" "))
        if shift > 0:
            edit = Edit(start, start, " " * shift)
        elif indent >= -shift:
            edit = Edit(start, start - shift, "")
        else:
            continue
        groups.append(Group(number + 1, "nested list", [edit]))
    return groups


# headings --------------------------------------------------------------------


def _headings(doc: Document) -> list[Group]:
    groups = []
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or not token.map:
            continue
        level = int(token.tag[1])
        inline = tokens[index + 1]
        first, last = token.map
        if token.markup.startswith("#"):
            line = doc.lines[first]
            match = _ATX.match(line)
            if not match:
                continue
            text = (match.group("text") or "").strip()
            canonical = f"{match.group('prefix')}{'#' * level}{' ' + text if text else ''}"
            if canonical != line:
                start, end = doc.line_span(first + 1)
                groups.append(Group(first + 1, "heading", [Edit(start, end, canonical)]))
        elif token.level == 0 and last - first == 2 and "\n" not in inline.content:
            # setext "Title\n=====" -> "# Title"
            start = doc.line_starts[first]
            end = doc.line_span(last)[1]
            indent = doc.lines[first][: len(doc.lines[first]) - len(doc.lines[first].lstrip())]
            if not indent:
                groups.append(Group(first + 1, "heading", [Edit(start, end, f"{'#' * level} {inline.content.strip()}")]))
    return groups


# space between blocks --------------------------------------------------------


def _block_spacing(doc: Document) -> list[Group]:
    """One blank line between top-level blocks that touch."""
    groups = []
    previous = None
    for token in doc.tokens:
        if token.level != 0 or token.nesting == -1 or not token.map or token.type == "inline":
            continue
        touching = previous is not None and token.map[0] == previous.map[1] and token.map[0] > 0
        if touching and doc.lines[token.map[0] - 1].strip() and "html_block" not in (previous.type, token.type):
            start = doc.line_starts[token.map[0]]
            groups.append(Group(token.map[0] + 1, token.type.replace("_open", "").replace("_", " "), [Edit(start, start, "\n")]))
        previous = token
    return groups
