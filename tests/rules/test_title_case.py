"""title-case: the title in title case ('# Awesome Name of List'), and starting with 'Awesome'."""

from __future__ import annotations

from ..conftest import fixed, messages


def test_title_case_and_awesome_start() -> None:
    assert messages("# awesome static site generators\n", "title-case") == [
        "the title 'awesome static site generators' is not in title case"
    ]
    assert (
        fixed("# awesome list of static site generators\n", "title-case", unsafe=True)
        == "# Awesome List of Static Site Generators\n"
    )
    assert messages("# Static Site Generators\n", "title-case") == [
        "the title 'Static Site Generators' does not start with 'Awesome'"
    ]
    for good in (
        "# Awesome iOS",
        "# Awesome Node.js",
        "# Awesome-Mamba-Collection",
        "# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)",
    ):
        assert messages(good + "\n", "title-case") == [], good
