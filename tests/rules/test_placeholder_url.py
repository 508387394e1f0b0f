"""placeholder-url: template targets (github.com/org/repo, paper.link, '#', TODO) and 'Coming soon'
where a link belongs; the unsafe fix fills the owner/repo the link text names."""

from __future__ import annotations

import pytest

from ..conftest import findings


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/org/repo",
        "https://github.com/username/tool",
        "https://paper.link",
        "https://huggingface.co/org/model",
        "https://arxiv.org/abs/xxxx.xxxxx",
        "#",
        "TODO",
        "https://example.com/x",
        "http://localhost:8000",
    ],
)
def test_placeholder_targets(url: str) -> None:
    assert len(findings(f"- [t]({url})\n", "placeholder-url")) == 1


def test_placeholder_unsafe_fix_fills_owner_repo() -> None:
    (finding,) = findings("- [RL4M/IRENE](https://github.com/org/repo)\n", "placeholder-url")
    assert finding.fix is not None
    assert finding.fix.applicability.value == "unsafe"
    assert finding.fix.edits[0].content == "https://github.com/RL4M/IRENE"


def test_placeholder_real_orgs_pass() -> None:
    assert (
        findings("- [x](https://github.com/organic/repos) [y](https://github.com/orgs-x/y)\n", "placeholder-url") == []
    )


def test_coming_soon_in_link_column() -> None:
    table = "| Name | Code |\n|---|---|\n| A | [GitHub](https://github.com/a/b) |\n| B | Coming soon |\n"
    (finding,) = findings(table, "placeholder-url")
    assert "Coming soon" in finding.message


def test_coming_soon_written_as_a_link_is_judged_as_a_link_not_as_text() -> None:
    table = (
        "| Paper | Code |\n|---|---|\n| [A](https://a.example/) | [Code](https://github.com/o/a) |\n"
        "| [B](https://b.example/) | [Coming soon](https://github.com/o/b) |\n"
        "| [C](https://c.example/) | [Coming soon]() |\n| [D](https://d.example/) | Coming soon |\n"
    )
    found = [(f.message, f.start) for f in findings(table, "placeholder-url")]
    assert len(found) == 2  # the empty target once, the text 'Coming soon' once; the linked one is fine
    assert not any("github.com/o/b" in message for message, _ in found)
