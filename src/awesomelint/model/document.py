"""A list file read once: its decoded text, the token stream of its one parse, and the
parts built on them (see ``Document``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from markdown_it.token import Token

from . import source
from .linemap import LineMap
from .markdown import parser
from .offsets import InlineOffsets, Offsets
from .regions import Regions
from .source import MAX_BYTES
from .tables import Cell, Table, Tables
from .tree import Node, build_tree

T = TypeVar("T")


class Document:
    """A list file read once: its text, the token stream (one parse), and the parts built
    on them when first asked for, each with one job — the lines (``LineMap``), the block
    tree (``tree.build_tree``), the tables (``Tables``), where inline content sits in the
    source (``InlineOffsets``) and where code and HTML are (``Regions``). Its methods hand
    the questions rules ask most to those parts; analyses built on the document (links,
    entries, headings) are memoised by ``derived``."""

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
        text, bom, newline, raw = source.read(str(path), max_bytes)
        return cls(str(path), text, bom=bom, newline=newline, raw=raw)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        return cls(path, text)

    # --- the parts -----------------------------------------------------------

    @cached_property
    def line_map(self) -> LineMap:
        return LineMap(self.text)

    @cached_property
    def tree(self) -> Node:
        return build_tree(self.tokens)

    @cached_property
    def table_index(self) -> Tables:
        return Tables(self.tokens, self.lines)

    @cached_property
    def inline_map(self) -> InlineOffsets:
        return InlineOffsets(self.tokens, self.line_map, self.table_index)

    @cached_property
    def regions(self) -> Regions:
        return Regions(self.tokens, self.line_map, len(self.text), self.inline_map)

    # --- lines and offsets (LineMap) -----------------------------------------

    @property
    def lines(self) -> list[str]:
        return self.line_map.lines

    @property
    def line_starts(self) -> list[int]:
        return self.line_map.starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an absolute offset."""
        return self.line_map.position(offset)

    def last_text_line(self, block: Token) -> int:
        """1-based last non-blank line of a block token (its map may take in the blank
        lines after it); the 0-based end of its text, too."""
        return self.line_map.last_text_line(block)

    def line_span(self, line: int) -> tuple[int, int]:
        """Absolute offsets of a 1-based line's text, without its newline."""
        return self.line_map.line_span(line)

    # --- inline content in the source (InlineOffsets) ---------------------------

    def inline_offsets(self, token: Token) -> Offsets:
        """For each character of an inline token's content (and its end), its absolute offset."""
        return self.inline_map.of(token)

    def inline_span(self, token: Token, start: int, end: int) -> tuple[int, int]:
        """The absolute span of ``content[start:end]`` of an inline token."""
        return self.inline_map.span(token, start, end)

    # --- code and HTML (Regions) ------------------------------------------------

    def in_code(self, start: int, end: int | None = None) -> bool:
        """Does the span touch code (fenced, indented, a code span): never reported or rewritten."""
        return self.regions.code.touches(start, start + 1 if end is None else end)

    def in_html(self, start: int, end: int | None = None) -> bool:
        """Does the span touch raw HTML, which layout never rewrites."""
        return self.regions.html.touches(start, start + 1 if end is None else end)

    # --- tables (Tables) --------------------------------------------------------

    @property
    def tables(self) -> list[Table]:
        """Every table, header first: the one table model of the rules, entries and layout."""
        return self.table_index.all

    def row_cells(self, line_no: int) -> list[Cell]:
        """The cells of a table row (0-based line), split once however many cells ask."""
        return self.table_index.row_cells(line_no)
