"""toc-position: the table of contents is the first section after the title; an introduction may come before it."""

from __future__ import annotations

from ..conftest import findings

RULE = "toc-position"
CONTENTS = "## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n\n"
TOOLS = "## Tools\n\n- [Alpha](https://alpha.example/) - A.\n\n"
BOOKS = "## Books\n\n- [Beta](https://beta.example/) - B.\n"


def _found(text: str) -> list[tuple[int, str, str]]:
    """(line, text, message) of each finding."""
    return [(text.count("\n", 0, f.start) + 1, text[f.start : f.end], f.message) for f in findings(text, RULE)]


def test_contents_after_a_section_is_reported_on_its_heading() -> None:
    text = "# Awesome X\n\n" + TOOLS + CONTENTS + BOOKS
    assert _found(text) == [
        (7, "## Contents", "the table of contents comes after 'Tools' (line 3); it should be the first section")
    ]


def test_an_introduction_and_badges_under_the_title_may_come_first() -> None:
    text = (
        "# Awesome X\n\n[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\nA list of tools.\n\n"
        + CONTENTS
        + TOOLS
        + BOOKS
    )
    assert _found(text) == []


def test_a_list_with_no_table_of_contents_is_not_judged() -> None:
    assert _found("# Awesome X\n\n" + TOOLS + BOOKS) == []
