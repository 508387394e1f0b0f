"""description-repeats-name (profile awesome): the name as the description's subject, not as its word."""

from __future__ import annotations

import pytest

from awesomelint.engine.config import parse_config
from awesomelint.engine.linter import lint
from awesomelint.model.document import Document

from ..conftest import entry, messages


def repeats(description: str, name: str) -> bool:
    doc = Document.from_text(f"# Awesome X\n\n- [{name}](https://x.example/) - {description}\n", "README.md")
    config = parse_config({"profile": "awesome", "select": ["description-repeats-name"]})
    return bool(lint(doc, config).findings)


@pytest.mark.parametrize(
    "name, description",
    [
        ("Aruspex", "Aruspex is a configurable constraint solver."),
        ("vim", "Vim - the ubiquitous text editor."),
        ("Cog", "Cog: an open chatops platform."),
        ("Word Forms", "Word forms can generate every form of a word."),
        ("Epic", "Epic"),
    ],
)
def test_the_name_as_the_subject_is_reported(name: str, description: str) -> None:
    assert repeats(description, name)


@pytest.mark.parametrize(
    "name, description",
    [
        ("csv", "CSV decoding and encoding for Elixir."),
        ("Serve", "Serve static files from a folder."),
        ("luhn", "Luhn algorithm in Elixir."),
        ("download", "Download files from the internet easily."),
        ("aws", "AWS clients for Elixir."),
    ],
)
def test_the_name_as_a_word_of_the_description_passes(name: str, description: str) -> None:
    assert not repeats(description, name)


def test_a_description_that_repeats_the_name() -> None:
    assert messages(entry("Alpha is a tool."), "description-repeats-name") == [
        "description of 'Alpha' starts with its own name"
    ]
    assert messages(entry("Alphabetical sorting."), "description-repeats-name") == []
    assert messages(entry("#elixir-lang on Freenode IRC.", name="#elixir-lang"), "description-repeats-name") == []
