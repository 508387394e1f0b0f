"""term-spelling (profile awesome): names spelled as their owners spell them, judged in text only."""

from __future__ import annotations

import pytest

from ..conftest import fixed, messages


def test_misspelled_names_outside_code_and_urls() -> None:
    text = "# X\n\n- [Alpha](https://github.com/a/b) - A Javascript tool hosted on Github.\n"
    assert messages(text, "term-spelling") == ["'Javascript' is spelled 'JavaScript'", "'Github' is spelled 'GitHub'"]
    assert fixed(text, "term-spelling", unsafe=True).endswith("A JavaScript tool hosted on GitHub.\n")


@pytest.mark.parametrize(
    "text",
    [
        "- [Alpha](https://github.com/a/b) - See github.com/a/b.\n",
        "- [Alpha](https://alpha.example/) - Run `javascript`.\n",
        "- [javascript](https://alpha.example/) - The package.\n",
        "- [Alpha](https://alpha.example/Github) - A tool.\n",
        "- <https://alpha.example/Github> - A tool.\n",
        "```\nGithub\n```\n",
        "- [Alpha](https://alpha.example/) - A node.js-foo adapter.\n",
    ],
)
def test_names_inside_code_urls_and_package_names_are_left(text: str) -> None:
    assert messages(text, "term-spelling") == []


def test_a_name_at_the_end_of_a_sentence_is_still_judged() -> None:
    assert messages("Hosted on Github.\n", "term-spelling") == ["'Github' is spelled 'GitHub'"]
