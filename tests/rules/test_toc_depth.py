"""toc-depth: a table of contents two levels deep at most; each third-level item is reported on its link."""

from __future__ import annotations

from ..conftest import findings

RULE = "toc-depth"


def _found(text: str) -> list[tuple[int, str, str]]:
    """(line, text, message) of each finding."""
    return [(text.count("\n", 0, f.start) + 1, text[f.start : f.end], f.message) for f in findings(text, RULE)]


def test_every_third_level_item_is_reported_on_its_link() -> None:
    text = (
        "# X\n\n## Contents\n\n- [Tools](#tools)\n  - [Editors](#editors)\n    - [Vim](#vim)\n    - [Emacs](#emacs)\n"
        "  - [Shells](#shells)\n\n## Tools\n\n### Editors\n\n#### Vim\n\n#### Emacs\n\n### Shells\n"
    )
    assert _found(text) == [
        (7, "[Vim](#vim)", "ToC item 'Vim' is a third level"),
        (8, "[Emacs](#emacs)", "ToC item 'Emacs' is a third level"),
    ]
    assert all(f.fix is None for f in findings(text, RULE))


def test_two_levels_pass_however_deep_the_headings_go() -> None:
    text = "# X\n\n## Contents\n\n- [Tools](#tools)\n  - [Editors](#editors)\n\n## Tools\n\n### Editors\n\n#### Vim\n"
    assert _found(text) == []


def test_a_deep_list_of_entries_is_not_a_table_of_contents() -> None:
    text = (
        "# X\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A.\n  - [Beta](https://beta.example/) - B.\n"
        "    - [Gamma](https://gamma.example/) - C.\n"
    )
    assert _found(text) == []
