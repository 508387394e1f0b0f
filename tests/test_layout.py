"""Canonical layout: the form `fix` writes, which must render to the same HTML."""

import pytest

from awesomelint.config import Config, parse_config
from awesomelint.document import Document
from awesomelint.fix import FixError, apply_layout, fix_document
from awesomelint.markdown import render


def laid_out(text: str, config: Config | None = None) -> str:
    return apply_layout(Document.from_text(text), config or Config()).text


def same_html(a: str, b: str) -> bool:
    return " ".join(render(a).split()) == " ".join(render(b).split())


def test_tables_get_pipes_padding_and_a_canonical_delimiter_row():
    text = "# T\n\nName|Code|Note\n:--|:-:|--:\nA|[x](https://x.org)|a \\| b\n"
    out = laid_out(text)
    assert out.splitlines()[2:] == ["| Name | Code | Note |", "| :--- | :---: | ---: |", "| A | [x](https://x.org) | a \\| b |"]
    assert same_html(text, out)


def test_table_align_option_pads_columns():
    config = parse_config({"layout": {"table-align": True}})
    out = laid_out("| Name | Code |\n|---|---|\n| Alpha | x |\n| 中文 | y |\n", config)
    assert out.splitlines() == ["| Name  | Code |", "| ----- | ---- |", "| Alpha | x    |", "| 中文  | y    |"]


def test_extra_cells_are_kept():
    out = laid_out("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n")
    assert out.splitlines()[2] == "| 1 | 2 | 3 |"


def test_bullets_become_dashes_unless_that_would_merge_lists():
    assert laid_out("* a\n* b\n  + c\n") == "- a\n- b\n  - c\n"
    touching = "- a\n- b\n* c\n"  # two lists, kept apart only by their markers
    assert same_html(touching, laid_out(touching))


def test_headings_become_plain_atx():
    assert laid_out("## Title ##   \n\nSub\n---\n\ntext\n") == "## Title\n\n## Sub\n\ntext\n"
    assert laid_out("> ### [Venue] Title ###\n") == "> ### [Venue] Title\n"


def test_blocks_get_one_blank_line_between_them():
    text = "# T\ntext\n- a\n- b\n## Next\n| a |\n|---|\n| 1 |\n"
    out = laid_out(text)
    assert out == "# T\n\ntext\n\n- a\n- b\n\n## Next\n\n| a |\n| --- |\n| 1 |\n"
    assert same_html(text, out)


def test_code_and_html_are_left_as_written():
    text = "# T\n\n```\n*  x\n|a|b|\n```\n\n<div>\n* y\n</div>\n"
    assert laid_out(text) == text


def test_a_layout_that_would_change_html_is_refused_and_named(monkeypatch):
    import awesomelint.fix as fix_module
    from awesomelint.findings import Edit
    from awesomelint.layout import Group

    def broken(doc, options):
        return [Group(3, "bullet list", [Edit(doc.text.index("- a"), doc.text.index("- a") + 1, "1.")])]

    monkeypatch.setattr(fix_module, "layout_groups", broken)
    with pytest.raises(FixError, match=r"<text>:3: canonical layout would change how the bullet list renders"):
        apply_layout(Document.from_text("# T\n\n- a\n"), Config())


def test_fix_applies_content_fixes_then_layout_and_is_idempotent():
    text = "# T\n* [a](http://github.com/a/b)\n* [b](https://x.org?utm_source=z)\n"
    once = fix_document(Document.from_text(text), Config()).text
    assert once == "# T\n\n- [a](https://github.com/a/b)\n- [b](https://x.org)\n"
    assert fix_document(Document.from_text(once), Config()).text == once


def test_layout_keeps_crlf_and_bom(runner, tmp_path):
    from awesomelint.cli import main

    path = tmp_path / "README.md"
    path.write_bytes("\ufeff# T\r\n* a [x](https://x.org)\r\n".encode())
    assert runner.invoke(main, ["fix", str(path)]).exit_code == 0
    assert path.read_bytes() == "\ufeff# T\r\n\r\n- a [x](https://x.org)\r\n".encode()


def test_layout_config_is_validated(runner, tmp_path):
    from awesomelint.cli import main

    (tmp_path / ".awesomelint.yaml").write_text("layout: {bullet: x}\n")
    (tmp_path / "README.md").write_text("# T\n")
    result = runner.invoke(main, ["fix", str(tmp_path / "README.md")])
    assert result.exit_code == 2 and "layout.bullet" in result.output


def test_sub_lists_start_at_their_parent_content_column():
    text = "17. a\n     - sub\n     - sub2\n18. b\n      - x\n        - deep\n- c\n    - d\n"
    out = laid_out(text)
    assert out == "17. a\n    - sub\n    - sub2\n18. b\n    - x\n      - deep\n\n- c\n  - d\n"
    assert same_html(text, out)


def test_tab_indented_and_quoted_lists_are_left_alone():
    text = "- a\n\t- b\n\n> - c\n>     - d\n"
    assert laid_out(text) == text
