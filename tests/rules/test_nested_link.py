"""nested-link: the broken shapes found on lists nobody here wrote (merged targets, a space
before '(', a stray '[', a badge link), and what their fixes touch."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awesomelint.engine.config import parse_config
from awesomelint.engine.fix import fix_document
from awesomelint.model.document import Document

from ..conftest import findings


def fixed(text: str) -> str:
    return fix_document(
        Document.from_text(text, "README.md"), parse_config({"select": ["nested-link"]}), layout=False
    ).text


def test_words_where_the_address_belongs_are_reported_without_a_fix() -> None:
    text = "# X\n\n- [BioRxiv](DoubletDecon: Cell-State Aware Removal of Doublets) - A method.\n"
    (finding,) = findings(text, "nested-link")
    assert "has words where its address belongs ('DoubletDecon: Cell-State" in finding.message
    assert finding.fix is None


def test_a_second_parenthesis_before_the_address_is_fixed() -> None:
    text = "# X\n\n- [Paper]((https://arxiv.org/abs/2401.00001) - A paper.\n"
    (finding,) = findings(text, "nested-link")
    assert finding.fix is not None
    assert "second '('" in finding.message and finding.fix.applicability.value == "safe"
    assert fixed(text) == "# X\n\n- [Paper](https://arxiv.org/abs/2401.00001) - A paper.\n"


@pytest.mark.parametrize(
    "text",
    [
        '[Paper](https://arxiv.org/abs/1 "A title in words")',  # a title is allowed after the address
        "- [ ] a task (with words) and [x] done (more words)",
        "[Docs](docs/guide.md) and [Home](./index.md)",  # relative addresses
        "`[x](not a link)` in code",
        "[a](<with spaces.md>)",
    ],
)
def test_shapes_that_are_links_or_not_meant_as_links_pass(text: str) -> None:
    assert findings(f"# X\n\n{text}\n", "nested-link") == []


# merged targets, a space before '(', a stray '[', a badge --------------------------------


@pytest.mark.parametrize(
    "text, expected, safe",
    [
        (
            "[SToFM](https://paper.link](https://arxiv.org/pdf/2507.11588)",
            "[SToFM](https://arxiv.org/pdf/2507.11588)",
            True,
        ),
        (
            "[HF]([https://huggingface.co/org/model](https://drive.google.com/x))",
            "[HF](https://drive.google.com/x)",
            True,
        ),
        ("[b/P]([https://github.com/m/Patho](https://github.com/b/P)", "[b/P](https://github.com/b/P)", True),
        ("[GMAI]([https://ai.nejm.org/a](https://www.nature.com/b))", "[GMAI](https://www.nature.com/b)", False),
        ("[Paper] (https://arxiv.org/abs/2401.00001)", "[Paper](https://arxiv.org/abs/2401.00001)", True),
        ("[Paper](https://arxiv.org/abs/2401.00001 and more", "[Paper](https://arxiv.org/abs/2401.00001)", True),
    ],
)
def test_nested_link_rebuilds_one_link(text: str, expected: str, safe: bool) -> None:
    (finding,) = findings(f"- {text}\n", "nested-link")
    assert finding.fix is not None
    (edit,) = finding.fix.edits
    assert edit.content == expected
    assert (finding.fix.applicability.value == "safe") is safe


def test_nested_link_good_links_pass() -> None:
    assert findings("- [a](https://a.org/x) and [b](https://b.org)\n", "nested-link") == []


def test_a_stray_bracket_before_the_address_is_a_nested_link() -> None:
    (found,) = findings("# T\n\n- [LLM]([https://github.com/simonw/llm) - CLI tool\n", "nested-link")
    assert found.fix is not None
    assert "stray '['" in found.message and found.fix.applicability.value == "safe"
    assert found.fix.edits[0].content == "[LLM](https://github.com/simonw/llm)"


def test_a_badge_link_with_two_targets_is_named_and_keeps_its_image() -> None:
    (found,) = findings(
        "[![CI](https://ci.example/badge.svg)]([https://a.example/x](https://b.example/y))\n", "nested-link"
    )
    assert found.message.startswith("the badge link is broken")
    assert found.fix is not None
    assert found.fix.edits[0].content == "[![CI](https://ci.example/badge.svg)](https://b.example/y)"


WORDS = st.text(alphabet="abcdef -:.", min_size=1, max_size=12).filter(lambda w: w.strip() and "](" not in w)


@given(
    WORDS,
    st.sampled_from(["https://arxiv.org/abs/2401.00001", "https://github.com/o/r", "http://x.example/p?q=1"]),
    st.sampled_from(["- {} - A paper.", "| {} | note |", "Text {} text."]),
)
def test_the_fix_keeps_the_text_and_the_address_and_changes_nothing_else(text: str, url: str, shape: str) -> None:
    text = text.strip().replace("[", "").replace("]", "") or "t"
    header = "| Paper | Note |\n|---|---|\n" if shape.startswith("|") else ""
    broken = f"[{text}](({url})"
    source = f"# X\n\n{header}{shape.format(broken)}\n"
    after = fixed(source)
    assert after in (source, source.replace(broken, f"[{text}]({url})"))
