"""The one definition of overlap (spans.py) against a brute force over every pair."""

from hypothesis import given
from hypothesis import strategies as st

from awesomelint.model.spans import Spans, collide

span = st.tuples(st.integers(0, 40), st.sampled_from([0, 0, 1, 2, 5, 9])).map(lambda p: (p[0], p[0] + p[1]))


def test_collide_treats_an_insertion_as_covering_its_point() -> None:
    assert collide((5, 5), (5, 8))  # an insertion at a span's start
    assert collide((5, 5), (5, 5))  # two insertions at one point
    assert collide((6, 6), (5, 8))  # inside
    assert not collide((8, 8), (5, 8))  # after its end
    assert not collide((3, 5), (5, 8))  # adjacent spans


@given(st.lists(span, max_size=30))
def test_a_sweep_takes_exactly_the_spans_that_touch_nothing_taken(candidates: list[tuple[int, int]]) -> None:
    taken: list[tuple[int, int]] = []
    spans = Spans()
    for candidate in candidates:
        expected = any(collide(candidate, other) for other in taken)
        assert spans.touches(*candidate) == expected
        if not expected:
            spans.add(*candidate)
            taken.append(candidate)
    assert len(spans) == len(taken)


@given(st.lists(span, max_size=12), span)
def test_merged_spans_answer_like_each_of_their_members(members: list[tuple[int, int]], query: tuple[int, int]) -> None:
    assert Spans.merged(members).touches(*query) == any(collide(query, m) for m in members)
