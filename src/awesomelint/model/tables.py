"""The one table model: where each table is, and each row's cells as written.

The token stream says where tables are and how many columns a header has; the cells as
written (with their columns, and any beyond the header's count, which the token stream
drops) come from splitting the row's source line once, however many readers ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from markdown_it.token import Token


@dataclass(frozen=True)
class Row:
    """A table row as the parser read it: its line (0-based), whether it is the header,
    and each cell's inline token (no more cells than the header has; a cell the row
    lacks is None)."""

    line: int
    header: bool
    cells: tuple[Token | None, ...] = field(compare=False)


@dataclass(frozen=True)
class Table:
    """Where a table is (0-based lines), how many columns its header has, and its rows
    as parsed (their cells as written: ``Tables.row_cells``)."""

    header: int
    end: int  # the line after its last row
    level: int  # 0 outside lists and quotes
    columns: int
    body: tuple[int, ...]
    rows: tuple[Row, ...] = field(default=(), compare=False)


@dataclass
class Cell:
    """A table cell as written: its stripped text and the source column of each character."""

    text: str
    start: int  # column of the first character of the raw cell (after the pipe)
    end: int  # column just past the stripped text
    columns: list[int]  # source column of each character of ``text`` (escaped pipes unescaped)
    raw_start: int
    raw_end: int


class Tables:
    """Every table of a document, and the cells of any of its rows, split once."""

    def __init__(self, tokens: list[Token], lines: list[str]):
        self._tokens = tokens
        self._lines = lines
        self._rows: dict[int, list[Cell]] = {}

    @cached_property
    def all(self) -> list[Table]:
        """Every table, in order (GFM tables do not nest)."""
        found = []
        opened: Token | None = None  # the table being read
        columns = 0
        body: list[int] = []
        rows: list[Row] = []
        cells: list[Token | None] = []
        row_line = 0
        tokens = self._tokens
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "table_open":
                opened, columns, body, rows = (token if token.map else None), 0, [], []
            elif opened is None or opened.map is None:
                continue
            elif kind in ("th_open", "td_open"):
                columns += kind == "th_open"
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                cells.append(following if following is not None and following.type == "inline" else None)
            elif kind == "tr_open":
                cells = []
                row_line = token.map[0] if token.map else row_line + 1
                if token.map and token.map[0] > opened.map[0] + 1:
                    body.append(token.map[0])
            elif kind == "tr_close":
                rows.append(Row(row_line, not rows, tuple(cells)))
            elif kind == "table_close":
                found.append(Table(opened.map[0], opened.map[1], opened.level, columns, tuple(body), tuple(rows)))
                opened = None
        return found

    def starting_at(self, line: int) -> Table | None:
        """The table whose header is on this 0-based line."""
        return self._by_header.get(line)

    @cached_property
    def _by_header(self) -> dict[int, Table]:
        return {table.header: table for table in self.all}

    def row_cells(self, line_no: int) -> list[Cell]:
        """The cells of a table row (0-based line) as written."""
        rows = self._rows
        if line_no not in rows:
            rows[line_no] = split_row(self._lines[line_no])
        return rows[line_no]

    def cell_index(self, cell_open: Token) -> int | None:
        """Which cell of its row a ``th_open``/``td_open`` token opens (0-based)."""
        return self._cell_indices.get(id(cell_open))

    @cached_property
    def _cell_indices(self) -> dict[int, int]:
        indices: dict[int, int] = {}
        count = 0
        for token in self._tokens:
            if token.type == "tr_open":
                count = 0
            elif token.type in ("th_open", "td_open"):
                indices[id(token)] = count
                count += 1
        return indices


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
