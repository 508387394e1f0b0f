"""Offsets into a document's text <-> LSP positions.

awesomelint's offsets count code points of the text with its line ends made ``\\n``
(Document does that); LSP positions are a 0-based line and a character offset in the
units the client and server agreed on: UTF-16 code units unless the client offered
UTF-8 or UTF-32 (pygls negotiates). An astral character (most emoji) is one code point
and two UTF-16 units; a CJK character is one of each, and three UTF-8 bytes.
"""

from __future__ import annotations

import bisect
from itertools import accumulate

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def normalized(text: str) -> str:
    """The text with CRLF and CR as LF, as Document reads it (its offsets are into this)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def units(prefix: str, encoding: str = UTF16) -> int:
    """How many ``encoding`` units ``prefix`` (a line's text up to a column) takes."""
    if encoding == UTF32 or prefix.isascii():
        return len(prefix)
    if encoding == UTF8:
        return len(prefix.encode("utf-8", "surrogatepass"))
    return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


class Lines:
    """One text's lines, to turn its offsets into (line, character) in the client's units."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = normalized(text)
        self.encoding = encoding
        self.lines = self.text.split("\n")
        self.starts = list(accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        """0-based line and character (in the agreed units) of an offset; offsets past
        the end are the end."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        column = offset - self.starts[line]
        return line, units(self.lines[line][:column], self.encoding)

    def line_start(self, line: int) -> int:
        """The offset where a 0-based line starts (the end of the text past the last)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def end(self) -> tuple[int, int]:
        return self.position(len(self.text))
