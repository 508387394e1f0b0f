"""Layout: how `fix` writes tables, bullets, headings, sub-list indentation and the space
between blocks. Layout never changes meaning, so every block it rewrites must render to
exactly the same HTML; `fix` checks that block by block and keeps the ones that would
not as they are.

By default (``style: file``) the form is the file's own: for each dimension the
convention most of the file already follows, and only blocks that deviate from it are
rewritten, so a list that is consistent with itself gets no layout diff at all.
``style: canonical`` imposes one form instead (dash bullets, one space of table padding,
``| --- |`` delimiter rows, ATX headings without closing hashes, sub-lists at their
parent's content column, one blank line between blocks). ``bullet`` and ``table-align``
pin one dimension in either style.

Each change is an edit grouped by the block it belongs to, so a refused block can be
named and left out on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from markdown_it.token import Token

from .document import Document, Node, lines, split_row
from .findings import Edit
from .linkspans import SAME_PAGE

_ATX = re.compile(r"^(?P<prefix>(?:[ \t]*>)*[ \t]{0,3})(?P<hashes>#{1,6})(?:(?P<space>[ \t]+)(?P<text>.*?))??(?P<closing>[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^(?P<prefix>(?:[ \t]*>[ \t]?)*[ \t]*)(?P<marker>[-*+])(?=[ \t]|$)")
_DELIMITER_CELL = re.compile(r"^(:?)-+(:?)$")
_MARKER = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( {1,4}|$)")

LIST_TYPES = ("bullet_list", "ordered_list")
CONVENTION = 0.75  # the share of a file's bullets that makes their marker its convention; below, it has none


@dataclass
class Options:
    style: str = "file"  # file: each dimension as the file already does it; canonical: one fixed form
    table_align: bool | None = None  # pad columns to equal width; None: as each table already is
    bullet: str | None = None  # the bullet marker; None: the file's own (canonical: "-")

    @property
    def canonical(self) -> bool:
        return self.style == "canonical"


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
    groups += _headings(doc, options)
    groups += _nested_indent(doc, options)
    groups += _block_spacing(doc, options)
    return [g for g in groups if g.edits]


def _majority(counts: Counter, minimum_share: float = 0.5):
    """The value more than ``minimum_share`` of the votes went to, else None (no convention)."""
    total = sum(counts.values())
    if not total:
        return None
    value, votes = counts.most_common(1)[0]
    return value if votes > total * minimum_share else None


# tables --------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


@dataclass
class _TableForm:
    lead: bool  # a pipe before the first cell
    trail: bool  # a pipe after the last cell
    padding: str  # "one" (| a | b |), "none" (|a|b|) or "aligned" (columns padded to equal width)
    delimiter: str  # "keep", "canonical" (| --- |) or "stretch" (dashes to the column width)


def _render_row(cells: list[str], form: _TableForm, widths: list[int] | None) -> str:
    if form.padding == "aligned" and widths:
        last = len(cells) - 1 if not form.trail else len(cells)  # no spaces at the end of a line
        cells = [c + " " * (widths[i] - _width(c)) if i < last else c for i, c in enumerate(cells)]
    if form.padding == "none":
        body = "|".join(cells)
        return ("|" if form.lead else "") + body + ("|" if form.trail else "")
    body = " | ".join(cells)
    return ("| " if form.lead else "") + body + (" |" if form.trail else "")


def _pipe_columns(line: str) -> tuple[int, ...]:
    """Display columns of a row's separating pipes: equal in every row of an aligned table."""
    return tuple(_prefix_widths(line, [cell.raw_end for cell in split_row(line)]))


def _prefix_widths(line: str, ends: list[int]) -> list[int]:
    """``_width(line[:end])`` for each of the ascending ``ends``, in one pass over the line
    (display width adds up character by character)."""
    widths = []
    width = position = 0
    for end in ends:
        width += _width(line[position:end])
        position = end
        widths.append(width)
    return widths


def _aligned_widths(rows: list[tuple[int, str, list[str]]], keep_padding: bool) -> list[int]:
    """Column widths of an aligned table: as wide as its widest cell and, with
    ``keep_padding``, never narrower than the table's rows already make it (some pad with
    two spaces)."""
    widths = [3] * max(len(cells) for _, _, cells in rows)
    body = [r for index, r in enumerate(rows) if index != 1]
    signature = Counter(_pipe_columns(line) for _, line, _ in body).most_common(1)[0][0] if keep_padding else None
    for _, line, cells in body:
        for column, cell in enumerate(cells):
            widths[column] = max(widths[column], _width(cell))
        if signature is not None and _pipe_columns(line) == signature:
            parts = split_row(line)
            edges = _prefix_widths(line, [e for part in parts for e in (part.raw_start, part.raw_end)])
            for column in range(len(parts)):
                span = edges[2 * column + 1] - edges[2 * column]
                widths[column] = max(widths[column], span - 2)
    return widths


def _table_form(rows: list[tuple[int, str, list[str]]], options: Options) -> _TableForm | None:
    if options.canonical:
        return _TableForm(True, True, "aligned" if options.table_align else "one", "canonical")
    body = [r for index, r in enumerate(rows) if index != 1]
    lead = _majority(Counter(line.lstrip().startswith("|") for _, line, _ in body))
    trail = _majority(Counter(line.rstrip().endswith("|") for _, line, _ in body))
    if lead is None or trail is None:
        return None
    if options.table_align is not None:
        padding = "aligned" if options.table_align else "one"
        return _TableForm(lead, trail, padding, "stretch" if options.table_align else "keep")
    votes: Counter = Counter()
    for _, line, cells in body:
        for padding in ("one", "none"):
            if _render_row(cells, _TableForm(lead, trail, padding, "keep"), None) == line.strip():
                votes[padding] += 1
    padding = _majority(votes)
    if padding is not None and votes[padding] * 2 > len(body):
        return _TableForm(lead, trail, padding, "keep")
    shared = Counter(_pipe_columns(line) for _, line, _ in body).most_common(1)[0][1]
    if len(body) >= 2 and shared * 3 >= len(body) * 2:
        return _TableForm(lead, trail, "aligned", "stretch")
    return None  # no convention this table follows: leave it as written


def _delimiter_row(raw: list[str], form: _TableForm, widths: list[int], line: str) -> str:
    if form.delimiter == "keep":
        return line.strip()
    cells = []
    spaced = form.delimiter == "canonical" or " -" in line or ": " in line or line.strip().startswith("| ")
    for index, cell in enumerate(raw):
        match = _DELIMITER_CELL.match(cell.replace(" ", ""))
        left, right = (match.group(1), match.group(2)) if match else ("", "")
        if form.delimiter == "canonical" and form.padding != "aligned":
            cells.append(f"{left}---{right}" if not (left and right) else ":---:")
            continue
        width = widths[index] if index < len(widths) else 3
        width = width if spaced else width + 2
        dashes = max(3, width - len(left) - len(right))
        cells.append(left + "-" * dashes + right)
    if spaced:
        return _render_row(cells, _TableForm(form.lead, form.trail, "one", "keep"), None)
    return _render_row(cells, _TableForm(form.lead, form.trail, "none", "keep"), None)


def _tables(doc: Document, options: Options) -> list[Group]:
    groups = []
    for table in doc.tables:
        if table.level != 0:
            continue
        rows: list[tuple[int, str, list[str]]] = []
        for number in range(table.header, table.end):
            line = doc.lines[number]
            if line.lstrip().startswith(">"):
                break  # inside a container: left as written
            rows.append((number, line, [line[c.raw_start : c.raw_end].strip() for c in doc.row_cells(number)]))
        if len(rows) < 2:
            continue
        form = _table_form(rows, options)
        if form is None:
            continue
        widths = [3] * max(len(cells) for _, _, cells in rows)
        if form.padding == "aligned":
            widths = _aligned_widths(rows, keep_padding=not options.canonical)
        edits = []
        indent = rows[0][1][: len(rows[0][1]) - len(rows[0][1].lstrip())] if not options.canonical else ""
        for index, (number, line, cells) in enumerate(rows):
            if not cells:
                continue
            if index == 1:
                text = indent + _delimiter_row(cells, form, widths, line)
            else:
                text = indent + _render_row(cells, form, widths)
            if line != text and line.rstrip() != text:
                start, end = doc.line_span(number + 1)
                edits.append(Edit(start, end, text))
        groups.append(Group(table.header + 1, "table", edits))
    return groups


# bullets ---------------------------------------------------------------------


def _list_nodes(doc: Document) -> list[tuple[Node, int]]:
    """Every list node with its depth (0 for a top-level list), outside blockquotes too."""
    found = []

    def walk(node: Node, depth: int) -> None:
        for child in node.children:
            if child.type in LIST_TYPES:
                found.append((child, depth))
                walk(child, depth + 1)
            else:
                walk(child, depth)

    walk(doc.tree, 0)
    return found


def _is_navigation(node: Node) -> bool:
    """A list of in-page links only (a table of contents)."""
    hrefs = [str(c.attrs.get("href", "")) for n in node.walk() if n.type == "inline"
             for c in n.token.children or () if c.type == "link_open"]
    return bool(hrefs) and all(SAME_PAGE.match(h) for h in hrefs)


def _adjacent_list(node: Node) -> bool:
    """Is a sibling right before or after this list another list? Then only their
    different markers keep them apart, and one marker would merge them."""
    siblings = node.parent.children if node.parent is not None else []
    index = siblings.index(node)
    neighbours = siblings[index - 1 : index] + siblings[index + 1 : index + 2]
    return any(n.type in LIST_TYPES for n in neighbours)


def _bullets(doc: Document, options: Options) -> list[Group]:
    bullet_lists = [(node, (_is_navigation(node), depth)) for node, depth in _list_nodes(doc)
                    if node.type == "bullet_list" and node.map]
    votes: dict[tuple[bool, int], Counter] = {}
    for node, key in bullet_lists:
        votes.setdefault(key, Counter())[node.token.markup] += sum(1 for c in node.children if c.type == "list_item")
    groups = []
    for node, key in bullet_lists:
        target = options.bullet or ("-" if options.canonical else _majority(votes[key], CONVENTION))
        if target is None or node.token.markup == target or _adjacent_list(node):
            continue
        edits = []
        for item in (c for c in node.children if c.type == "list_item" and c.map):
            number = lines(item.token)[0]
            match = _BULLET.match(doc.lines[number])
            if match and match.group("marker") == node.token.markup:
                start = doc.line_starts[number] + match.start("marker")
                edits.append(Edit(start, start + 1, target))
        groups.append(Group(lines(node.token)[0] + 1, "bullet list", edits))
    return groups


# nested lists ----------------------------------------------------------------


def _item_columns(line: str) -> tuple[int, int] | None:
    """(marker column, content column) of a list item's first line ("1. x": 0, 3)."""
    match = _MARKER.match(line)
    if match is None:
        return None
    marker = len(match.group(1))
    return marker, marker + len(match.group(2)) + max(1, len(match.group(3)))


def _indent_votes(doc: Document) -> Counter:
    """How the file indents sub-lists: at the parent's content column ("content"), or a
    fixed number of columns past the parent's marker (2, 3, 4). A sub-list votes for
    every convention it fits."""
    votes: Counter = Counter()
    owners: list[tuple[int, int] | None] = []  # (marker column, content column) per open item
    for token in doc.tokens:
        if token.type == "list_item_open" and token.map:
            owners.append(_item_columns(doc.lines[token.map[0]]))
        elif token.type == "list_item_close":
            owners.pop()
        elif token.type in ("bullet_list_open", "ordered_list_open") and token.map and owners and owners[-1]:
            marker, content = owners[-1]
            line = doc.lines[token.map[0]]
            indent = len(line) - len(line.lstrip(" "))
            if indent == content:
                votes["content"] += 1
            if indent - marker in (2, 3, 4):
                votes[indent - marker] += 1
    return votes


def _nested_indent(doc: Document, options: Options) -> list[Group]:
    """Sub-lists start where the file's convention puts them (canonical: the parent's
    content column, after "1. " or "- ").

    Lists are walked from the outside in; a shift given to a list moves every line of
    it, so deeper lists keep their place relative to it. Lists in blockquotes or with
    tab indentation are left as written.
    """
    convention = "content" if options.canonical else _majority(_indent_votes(doc), 0.6)
    if convention is None:
        return []
    shifts = [0] * len(doc.lines)
    owners: list[tuple[int, int, int]] = []  # (item's first line, marker column, content column) after shifts
    for token in doc.tokens:
        if token.type == "list_item_open" and token.map:
            columns = _item_columns(doc.lines[token.map[0]])
            shift = shifts[token.map[0]]
            owners.append((token.map[0], columns[0] + shift, columns[1] + shift) if columns else (token.map[0], -1, -1))
        elif token.type == "list_item_close":
            owners.pop()
        elif token.type in ("bullet_list_open", "ordered_list_open") and token.map and owners:
            parent_line, marker, content = owners[-1]
            first, last = token.map
            if first == parent_line:
                continue  # "1. - 2. foo": the sub-list starts on its parent's line
            if content < 0 or any("\t" in doc.lines[n][: len(doc.lines[n]) - len(doc.lines[n].lstrip())] for n in range(first, last)):
                continue
            if any(doc.lines[n].lstrip().startswith(">") for n in range(parent_line, last)):
                continue
            current = len(doc.lines[first]) - len(doc.lines[first].lstrip(" ")) + shifts[first]
            wanted = content if convention == "content" else marker + int(convention)
            if not content <= wanted < content + 4:
                wanted = content  # the convention cannot make this a sub-list of its parent
            if current == wanted or (convention != "content" and current - marker == convention):
                continue
            extra = wanted - current
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


def _headings(doc: Document, options: Options) -> list[Group]:
    tokens = doc.tokens
    headings = [(index, token) for index, token in enumerate(tokens) if token.type == "heading_open" and token.map]
    atx = [t for _, t in headings if t.markup.startswith("#")]
    closing = Counter(bool((m := _ATX.match(doc.lines[lines(t)[0]])) and m.group("closing")) for t in atx)
    setext_votes = Counter(not t.markup.startswith("#") for _, t in headings if t.tag in ("h1", "h2"))
    strip_closing = options.canonical or _majority(closing) is False
    to_atx = options.canonical or _majority(setext_votes) is False
    groups = []
    for index, token in headings:
        level = int(token.tag[1])
        inline = tokens[index + 1]
        first, last = lines(token)
        if token.markup.startswith("#"):
            line = doc.lines[first]
            match = _ATX.match(line)
            if not match:
                continue
            text = (match.group("text") or "").strip()
            if options.canonical:
                wanted = f"{match.group('prefix')}{'#' * level}{' ' + text if text else ''}"
            elif strip_closing and match.group("closing"):
                wanted = line[: match.end("text")] if match.group("text") is not None else line[: match.end("hashes")]
            else:
                continue
            if wanted != line:
                start, end = doc.line_span(first + 1)
                groups.append(Group(first + 1, "heading", [Edit(start, end, wanted)]))
        elif to_atx and token.level == 0 and last - first == 2 and "\n" not in inline.content:
            # setext "Title\n=====" -> "# Title"
            start = doc.line_starts[first]
            end = doc.line_span(last)[1]
            indent = doc.lines[first][: len(doc.lines[first]) - len(doc.lines[first].lstrip())]
            if not indent:
                groups.append(Group(first + 1, "heading", [Edit(start, end, f"{'#' * level} {inline.content.strip()}")]))
    return groups


# space between blocks --------------------------------------------------------


def _block_kind(token) -> str:
    return token.type.replace("_open", "")


def _block_spacing(doc: Document, options: Options) -> list[Group]:
    """A blank line between top-level blocks that touch, where the file separates blocks
    of those two kinds (a heading and the list under it, say) more often than not."""
    pairs = []
    previous: Token | None = None
    for token in doc.tokens:
        if token.level != 0 or token.nesting == -1 or not token.map or token.type == "inline":
            continue
        first = lines(token)[0]
        if previous is not None and "html_block" not in (previous.type, token.type) and first > 0:
            touching = first == lines(previous)[1] and bool(doc.lines[first - 1].strip())
            pairs.append(((_block_kind(previous), _block_kind(token)), touching, token))
        previous = token
    votes: dict[tuple[str, str], Counter] = {}
    for kinds, touching, _ in pairs:
        votes.setdefault(kinds, Counter())[touching] += 1
    groups = []
    for kinds, touching, token in pairs:
        if not touching:
            continue
        if not options.canonical and votes[kinds][False] <= votes[kinds][True]:
            continue
        first = lines(token)[0]
        start = doc.line_starts[first]
        groups.append(Group(first + 1, kinds[1].replace("_", " "), [Edit(start, start, "\n")]))
    return groups
