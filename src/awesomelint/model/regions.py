"""Where a document's code and raw HTML are: text no rule reports in or rewrites."""

from __future__ import annotations

from functools import cached_property

from markdown_it.token import Token

from .linemap import LineMap
from .offsets import InlineOffsets
from .spans import Spans


class Regions:
    """The absolute spans of code (fenced, indented, code spans) and of raw HTML."""

    def __init__(self, tokens: list[Token], line_map: LineMap, length: int, offsets: InlineOffsets):
        self._tokens = tokens
        self._line_map = line_map
        self._length = length
        self._offsets = offsets

    @cached_property
    def code(self) -> Spans:
        """Fenced and indented code blocks and code spans: never reported or rewritten."""
        return Spans.merged(self._ranges(("fence", "code_block"), "code_inline"))

    @cached_property
    def html(self) -> Spans:
        """Raw HTML blocks and inline tags, which layout never rewrites."""
        return Spans.merged(self._ranges(("html_block",), "html_inline"))

    def _ranges(self, block_types: tuple[str, ...], inline_type: str) -> list[tuple[int, int]]:
        starts = self._line_map.starts
        ranges = []
        for token in self._tokens:
            if token.type in block_types and token.map:
                start = starts[token.map[0]]
                end = starts[token.map[1]] if token.map[1] < len(starts) else self._length
                ranges.append((start, end))
            elif token.type == "inline":
                for child in token.children or ():
                    if child.type == inline_type and "span" in child.meta:
                        ranges.append(self._offsets.span(token, *child.meta["span"]))
        return ranges
