"""description-period (profile awesome): a description ends in . ! ? or …; a '.' is added after a letter or digit."""

from __future__ import annotations

import pytest

from awesomelint.config import parse_config
from awesomelint.document import Document
from awesomelint.fix import fix_document

from ..conftest import findings


def fixed(text: str, *rules: str, unsafe: bool = False) -> str:
    """The text after `fix` with only the named rules (no layout); a second run changes nothing."""
    config = parse_config({"select": list(rules)})
    once = fix_document(Document.from_text(text, "README.md"), config, unsafe=unsafe, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, unsafe=unsafe, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def messages(text: str, rule: str) -> list[str]:
    return [f.message for f in findings(text, rule)]


def entry(description: str, name: str = "Alpha") -> str:
    return f"# Awesome X\n\n- [{name}](https://alpha.example/) - {description}\n"


@pytest.mark.parametrize("description, fixed_to", [
    ("A tool for things", "A tool for things."),
    ("Version 2", "Version 2."),
    ("A tool (beta)", None),
    ("Uses `make`", None),
])
def test_a_description_without_an_end_is_reported(description, fixed_to):
    (finding,) = [f for f in findings(entry(description), "description-period")]
    if fixed_to is None:
        assert finding.fix is None
    else:
        assert fixed(entry(description), "description-period") == entry(fixed_to)


@pytest.mark.parametrize("description", [
    "A tool.", "Really?", "Yes!", "And so on…", "A tool (really).", "A “quoted tool.”", "A tool. 🚀",
    "See [the docs](https://docs.example/)", "A tool ![badge](https://img.example/b.svg)",
])
def test_descriptions_that_end_well(description):
    assert messages(entry(description), "description-period") == []
