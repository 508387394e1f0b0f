"""Where each character of an inline token's content is in the source.

markdown-it gives inline content without the container prefixes (list markers, quote
marks, indentation, table pipes) it stripped; rules find things in that content and must
report and edit them in the file. Offsets are computed per inline token when first
asked for, and stored as segments.
"""

from __future__ import annotations

import bisect
from functools import cached_property

from markdown_it.token import Token

from .linemap import LineMap
from .tables import Tables
from .tree import lines


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


class InlineOffsets:
    """The offsets of every inline token of a document, each computed once."""

    def __init__(self, tokens: list[Token], line_map: LineMap, tables: Tables):
        self._tokens = tokens
        self._line_map = line_map
        self._tables = tables
        self._cache: dict[int, Offsets] = {}

    def of(self, token: Token) -> Offsets:
        """For each character of an inline token's content (and its end), its absolute offset."""
        key = id(token)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._compute(token)
        return found

    def span(self, token: Token, start: int, end: int) -> tuple[int, int]:
        """The absolute span of ``content[start:end]`` of an inline token."""
        offsets = self._cache.get(id(token))  # asked for every link: the cache first
        if offsets is None:
            offsets = self.of(token)
        end_offset = offsets[end - 1] + 1 if end > start else offsets[start]
        return offsets[start], end_offset

    @cached_property
    def _parents(self) -> dict[int, Token]:
        """The token before each inline token: the block it is the content of."""
        parents: dict[int, Token] = {}
        previous = None
        for token in self._tokens:
            if token.type == "inline" and previous is not None:
                parents[id(token)] = previous
            previous = token
        return parents

    def _compute(self, token: Token) -> Offsets:
        content = token.content
        if not token.map:
            return Offsets([0], [0], len(content) + 1, step=False)
        parent = self._parents.get(id(token))
        if parent is not None and parent.type in ("th_open", "td_open"):
            return self._cell(token, parent)
        source_lines, starts_of = self._line_map.lines, self._line_map.starts
        starts: list[int] = []
        bases: list[int] = []
        first_line = token.map[0]
        position = 0
        for index, piece in enumerate(content.split("\n")):
            line_no = min(first_line + index, len(source_lines) - 1)
            starts.append(position)
            bases.append(starts_of[line_no] + _suffix_column(source_lines[line_no], piece))
            position += len(piece) + 1  # the piece and its "\n" (or the end)
        return Offsets(starts, bases, position)

    def _cell(self, token: Token, cell_open: Token) -> Offsets:
        line_no = lines(token)[0]
        cells = self._tables.row_cells(line_no)
        index = self._tables.cell_index(cell_open)
        base = self._line_map.starts[line_no]
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
