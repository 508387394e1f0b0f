"""Lines of a text and the way between offsets and (line, column)."""

from __future__ import annotations

import bisect
from functools import cached_property
from itertools import accumulate

from markdown_it.token import Token

from .tree import lines


class LineMap:
    """The text's lines (without their ``\\n``) and where each starts; offsets are
    absolute character offsets into the text, lines and columns 1-based unless said."""

    def __init__(self, text: str):
        self.lines: list[str] = text.split("\n")

    @cached_property
    def starts(self) -> list[int]:
        """The offset of each line's first character."""
        return list(accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an absolute offset."""
        starts = self.starts
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Absolute offsets of a 1-based line's text, without its newline."""
        start = self.starts[line - 1]
        return start, start + len(self.lines[line - 1])

    def last_text_line(self, block: Token) -> int:
        """1-based last non-blank line of a block token (its map may take in the blank
        lines after it); the 0-based end of its text, too."""
        first, last = lines(block)
        while last > first + 1 and not self.lines[last - 1].strip():
            last -= 1
        return last
