"""description-period (profile awesome): a description ends in . ! ? or …; a '.' is added after a letter or digit."""

from __future__ import annotations

import pytest

from ..conftest import entry, findings, fixed, messages


@pytest.mark.parametrize(
    "description, fixed_to",
    [
        ("A tool for things", "A tool for things."),
        ("Version 2", "Version 2."),
        ("A tool (beta)", None),
        ("Uses `make`", None),
    ],
)
def test_a_description_without_an_end_is_reported(description: str, fixed_to: str | None) -> None:
    (finding,) = [f for f in findings(entry(description), "description-period")]
    if fixed_to is None:
        assert finding.fix is None
    else:
        assert fixed(entry(description), "description-period") == entry(fixed_to)


@pytest.mark.parametrize(
    "description",
    [
        "A tool.",
        "Really?",
        "Yes!",
        "And so on…",
        "A tool (really).",
        "A “quoted tool.”",
        "A tool. 🚀",
        "See [the docs](https://docs.example/)",
        "A tool ![badge](https://img.example/b.svg)",
    ],
)
def test_descriptions_that_end_well(description: str) -> None:
    assert messages(entry(description), "description-period") == []
