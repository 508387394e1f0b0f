"""description-case (profile awesome): a description starts like a sentence; names written in lower case pass."""

from __future__ import annotations

import pytest

from awesomelint.engine.config import parse_config
from awesomelint.engine.linter import lint
from awesomelint.model.document import Document

from ..conftest import entry, findings, fixed, messages


def test_a_lower_case_start_is_reported_with_an_unsafe_fix() -> None:
    (finding,) = findings(entry("a tool for things."), "description-case")
    assert finding.fix is not None
    assert finding.fix.applicability.value == "unsafe"
    assert fixed(entry("a tool for things."), "description-case") == entry("a tool for things.")
    assert fixed(entry("a tool for things."), "description-case", unsafe=True) == entry("A tool for things.")


@pytest.mark.parametrize(
    "description",
    [
        "iOS app for things.",
        "npm package for things.",
        "jQuery plugin.",
        "macOS menu bar app.",
        "2D engine.",
        "@mentions for things.",
        "#hashtags.",
        '"Quoted" start.',
        "面向中文的工具。",
        "日本語の資料。",
        "Ελληνικά.",
    ],
)
def test_starts_that_are_not_lower_case_words(description: str) -> None:
    assert messages(entry(description), "description-case") == []


def test_a_projects_own_lower_case_name_may_start_its_description() -> None:
    assert messages(entry("immudb is a database.", name="immudb"), "description-case") == []
    assert messages(entry("go-lock is a lock library.", name="go-lock"), "description-case") == []
    assert messages(entry("gonum plotting routines.", name="gonum/plot"), "description-case") == []
    assert messages(entry("rebar3 plugin for protobuffs.", name="rebar3_protobuffs"), "description-case") == []
    assert messages(entry("go:generate helper.", name="bind"), "description-case") == []
    listed = entry("Structured logger.", name="logrus") + "- [logrusly](https://l.example/) - logrus plug-in.\n"
    assert messages(listed, "description-case") == []
    assert messages(entry("command line option parser.", name="go-flags"), "description-case") == [
        "description of 'go-flags' starts with lower-case 'command'"
    ]


def lower_case(description: str, name: str = "Alpha") -> bool:
    doc = Document.from_text(f"# Awesome X\n\n- [{name}](https://x.example/) - {description}\n", "README.md")
    config = parse_config({"profile": "awesome", "select": ["description-case"]})
    return bool(lint(doc, config).findings)


@pytest.mark.parametrize(
    "description",
    [
        "deezer.com client for the terminal.",
        "pywal-like colour schemes.",
        "sklearn wrappers.",
        "[libyaml](https://pyyaml.org/) bindings.",
        "ttyrec player.",
    ],
)
def test_description_case_passes_names_no_english_word_list_has(description: str) -> None:
    assert not lower_case(description)


@pytest.mark.parametrize("description", ["a tool for things.", "simple static site server.", "is a library."])
def test_description_case_reports_english_lower_case_starts(description: str) -> None:
    assert lower_case(description)
