"""ci-badge: a build-status badge above the first section, removed with unsafe fixes."""

from __future__ import annotations

from awesomelint.config import parse_config
from awesomelint.document import Document
from awesomelint.fix import fix_document

from ..conftest import findings


def messages(text: str, rule: str) -> list[str]:
    return [f.message for f in findings(text, rule)]


def fixed(text: str, *rules: str, unsafe: bool = False, profile: str | None = None) -> str:
    raw = {"select": list(rules), **({"profile": profile} if profile else {})}
    config = parse_config(raw)
    once = fix_document(Document.from_text(text, "README.md"), config, unsafe=unsafe, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, unsafe=unsafe, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def test_a_ci_badge_above_the_first_section():
    text = ("# Awesome X [![Build Status](https://travis-ci.org/me/x.svg)](https://travis-ci.org/me/x)\n\n"
            "## Tools\n\n- [Alpha](https://alpha.example/) [![CI](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)](https://github.com/a/b) - A.\n")
    assert messages(text, "ci-badge") == ["a CI badge ('Build Status'); a list does not show its build status"]
    assert fixed(text, "ci-badge", unsafe=True).startswith("# Awesome X\n")
