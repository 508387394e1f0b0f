"""Inline control comments: each kind silences exactly the lines it names."""

from __future__ import annotations

from awesomelint.model.document import Document

from .conftest import findings

BAD = "- [a](http://github.com/a/b) - one.\n"
GOOD = "- [b](https://github.com/c/d) - two.\n"


def _lines(text: str) -> list[int]:
    doc = Document.from_text(text)
    return [doc.position(f.start)[0] for f in findings(text, "insecure-url")]


def test_disable_line_silences_its_own_line_only() -> None:
    text = (
        "# A\n\n- [a](http://github.com/a/b) - one. <!-- awesomelint-disable-line insecure-url -->\n"
        "- [c](http://github.com/e/f) - three.\n"
    )
    assert _lines(text) == [4]


def test_disable_line_without_names_silences_every_rule_on_that_line() -> None:
    text = "# A\n\n- [a](http://github.com/a/b) - one. <!-- awesomelint-disable-line -->\n" + BAD
    assert _lines(text) == [4]


def test_disable_line_naming_another_rule_leaves_this_one() -> None:
    text = "# A\n\n- [a](http://github.com/a/b) - one. <!-- awesomelint-disable-line whitespace -->\n"
    assert _lines(text) == [3]


def test_disable_next_line_silences_the_line_after_it_and_no_other() -> None:
    text = "# A\n\n<!-- awesomelint-disable-next-line insecure-url -->\n" + BAD + GOOD + BAD
    assert _lines(text) == [6]


def test_awesome_lint_ignore_covers_the_next_block() -> None:
    text = "# A\n\n<!--lint ignore-->\n" + BAD + BAD + "\nText.\n\n" + BAD
    assert _lines(text) == [9]
