"""layout (the rule): a block laid out unlike the rest of the file is one info note whose fix
writes the file's own convention; a block longer than layout.max-lines waits for
--unsafe-fixes. The layout engine itself is tested in tests/test_layout.py."""

from __future__ import annotations

from awesomelint.engine.config import Config, parse_config
from awesomelint.engine.fix import apply_edits
from awesomelint.engine.linter import lint
from awesomelint.model.document import Document


def laid_out(text: str, config: Config | None = None) -> list:
    """The layout rule's findings (it runs only when selected)."""
    return lint(Document.from_text(text, "README.md"), config or Config(), only=["layout"]).findings


def star_list(stars: int, dashes: int) -> str:
    """Four sections of '*' bullets, then a section of '-' bullets."""
    per = stars // 4
    sections = "".join(
        f"## A{k}\n\n" + "".join(f"* [T{k}x{n}](https://t{k}x{n}.example/) - T.\n" for n in range(per)) + "\n"
        for k in range(4)
    )
    return "# X\n\n" + sections + "## B\n\n" + "".join(f"- [U{n}](https://u{n}.example/) - U.\n" for n in range(dashes))


def test_a_list_unlike_the_rest_of_the_file_is_an_info_note_whose_fix_follows_the_file() -> None:
    text = star_list(8, 2)
    (found,) = laid_out(text)
    assert found.rule == "layout" and found.severity.value == "info"
    assert found.message == "bullet list: '-' bullets where the file writes '*' (8 of 10 bullets at this depth)"
    assert found.fix.applicability.value == "safe"
    after = apply_edits(text, list(found.fix.edits))
    assert after == text.replace("- [U", "* [U")
    assert laid_out(after) == []


def test_a_file_consistent_with_itself_or_with_layout_off_has_none() -> None:
    assert laid_out(star_list(8, 2).replace("- [U", "* [U")) == []
    assert laid_out(star_list(8, 2), parse_config({"layout": False})) == []


def test_a_block_longer_than_max_lines_is_left_to_unsafe_fixes() -> None:
    text = star_list(100, 25)
    (found,) = laid_out(text)
    assert "it would rewrite 25 lines, more than layout.max-lines" in found.message
    assert found.fix.applicability.value == "unsafe" and len(found.fix.edits) == 25
    (allowed,) = laid_out(text, parse_config({"layout": {"max-lines": 30}}))
    assert allowed.fix.applicability.value == "safe"
