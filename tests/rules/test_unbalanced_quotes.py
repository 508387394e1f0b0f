"""unbalanced-quotes (profile awesome): quotes and CJK brackets left open; apostrophes and inch marks are not quotes."""

from __future__ import annotations

import pytest

from ..conftest import entry, messages


@pytest.mark.parametrize(
    "description, mark",
    [
        ("The “fast tool for things.", "“"),
        ("Say ‘hi.", "‘"),
        ('A "quote.', '"'),
        ("「日本語の資料。", "「"),
    ],
)
def test_unbalanced_quotes(description: str, mark: str) -> None:
    assert messages(entry(description), "unbalanced-quotes") == [f"description of 'Alpha' has an unbalanced {mark}"]


@pytest.mark.parametrize(
    "description",
    [
        "The “fast” tool.",
        "Don’t panic.",
        "The users’ choice.",
        'For 27" screens.',
        "It‘s a typo, not a quote.",
        "「日本語」の資料。",
    ],
)
def test_balanced_quotes_and_apostrophes(description: str) -> None:
    assert messages(entry(description), "unbalanced-quotes") == []
