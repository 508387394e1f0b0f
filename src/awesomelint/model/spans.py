"""Sets of text spans asked "does this span touch any of you?" in O(log n).

One definition of overlap for the whole tool (edits against edits, links against edits,
findings against code): spans are half-open ``[start, end)`` offsets, and an empty span
— an insertion at ``p`` — counts as covering the point ``p`` itself. So an insertion at
the start of a span, or two insertions at one point, collide; an insertion at a span's
end does not (it lands after it).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


def reach(start: int, end: int) -> float:
    """Where a span stops covering text; an insertion covers its own point."""
    return end if end > start else start + 0.5


def collide(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < reach(*b) and b[0] < reach(*a)


class Spans:
    """Disjoint spans in order; ``merged`` builds one from spans that may overlap, ``add``
    grows one with spans that touch none already in it (a sweep over sorted candidates)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._reaches: list[float] = []  # non-decreasing, since the spans are disjoint

    @classmethod
    def merged(cls, spans: Iterable[tuple[int, int]]) -> Spans:
        result = cls()
        for start, end in sorted(spans):
            if result._reaches and start < result._reaches[-1]:
                result._reaches[-1] = max(result._reaches[-1], reach(start, end))
            else:
                result._starts.append(start)
                result._reaches.append(reach(start, end))
        return result

    def touches(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self._reaches, start)
        return index < len(self._starts) and self._starts[index] < reach(start, end)

    def add(self, start: int, end: int) -> None:
        """Add a span that touches none already here (check with ``touches`` first)."""
        index = bisect.bisect_right(self._reaches, start)
        self._starts.insert(index, start)
        self._reaches.insert(index, reach(start, end))

    def __len__(self) -> int:
        return len(self._starts)
