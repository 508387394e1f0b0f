"""A list file read once: decoded text, the token stream, and offsets <-> line/column.

Text is held with ``\\n`` line endings (markdown-it normalizes them anyway); the file's
own ending and BOM are remembered so ``fix`` writes them back unchanged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

from markdown_it.token import Token

from ..errors import InputError
from .markdown import parser
from .spans import Spans

BOM = "\ufeff"
MAX_BYTES = 20 * 1024 * 1024  # a list larger than this is not read (config: max-size-mb)
_UTF16_BOMS = {b"\xff\xfe": "UTF-16 little-endian", b"\xfe\xff": "UTF-16 big-endian"}


def lines(token: Token) -> tuple[int, int]:
    """The 0-based [first, last) source lines of a block token (one the parser placed)."""
    if token.map is None:
        raise ValueError(f"{token.type} token has no source lines")
    return token.map[0], token.map[1]


def decode(data: bytes, path: str) -> tuple[str, bool, str]:
    """Return (text with \\n endings, had BOM, dominant line ending) or raise InputError."""
    for mark, name in _UTF16_BOMS.items():
        if data.startswith(mark):
            raise InputError(f"{path}: not UTF-8 text ({name}, by its byte-order mark; save it as UTF-8)")
    if b"\x00" in data:
        nul = data.index(b"\x00")
        raise InputError(f"{path}: not UTF-8 text (binary: NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{path}: not UTF-8 text (invalid byte 0x{data[exc.start]:02X} at line {line}, column {column})"
        ) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, bom, newline


@dataclass(eq=False)
class Node:
    """One block of the token stream as a tree: lists hold items, items hold paragraphs."""

    type: str
    token: Token
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    _inlines: list[Token] | None = field(default=None, repr=False, compare=False)

    @property
    def map(self) -> list[int] | None:
        return self.token.map

    def inline_tokens(self) -> list[Token]:
        """The inline tokens below this node, in order (computed once: entry extraction
        asks each item for its title, text and links)."""
        if self._inlines is None:
            self._inlines = [n.token for n in self.walk() if n.type == "inline"]
        return self._inlines

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order (a stack, not recursion:
        entry extraction walks every item of a 100,000-entry list)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


T = TypeVar("T")


@dataclass(frozen=True)
class Table:
    """Where a table is (0-based lines) and how many columns its header has; its rows'
    cells come from ``Document.row_cells``, which splits each row once."""

    header: int
    end: int  # the line after its last row
    level: int  # 0 outside lists and quotes
    columns: int
    body: tuple[int, ...]


class Document:
    def __init__(self, path: str, text: str, *, bom: bool = False, newline: str = "\n", raw: bytes | None = None):
        self.path = path
        # markdown-it reads a bare CR as a line end too: the text must split into the lines it saw
        self.text = text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
        self.bom = bom
        self.newline = newline
        self.raw = raw
        self.tokens: list[Token] = parser().parse(text)
        self._derived: dict[Callable[[Document], Any], Any] = {}

    def derived(self, compute: Callable[[Document], T]) -> T:
        """What `compute` makes of this document, computed once.

        Analyses built on the document (links, broken links, entries) live in modules
        the document must not import; they are memoised here by their function, with
        its return type, instead of being parked on the document as attributes no
        reader or type checker can see.
        """
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return self._derived[compute]

    @classmethod
    def from_path(cls, path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
        path = str(path)
        try:
            size = Path(path).stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"{path}: {size / 1048576:.1f} MB, over the {max_bytes / 1048576:g} MB limit "
                    "(max-size-mb in the config); not read"
                )
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
        text, bom, newline = decode(data, path)
        return cls(path, text, bom=bom, newline=newline, raw=data)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        return cls(path, text)

    # --- lines and offsets -------------------------------------------------

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def line_starts(self) -> list[int]:
        return list(accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an absolute offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def last_text_line(self, block: Token) -> int:
        """1-based last non-blank line of a block token (its map may take in the blank
        lines after it); the 0-based end of its text, too."""
        first, last = lines(block)
        while last > first + 1 and not self.lines[last - 1].strip():
            last -= 1
        return last

    def line_span(self, line: int) -> tuple[int, int]:
        """Absolute offsets of a 1-based line's text, without its newline."""
        start = self.line_starts[line - 1]
        return start, start + len(self.lines[line - 1])

    # --- structure ---------------------------------------------------------

    @cached_property
    def tree(self) -> Node:
        root = Node("root", Token("root", "", 0))
        stack = [root]
        for token in self.tokens:
            if token.nesting == 1:
                node = Node(token.type[: -len("_open")], token, stack[-1])
                stack[-1].children.append(node)
                stack.append(node)
            elif token.nesting == -1:
                stack.pop()
            else:
                stack[-1].children.append(Node(token.type, token, stack[-1]))
        return root

    @cached_property
    def _inline_parents(self) -> dict[int, Token]:
        parents: dict[int, Token] = {}
        previous = None
        for token in self.tokens:
            if token.type == "inline" and previous is not None:
                parents[id(token)] = previous
            previous = token
        return parents

    @cached_property
    def code_spans(self) -> Spans:
        """Absolute spans of fenced/indented code and code spans: never reported or rewritten."""
        return Spans.merged(self._ranges(("fence", "code_block"), "code_inline"))

    @cached_property
    def html_spans(self) -> Spans:
        """Absolute spans of raw HTML, which layout never rewrites."""
        return Spans.merged(self._ranges(("html_block",), "html_inline"))

    def _ranges(self, block_types: tuple[str, ...], inline_type: str) -> list[tuple[int, int]]:
        ranges = []
        for token in self.tokens:
            if token.type in block_types and token.map:
                start = self.line_starts[token.map[0]]
                end = self.line_starts[token.map[1]] if token.map[1] < len(self.line_starts) else len(self.text)
                ranges.append((start, end))
            elif token.type == "inline":
                for child in token.children or ():
                    if child.type == inline_type and "span" in child.meta:
                        ranges.append(self.inline_span(token, *child.meta["span"]))
        return ranges

    def in_code(self, start: int, end: int | None = None) -> bool:
        return self.code_spans.touches(start, start + 1 if end is None else end)

    def in_html(self, start: int, end: int | None = None) -> bool:
        return self.html_spans.touches(start, start + 1 if end is None else end)

    # --- inline offsets ----------------------------------------------------

    def inline_offsets(self, token: Token) -> Offsets:
        """For each character of an inline token's content (and its end), its absolute offset."""
        cache = self._offsets
        key = id(token)
        if key not in cache:
            cache[key] = self._compute_inline_offsets(token)
        return cache[key]

    @cached_property
    def _offsets(self) -> dict[int, Offsets]:
        return {}

    def inline_span(self, token: Token, start: int, end: int) -> tuple[int, int]:
        offsets = self.inline_offsets(token)
        end_offset = offsets[end - 1] + 1 if end > start else offsets[start]
        return offsets[start], end_offset

    def _compute_inline_offsets(self, token: Token) -> Offsets:
        content = token.content
        if not token.map:
            return Offsets([0], [0], len(content) + 1, step=False)
        parent = self._inline_parents.get(id(token))
        if parent is not None and parent.type in ("th_open", "td_open"):
            return self._cell_offsets(token, parent)
        starts: list[int] = []
        bases: list[int] = []
        first_line = token.map[0]
        position = 0
        for index, piece in enumerate(content.split("\n")):
            line_no = min(first_line + index, len(self.lines) - 1)
            starts.append(position)
            bases.append(self.line_starts[line_no] + _suffix_column(self.lines[line_no], piece))
            position += len(piece) + 1  # the piece and its "\n" (or the end)
        return Offsets(starts, bases, position)

    @cached_property
    def tables(self) -> list[Table]:
        """Every table, header first: the one table model of the rules, entries and layout."""
        found = []
        opened: Token | None = None  # the table being read (GFM tables do not nest)
        columns = 0
        body: list[int] = []
        for token in self.tokens:
            if token.type == "table_open":
                opened, columns, body = (token if token.map else None), 0, []
            elif opened is None or opened.map is None:
                continue
            elif token.type == "th_open":
                columns += 1
            elif token.type == "tr_open" and token.map and token.map[0] > opened.map[0] + 1:
                body.append(token.map[0])
            elif token.type == "table_close":
                found.append(Table(opened.map[0], opened.map[1], opened.level, columns, tuple(body)))
                opened = None
        return found

    def row_cells(self, line_no: int) -> list[Cell]:
        """The cells of a table row (0-based line), split once however many cells ask."""
        rows = self._rows
        if line_no not in rows:
            rows[line_no] = split_row(self.lines[line_no])
        return rows[line_no]

    @cached_property
    def _rows(self) -> dict[int, list[Cell]]:
        return {}

    def _cell_offsets(self, token: Token, cell_open: Token) -> Offsets:
        line_no = lines(token)[0]
        cells = self.row_cells(line_no)
        index = self._cell_index(cell_open)
        base = self.line_starts[line_no]
        if index is None or index >= len(cells):
            return Offsets([0], [base], len(token.content) + 1, step=False)
        cell = cells[index]
        # a run of consecutive source columns is one segment (an unescaped `\|` starts another)
        starts: list[int] = []
        bases: list[int] = []
        columns = cell.columns + [cell.end]
        for position, column in enumerate(columns):
            if not starts or column != bases[-1] + position - starts[-1]:
                starts.append(position)
                bases.append(base + column)
        return Offsets(starts, bases, len(columns))

    @cached_property
    def _cell_indices(self) -> dict[int, int]:
        indices: dict[int, int] = {}
        count = 0
        for token in self.tokens:
            if token.type == "tr_open":
                count = 0
            elif token.type in ("th_open", "td_open"):
                indices[id(token)] = count
                count += 1
        return indices

    def _cell_index(self, cell_open: Token) -> int | None:
        return self._cell_indices.get(id(cell_open))


def _suffix_column(source: str, piece: str) -> int:
    """Column where ``piece`` (a line of inline content) starts in its source line.

    Inline content is the source line minus container prefixes and indentation, so it
    is a suffix of the line up to trailing white space.
    """
    stripped_source = source.rstrip()
    stripped_piece = piece.rstrip()
    if stripped_piece and stripped_source.endswith(stripped_piece):
        return len(stripped_source) - len(stripped_piece)
    found = source.find(piece.strip()) if piece.strip() else -1
    if found >= 0:
        return found - (len(piece) - len(piece.lstrip()))
    return len(source) - len(piece) if len(piece) <= len(source) else 0


class Offsets:
    """Absolute offsets of an inline token's characters, stored as segments.

    Position ``i`` of the content lies in the segment whose start is the last one
    <= ``i``; within a segment, offsets advance one per character (``step``) or stay
    put (content with no source line). A per-character list of ints cost 45 MB on a
    list of 20,000 entries; this costs two ints a line.
    """

    __slots__ = ("starts", "bases", "length", "step")

    def __init__(self, starts: list[int], bases: list[int], length: int, step: bool = True):
        self.starts, self.bases, self.length, self.step = starts, bases, length, step

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, position: int) -> int:
        if position < 0:
            position += self.length
        if not 0 <= position < self.length:
            raise IndexError(position)
        segment = bisect.bisect_right(self.starts, position) - 1
        return self.bases[segment] + (position - self.starts[segment] if self.step else 0)


@dataclass
class Cell:
    """A table cell as written: its stripped text and the source column of each character."""

    text: str
    start: int  # column of the first character of the raw cell (after the pipe)
    end: int  # column just past the stripped text
    columns: list[int]  # source column of each character of ``text`` (escaped pipes unescaped)
    raw_start: int
    raw_end: int


def split_row(line: str) -> list[Cell]:
    """Split a table row like GFM: unescaped pipes separate cells, outer pipes are optional.

    The token stream drops cells beyond the header's count, so table-shape needs this.
    """
    stripped = line.lstrip()
    # a table inside a blockquote or list: skip the container prefix
    position = len(line) - len(stripped)
    while stripped.startswith(">"):
        stripped = stripped[1:].lstrip()
        position = len(line) - len(stripped)
    end = len(line.rstrip())
    if position < end and line[position] == "|":
        position += 1
    if end > position and line[end - 1] == "|" and (end < 2 or line[end - 2] != "\\"):
        end -= 1
    if position > end:
        return []  # a blank line
    cells: list[Cell] = []
    start = position
    for pipe in _PIPE.finditer(line, position, end):
        index = pipe.start()
        if index > start and line[index - 1] == "\\":
            continue  # an escaped pipe: text of this cell
        cells.append(_make_cell(line, start, index))
        start = index + 1
    cells.append(_make_cell(line, start, end))
    return cells


_PIPE = re.compile(r"\|")


def _make_cell(line: str, start: int, end: int) -> Cell:
    """The cell between two separators: its text trimmed of spaces and tabs, escaped
    pipes unescaped, and the source column of every character of that text."""
    left, right = start, end
    while left < right and line[left] in " \t":
        left += 1
    while right > left and line[right - 1] in " \t":
        right -= 1
    raw = line[left:right]
    if "\\|" not in raw:
        return Cell(raw, left if raw else start, right if raw else start, list(range(left, right)), start, end)
    text: list[str] = []
    columns: list[int] = []
    for column in range(left, right):
        char = line[column]
        if char == "|" and text and text[-1] == "\\" and columns[-1] == column - 1:
            text[-1], columns[-1] = "|", column
        else:
            text.append(char)
            columns.append(column)
    return Cell("".join(text), columns[0], columns[-1] + 1, columns, start, end)
