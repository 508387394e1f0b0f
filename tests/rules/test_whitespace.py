"""whitespace: trailing spaces, blank-line runs and the final newline; what is the file's
habit is one unsafe note."""

from __future__ import annotations

from ..conftest import findings, fix_of


def test_whitespace() -> None:
    text = "# T \n\nline with break  \nnext line\n\n\n\n- item\t\n\n| a | b |  \n|---|---|\n| 1 | 2 |"
    found = findings(text, "whitespace")
    messages = [f.message for f in found]
    assert messages.count("trailing whitespace") == 3
    assert any("blank lines" in m for m in messages)
    assert any("no newline" in m for m in messages)


def test_whitespace_that_is_the_files_habit_is_one_unsafe_note() -> None:
    text = "# T\n\n" + "".join(f"- [e{i}](https://e{i}.example/) \n" for i in range(25))
    (found,) = findings(text, "whitespace")
    assert found.fix is not None
    assert found.message.startswith("25 places with trailing whitespace") and found.fix.applicability.value == "unsafe"
    assert len(found.fix.edits) == 25
    few = "# T\n\n" + "".join(f"- [e{i}](https://e{i}.example/){' ' if i < 3 else ''}\n" for i in range(25))
    assert [fix_of(f).applicability.value for f in findings(few, "whitespace")] == ["safe"] * 3


def test_double_blank_lines_before_every_section_of_a_short_file_are_its_habit() -> None:
    sections = "".join(f"\n\n## S{i}\n\n- [e{i}](https://e{i}.example/)\n" for i in range(8))
    (found,) = findings("# T\n" + sections, "whitespace")
    assert found.fix is not None
    assert found.message.startswith("8 places with blank lines in a row") and found.fix.applicability.value == "unsafe"
    assert len(findings("# T\n" + sections.replace("\n\n## S", "\n## S", 4), "whitespace")) == 4
