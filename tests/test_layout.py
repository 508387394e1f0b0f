"""Canonical layout: the form `fix` writes, which must render to the same HTML."""


from awesomelint.config import Config, parse_config
from awesomelint.document import Document
from awesomelint.fix import apply_layout, fix_document
from awesomelint.markdown import render

CANONICAL = parse_config({"layout": {"style": "canonical"}})


def laid_out(text: str, config: Config | None = None) -> str:
    """The text in the canonical form (the tests below that say so use the file's own)."""
    options = (config or CANONICAL).layout_options()
    return apply_layout(Document.from_text(text), options)[0].text


def own_layout(text: str) -> str:
    return apply_layout(Document.from_text(text), Config().layout_options())[0].text


def same_html(a: str, b: str) -> bool:
    return " ".join(render(a).split()) == " ".join(render(b).split())


def test_tables_get_pipes_padding_and_a_canonical_delimiter_row():
    text = "# T\n\nName|Code|Note\n:--|:-:|--:\nA|[x](https://x.org)|a \\| b\n"
    out = laid_out(text)
    assert out.splitlines()[2:] == ["| Name | Code | Note |", "| :--- | :---: | ---: |", "| A | [x](https://x.org) | a \\| b |"]
    assert same_html(text, out)


def test_table_align_option_pads_columns():
    config = parse_config({"layout": {"style": "canonical", "table-align": True}})
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


def test_a_block_whose_layout_would_change_html_is_kept_and_the_rest_written(monkeypatch, runner, tmp_path):
    import awesomelint.fix as fix_module
    from awesomelint.cli import main
    from awesomelint.findings import Edit
    from awesomelint.layout import Group

    def one_bad_one_good(doc, options):
        bad = doc.text.index("- a")
        groups = [Group(doc.position(bad)[0], "bullet list", [Edit(bad, bad + 1, "1.")])]
        good = doc.text.find("Sub ##")
        if good >= 0:
            groups.append(Group(doc.position(good)[0], "heading", [Edit(good + 3, good + 6, "")]))
        return groups

    monkeypatch.setattr(fix_module, "layout_groups", one_bad_one_good)
    path = tmp_path / "README.md"
    path.write_text("# T\n\nSee [x](http://github.com/a/b)\n\n- a\n\n## Sub ##\n")
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:5: layout would change how the bullet list renders; kept as written" in result.output
    assert path.read_text() == "# T\n\nSee [x](https://github.com/a/b)\n\n- a\n\n## Sub\n"


def test_refused_lines_are_those_of_the_file_as_read(monkeypatch):
    import awesomelint.fix as fix_module
    from awesomelint.findings import Edit
    from awesomelint.layout import Group

    def bad_list(doc, options):
        at = doc.text.index("- a")
        return [Group(doc.position(at)[0], "bullet list", [Edit(at, at + 1, "1.")])]

    monkeypatch.setattr(fix_module, "layout_groups", bad_list)
    text = "# T\n\n\n\n\ntext\n\n- a\n"  # whitespace fix removes three lines before the list
    outcome = fix_document(Document.from_text(text), Config())
    assert outcome.text == "# T\n\ntext\n\n- a\n"
    assert [(r.line, r.what) for r in outcome.refused] == [(8, "bullet list")]


def test_fix_applies_content_fixes_then_layout_and_is_idempotent():
    text = "# T\n* [a](http://github.com/a/b)\n* [b](https://x.org?utm_source=z)\n"
    once = fix_document(Document.from_text(text), CANONICAL).text
    assert once == "# T\n\n- [a](https://github.com/a/b)\n- [b](https://x.org)\n"
    assert fix_document(Document.from_text(once), CANONICAL).text == once


def test_layout_keeps_crlf_and_bom(runner, tmp_path):
    from awesomelint.cli import main

    path = tmp_path / "README.md"
    (tmp_path / ".awesomelint.yaml").write_text("layout: {style: canonical}\n")
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


# the file's own conventions ---------------------------------------------------


def test_a_list_consistent_with_itself_gets_no_layout_diff():
    text = ("# T\n\n## A\n* [a](https://a.example/) - x\n* [b](https://b.example/) - y\n    * [c](https://c.example/)\n\n"
            "Name|Code\n---|---\nA|B\n\n## B ##\n\n* [d](https://d.example/)\n")
    assert own_layout(text) == text.replace("## B ##", "## B")  # the one heading of three with closing hashes
    assert own_layout(text.replace("## B ##", "## B")) == text.replace("## B ##", "## B")


def test_the_deviating_block_follows_the_file():
    lists = "".join(f"## S{i}\n\n* [a{i}](https://a{i}.example/)\n* [b{i}](https://b{i}.example/)\n\n" for i in range(4))
    text = "# T\n\n" + lists + "## New\n\n- [n](https://n.example/)\n- [m](https://m.example/)\n"
    out = own_layout(text)
    assert out == text.replace("- [n]", "* [n]").replace("- [m]", "* [m]")
    assert same_html(text, out)


def test_a_table_of_contents_keeps_its_own_marker():
    toc = "- [A](#a)\n- [B](#b)\n\n"
    body = "## A\n\n* [x](https://x.example/)\n* [y](https://y.example/)\n\n## B\n\n* [z](https://z.example/)\n"
    assert own_layout("# T\n\n" + toc + body) == "# T\n\n" + toc + body


def test_no_marker_rewrite_where_the_file_has_no_convention():
    text = "# T\n\n## A\n\n* [a](https://a.example/)\n* [b](https://b.example/)\n\n## B\n\n- [c](https://c.example/)\n- [d](https://d.example/)\n"
    assert own_layout(text) == text


def test_aligned_tables_stay_aligned_with_widths_recomputed():
    text = ("| Name  | Code |\n|-------|------|\n| Alpha | x    |\n| Beta  | y    |\n| Gamma-ray | z |\n")
    assert own_layout(text).splitlines() == [
        "| Name      | Code |", "|-----------|------|", "| Alpha     | x    |", "| Beta      | y    |", "| Gamma-ray | z    |"]


def test_aligned_tables_keep_their_extra_padding():
    text = "| Name   | Code |\n| ------ | ---- |\n| Alpha  | x    |\n| Beta   | y    |\n"
    assert own_layout(text) == text


def test_compact_tables_stay_compact_and_only_deviating_rows_change():
    text = "| Name | Code |\n|---|---|\n| Alpha | x |\n| Beta | y |\n|Gamma|z|\n"
    assert own_layout(text) == "| Name | Code |\n|---|---|\n| Alpha | x |\n| Beta | y |\n| Gamma | z |\n"


def test_tables_without_outer_pipes_keep_none():
    text = "Name | Code\n--- | ---\nAlpha | x\nBeta | y\n"
    assert own_layout(text) == text


def test_blank_lines_between_blocks_follow_the_file():
    # every heading here is directly followed by its list: that is the file's convention
    text = "# T\n\n## A\n* [a](https://a.example/)\n\n## B\n* [b](https://b.example/)\n\n## C\n* [c](https://c.example/)\n"
    assert own_layout(text) == text
    # where the file separates them, the one pair that touches is separated too
    separated = text.replace("## A\n", "## A\n\n").replace("## B\n", "## B\n\n")
    assert own_layout(separated) == separated.replace("## C\n", "## C\n\n")


def test_headings_directly_followed_by_lists_settle_in_one_run():
    text = ("## H\n\n#### A\n* [a](https://a.example/)\n* [a2](https://a2.example/)\n\n#### B\n"
            "* [b](https://b.example/)\n\n#### C\n* [c](https://c.example/)\n")
    for config in (Config(), CANONICAL):
        once = fix_document(Document.from_text(text), config).text
        assert fix_document(Document.from_text(once), config).text == once
        assert same_html(text, once)
    assert fix_document(Document.from_text(text), Config()).text == text


def test_layout_can_be_turned_off(runner, tmp_path):
    from awesomelint.cli import main

    text = "# T\n* [a](http://github.com/a/b)\n\n## S\n\n- [b](https://b.example/)\n"
    path = tmp_path / "README.md"
    path.write_text(text)
    assert runner.invoke(main, ["fix", "--no-layout", "--config", str(_config(tmp_path, "layout: {style: canonical}")), str(path)]).exit_code == 0
    assert path.read_text() == text.replace("http://", "https://")
    path.write_text(text)
    assert runner.invoke(main, ["fix", "--config", str(_config(tmp_path, "layout: false")), str(path)]).exit_code == 0
    assert path.read_text() == text.replace("http://", "https://")
    path.write_text(text)
    assert runner.invoke(main, ["fix", "--config", str(_config(tmp_path, "layout: {style: canonical}")), str(path)]).exit_code == 0
    assert path.read_text() != text.replace("http://", "https://")


def _config(folder, text: str):
    path = folder / "conf.yaml"
    path.write_text(text + "\n")
    return path
