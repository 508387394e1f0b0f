"""EditMap: places in the text as read and in the text after batches of edits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from awesomelint.engine.edits import EditMap, apply_edits
from awesomelint.findings import Edit
from awesomelint.model.spans import collide


@st.composite
def batches(draw: st.DrawFn) -> tuple[str, list[list[Edit]]]:
    """A text and up to three batches of sorted, non-overlapping edits, each on the text
    the batch before left."""
    text = draw(st.text(alphabet="abcdef\n", min_size=1, max_size=40))
    result: list[list[Edit]] = []
    current = text
    for _ in range(draw(st.integers(1, 3))):
        cuts = sorted(draw(st.lists(st.integers(0, len(current)), max_size=8)))
        edits: list[Edit] = []
        position = 0
        for start, end in zip(cuts[::2], cuts[1::2]):
            if start < position or (edits and collide((edits[-1].start, edits[-1].end), (start, end))):
                continue  # `fix` never applies edits that collide
            edits.append(Edit(start, end, draw(st.text(alphabet="XYZ", max_size=3))))
            position = end
        result.append(edits)
        current = apply_edits(current, edits)
    return text, result


def _survivors(text: str, edit_batches: list[list[Edit]]) -> dict[int, int]:
    """Original offset -> current offset of every character no edit touched (by simulation)."""
    where = {i: i for i in range(len(text))}  # current offset -> original offset
    for edits in edit_batches:
        moved: dict[int, int] = {}
        shift, position = 0, 0
        current_length = max(where, default=-1) + 1
        for edit in edits:
            for offset in range(position, edit.start):
                if offset in where:
                    moved[offset + shift] = where[offset]
            shift += len(edit.content) - (edit.end - edit.start)
            position = edit.end
        for offset in range(position, max(current_length, position)):
            if offset in where:
                moved[offset + shift] = where[offset]
        where = moved
    return {original: current for current, original in where.items()}


@given(batches())
def test_untouched_characters_map_both_ways(case: tuple[str, list[list[Edit]]]) -> None:
    text, edit_batches = case
    edits_map = EditMap()
    final = text
    for edits in edit_batches:
        edits_map.record(edits)
        final = apply_edits(final, edits)
    for original, current in _survivors(text, edit_batches).items():
        assert final[current] == text[original]
        assert edits_map.to_current(original, original + 1) == (current, current + 1)
        assert edits_map.to_original(current, current + 1) == (original, original + 1)
        assert edits_map.exact_original(current, current + 1) == (original, original + 1)


def test_a_place_inside_rewritten_text_stands_for_all_it_replaced() -> None:
    edits_map = EditMap()
    edits_map.record([Edit(2, 5, "XYZW")])  # "abcdefg" -> "abXYZWfg"
    assert edits_map.to_original(3, 4) == (2, 5)
    assert edits_map.exact_original(3, 4) is None
    assert edits_map.to_current(3, 4) == (2, 6)
    assert edits_map.to_original(7, 8) == (6, 7)
