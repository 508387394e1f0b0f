"""ci-badge: a build-status badge above the first section, removed with unsafe fixes."""

from __future__ import annotations

from ..conftest import fixed, messages


def test_a_ci_badge_above_the_first_section() -> None:
    text = (
        "# Awesome X [![Build Status](https://travis-ci.org/me/x.svg)](https://travis-ci.org/me/x)\n\n"
        "## Tools\n\n- [Alpha](https://alpha.example/) [![CI](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)](https://github.com/a/b) - A.\n"
    )
    assert messages(text, "ci-badge") == ["a CI badge ('Build Status'); a list does not show its build status"]
    assert fixed(text, "ci-badge", unsafe=True).startswith("# Awesome X\n")
