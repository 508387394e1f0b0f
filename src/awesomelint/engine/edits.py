"""Text edits applied in batches, and the map between the text as read and as rewritten.

`fix` applies its edits in passes (content fixes, then layout, then content fixes
again). To say why each part of the final diff is there, and to hold every fix to a
finding `check` printed, it needs to know where a place in the current text was in the
text as read, and the reverse: ``EditMap`` composes the batches and answers both.
"""

from __future__ import annotations

import bisect
from itertools import accumulate

from ..findings import Edit


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (sorted, non-overlapping) applied."""
    parts = []
    position = 0
    for edit in edits:
        parts.append(text[position : edit.start])
        parts.append(edit.content)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


class _Batch:
    """One batch of sorted, non-overlapping edits: each edit's span before and after it."""

    def __init__(self, edits: list[Edit]) -> None:
        self.old_starts = [e.start for e in edits]
        self.old_ends = [e.end for e in edits]
        growth = list(accumulate((len(e.content) - (e.end - e.start) for e in edits), initial=0))
        self.new_starts = [e.start + growth[i] for i, e in enumerate(edits)]
        self.new_ends = [s + len(e.content) for s, e in zip(self.new_starts, edits)]

    @staticmethod
    def _move(
        position: int,
        end_side: bool,
        from_starts: list[int],
        from_ends: list[int],
        to_starts: list[int],
        to_ends: list[int],
    ) -> int:
        """Where ``position`` goes: the start of a span (the text from it on) or its end
        (the text before it). A span inside rewritten text stands for all it replaced."""
        if end_side:  # the last edit that starts before the position
            index = bisect.bisect_left(from_starts, position) - 1
            return position if index < 0 else to_ends[index] + max(0, position - from_ends[index])
        index = bisect.bisect_right(from_starts, position) - 1  # the last edit that starts at or before it
        if index < 0:
            return position
        end = from_ends[index]
        if position >= end:
            return to_ends[index] + (position - end)  # after it (text put in at the position comes first)
        return to_starts[index]  # at its start, or inside it

    def inside(self, position: int, before: bool = False) -> bool:
        """Does ``position`` lie strictly inside text an edit wrote (after the batch), or,
        with ``before``, inside text an edit replaced?"""
        starts, ends = (self.old_starts, self.old_ends) if before else (self.new_starts, self.new_ends)
        index = bisect.bisect_right(starts, position) - 1
        return index >= 0 and starts[index] < position < ends[index]

    def back(self, position: int, end_side: bool) -> int:
        return self._move(position, end_side, self.new_starts, self.new_ends, self.old_starts, self.old_ends)

    def forward(self, position: int, end_side: bool) -> int:
        return self._move(position, end_side, self.old_starts, self.old_ends, self.new_starts, self.new_ends)


class EditMap:
    """The batches applied so far to the text as read, oldest first."""

    def __init__(self) -> None:
        self._batches: list[_Batch] = []

    def __bool__(self) -> bool:
        return bool(self._batches)

    def record(self, edits: list[Edit]) -> None:
        """Edits just applied to the current text (sorted, non-overlapping)."""
        if edits:
            self._batches.append(_Batch(edits))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Where the current span ``[start, end)`` was in the text as read (a span inside
        rewritten text stands for all of what it replaced)."""
        for batch in reversed(self._batches):
            start, end = batch.back(start, False), batch.back(end, True)
        return start, max(start, end)

    def exact_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the current span was in the text as read, when every step of the way it
        lay outside text an edit wrote (else None: inside a section sorted as a whole, say,
        a place has no exact earlier place)."""
        for batch in reversed(self._batches):
            if batch.inside(start) or batch.inside(end):
                return None
            start, end = batch.back(start, False), batch.back(end, True)
        return start, max(start, end)

    def exact_current(self, start: int, end: int) -> tuple[int, int] | None:
        """Where a span of the text as read is now, when no edit rewrote text around it
        (else None)."""
        for batch in self._batches:
            if batch.inside(start, before=True) or batch.inside(end, before=True):
                return None
            start, end = batch.forward(start, False), batch.forward(end, True)
        return start, max(start, end)

    def to_current(self, start: int, end: int) -> tuple[int, int]:
        """Where a span of the text as read is now."""
        for batch in self._batches:
            start, end = batch.forward(start, False), batch.forward(end, True)
        return start, max(start, end)
