"""Canonical layout: the form `fix` writes, which must render to the same HTML."""

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from awesomelint.engine.config import Config, parse_config
from awesomelint.engine.fix import apply_layout, fix_document
from awesomelint.engine.layout import Group, Options
from awesomelint.model.document import Document
from awesomelint.model.markdown import render

CANONICAL = parse_config({"layout": {"style": "canonical"}})


def laid_out(text: str, config: Config | None = None) -> str:
    """The text in the canonical form (the tests below that say so use the file's own)."""
    options = (config or CANONICAL).layout_options()
    assert options is not None
    return apply_layout(Document.from_text(text), options)[0].text


def own_layout(text: str) -> str:
    options = Config().layout_options()
    assert options is not None
    return apply_layout(Document.from_text(text), options)[0].text


def same_html(a: str, b: str) -> bool:
    return " ".join(render(a).split()) == " ".join(render(b).split())


def test_tables_get_pipes_padding_and_a_canonical_delimiter_row() -> None:
    text = "# T\n\nName|Code|Note\n:--|:-:|--:\nA|[x](https://x.org)|a \\| b\n"
    out = laid_out(text)
    assert out.splitlines()[2:] == [
        "| Name | Code | Note |",
        "| :--- | :---: | ---: |",
        "| A | [x](https://x.org) | a \\| b |",
    ]
    assert same_html(text, out)


def test_table_align_option_pads_columns() -> None:
    config = parse_config({"layout": {"style": "canonical", "table-align": True}})
    out = laid_out("| Name | Code |\n|---|---|\n| Alpha | x |\n| 中文 | y |\n", config)
    assert out.splitlines() == ["| Name  | Code |", "| ----- | ---- |", "| Alpha | x    |", "| 中文  | y    |"]


def test_extra_cells_are_kept() -> None:
    out = laid_out("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n")
    assert out.splitlines()[2] == "| 1 | 2 | 3 |"


def test_bullets_become_dashes_unless_that_would_merge_lists() -> None:
    assert laid_out("* a\n* b\n  + c\n") == "- a\n- b\n  - c\n"
    touching = "- a\n- b\n* c\n"  # two lists, kept apart only by their markers
    assert same_html(touching, laid_out(touching))


def test_headings_become_plain_atx() -> None:
    assert laid_out("## Title ##   \n\nSub\n---\n\ntext\n") == "## Title\n\n## Sub\n\ntext\n"
    assert laid_out("> ### [Venue] Title ###\n") == "> ### [Venue] Title\n"


def test_blocks_get_one_blank_line_between_them() -> None:
    text = "# T\ntext\n- a\n- b\n## Next\n| a |\n|---|\n| 1 |\n"
    out = laid_out(text)
    assert out == "# T\n\ntext\n\n- a\n- b\n\n## Next\n\n| a |\n| --- |\n| 1 |\n"
    assert same_html(text, out)


def test_code_and_html_are_left_as_written() -> None:
    text = "# T\n\n```\n*  x\n|a|b|\n```\n\n<div>\n* y\n</div>\n"
    assert laid_out(text) == text


def test_a_block_whose_layout_would_change_html_is_kept_and_the_rest_written(
    monkeypatch: pytest.MonkeyPatch, runner: CliRunner, tmp_path: Path
) -> None:
    import awesomelint.engine.layoutpass as layoutpass
    from awesomelint.cli import main
    from awesomelint.engine.layout import Group
    from awesomelint.findings import Edit

    def one_bad_one_good(doc: Document, options: Options | None, grids: dict[int, object] | None = None) -> list[Group]:
        bad = doc.text.index("- a")
        groups = [Group(doc.position(bad)[0], "bullet list", [Edit(bad, bad + 1, "1.")], "a test")]
        good = doc.text.find("Sub ##")
        if good >= 0:
            groups.append(Group(doc.position(good)[0], "heading", [Edit(good + 3, good + 6, "")], "a test"))
        return groups

    monkeypatch.setattr(layoutpass, "layout_groups", one_bad_one_good)
    path = tmp_path / "README.md"
    path.write_text("# T\n\nSee [x](http://github.com/a/b)\n\n- a\n\n## Sub ##\n")
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:5: layout would change how the bullet list renders; kept as written" in result.output
    assert path.read_text() == "# T\n\nSee [x](https://github.com/a/b)\n\n- a\n\n## Sub\n"


def test_refused_lines_are_those_of_the_file_as_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import awesomelint.engine.layoutpass as layoutpass
    from awesomelint.engine.layout import Group
    from awesomelint.findings import Edit

    def bad_list(doc: Document, options: Options | None, grids: dict[int, object] | None = None) -> list[Group]:
        at = doc.text.index("- a")
        return [Group(doc.position(at)[0], "bullet list", [Edit(at, at + 1, "1.")], "a test")]

    monkeypatch.setattr(layoutpass, "layout_groups", bad_list)
    text = "# T\n\n\n\n\ntext\n\n- a\n"  # whitespace fix removes three lines before the list
    outcome = fix_document(Document.from_text(text), Config())
    assert outcome.text == "# T\n\ntext\n\n- a\n"
    assert [(r.line, r.what) for r in outcome.refused] == [(8, "bullet list")]


def test_fix_applies_content_fixes_then_layout_and_is_idempotent() -> None:
    text = "# T\n* [a](http://github.com/a/b)\n* [b](https://x.org?utm_source=z)\n"
    once = fix_document(Document.from_text(text), CANONICAL).text
    assert once == "# T\n\n- [a](https://github.com/a/b)\n- [b](https://x.org)\n"
    assert fix_document(Document.from_text(once), CANONICAL).text == once


def test_layout_keeps_crlf_and_bom(runner: CliRunner, tmp_path: Path) -> None:
    from awesomelint.cli import main

    path = tmp_path / "README.md"
    (tmp_path / ".awesomelint.yaml").write_text("layout: {style: canonical}\n")
    path.write_bytes("\ufeff# T\r\n* a [x](https://x.org)\r\n".encode())
    assert runner.invoke(main, ["fix", str(path)]).exit_code == 0
    assert path.read_bytes() == "\ufeff# T\r\n\r\n- a [x](https://x.org)\r\n".encode()


def test_layout_config_is_validated(runner: CliRunner, tmp_path: Path) -> None:
    from awesomelint.cli import main

    (tmp_path / ".awesomelint.yaml").write_text("layout: {bullet: x}\n")
    (tmp_path / "README.md").write_text("# T\n")
    result = runner.invoke(main, ["fix", str(tmp_path / "README.md")])
    assert result.exit_code == 2 and "layout.bullet" in result.output


def test_sub_lists_start_at_their_parent_content_column() -> None:
    text = "17. a\n     - sub\n     - sub2\n18. b\n      - x\n        - deep\n- c\n    - d\n"
    out = laid_out(text)
    assert out == "17. a\n    - sub\n    - sub2\n18. b\n    - x\n      - deep\n\n- c\n  - d\n"
    assert same_html(text, out)


def test_tab_indented_and_quoted_lists_are_left_alone() -> None:
    text = "- a\n\t- b\n\n> - c\n>     - d\n"
    assert laid_out(text) == text


# the file's own conventions ---------------------------------------------------


def test_a_list_consistent_with_itself_gets_no_layout_diff() -> None:
    text = (
        "# T\n\n## A\n* [a](https://a.example/) - x\n* [b](https://b.example/) - y\n    * [c](https://c.example/)\n\n"
        "Name|Code\n---|---\nA|B\n\n## B ##\n\n* [d](https://d.example/)\n"
    )
    assert own_layout(text) == text.replace("## B ##", "## B")  # the one heading of three with closing hashes
    assert own_layout(text.replace("## B ##", "## B")) == text.replace("## B ##", "## B")


def test_the_deviating_block_follows_the_file() -> None:
    lists = "".join(
        f"## S{i}\n\n* [a{i}](https://a{i}.example/)\n* [b{i}](https://b{i}.example/)\n\n" for i in range(4)
    )
    text = "# T\n\n" + lists + "## New\n\n- [n](https://n.example/)\n- [m](https://m.example/)\n"
    out = own_layout(text)
    assert out == text.replace("- [n]", "* [n]").replace("- [m]", "* [m]")
    assert same_html(text, out)


def test_a_table_of_contents_keeps_its_own_marker() -> None:
    toc = "- [A](#a)\n- [B](#b)\n\n"
    body = "## A\n\n* [x](https://x.example/)\n* [y](https://y.example/)\n\n## B\n\n* [z](https://z.example/)\n"
    assert own_layout("# T\n\n" + toc + body) == "# T\n\n" + toc + body


def test_no_marker_rewrite_where_the_file_has_no_convention() -> None:
    text = "# T\n\n## A\n\n* [a](https://a.example/)\n* [b](https://b.example/)\n\n## B\n\n- [c](https://c.example/)\n- [d](https://d.example/)\n"
    assert own_layout(text) == text


def test_aligned_tables_stay_aligned_with_widths_recomputed() -> None:
    text = "| Name  | Code |\n|-------|------|\n| Alpha | x    |\n| Beta  | y    |\n| Gamma-ray | z |\n"
    assert own_layout(text).splitlines() == [
        "| Name      | Code |",
        "|-----------|------|",
        "| Alpha     | x    |",
        "| Beta      | y    |",
        "| Gamma-ray | z    |",
    ]


def test_aligned_tables_keep_their_extra_padding() -> None:
    text = "| Name   | Code |\n| ------ | ---- |\n| Alpha  | x    |\n| Beta   | y    |\n"
    assert own_layout(text) == text


def test_compact_tables_stay_compact_and_only_deviating_rows_change() -> None:
    text = "| Name | Code |\n|---|---|\n| Alpha | x |\n| Beta | y |\n|Gamma|z|\n"
    assert own_layout(text) == "| Name | Code |\n|---|---|\n| Alpha | x |\n| Beta | y |\n| Gamma | z |\n"


def test_tables_without_outer_pipes_keep_none() -> None:
    text = "Name | Code\n--- | ---\nAlpha | x\nBeta | y\n"
    assert own_layout(text) == text


def test_blank_lines_between_blocks_follow_the_file() -> None:
    # every heading here is directly followed by its list: that is the file's convention
    text = (
        "# T\n\n## A\n* [a](https://a.example/)\n\n## B\n* [b](https://b.example/)\n\n## C\n* [c](https://c.example/)\n"
    )
    assert own_layout(text) == text
    # where the file separates them, the one pair that touches is separated too
    separated = text.replace("## A\n", "## A\n\n").replace("## B\n", "## B\n\n")
    assert own_layout(separated) == separated.replace("## C\n", "## C\n\n")


def test_headings_directly_followed_by_lists_settle_in_one_run() -> None:
    text = (
        "## H\n\n#### A\n* [a](https://a.example/)\n* [a2](https://a2.example/)\n\n#### B\n"
        "* [b](https://b.example/)\n\n#### C\n* [c](https://c.example/)\n"
    )
    for config in (Config(), CANONICAL):
        once = fix_document(Document.from_text(text), config).text
        assert fix_document(Document.from_text(once), config).text == once
        assert same_html(text, once)
    assert fix_document(Document.from_text(text), Config()).text == text


def test_layout_can_be_turned_off(runner: CliRunner, tmp_path: Path) -> None:
    from awesomelint.cli import main

    text = "# T\n* [a](http://github.com/a/b)\n\n## S\n\n- [b](https://b.example/)\n"
    path = tmp_path / "README.md"
    path.write_text(text)
    assert (
        runner.invoke(
            main, ["fix", "--no-layout", "--config", str(_config(tmp_path, "layout: {style: canonical}")), str(path)]
        ).exit_code
        == 0
    )
    assert path.read_text() == text.replace("http://", "https://")
    path.write_text(text)
    assert runner.invoke(main, ["fix", "--config", str(_config(tmp_path, "layout: false")), str(path)]).exit_code == 0
    assert path.read_text() == text.replace("http://", "https://")
    path.write_text(text)
    assert (
        runner.invoke(
            main, ["fix", "--config", str(_config(tmp_path, "layout: {style: canonical}")), str(path)]
        ).exit_code
        == 0
    )
    assert path.read_text() != text.replace("http://", "https://")


def _config(folder: Path, text: str) -> Path:
    path = folder / "conf.yaml"
    path.write_text(text + "\n")
    return path


# tables: each table's own padding habit, and the file's header habit -----------------


def _groups(text: str) -> list[Group]:
    from awesomelint.engine.layout import layout_groups

    return layout_groups(Document.from_text(text), Config().layout_options())


CENTRED = (
    "| Name  |  Year  |   Venue  |\n"
    "|:-----:|:------:|:--------:|\n"
    "| Alpha |  2021 |   ICML   |\n"
    "|  Bo   |  2022  |  NeurIPS |\n"
    "|  Cy   |  2023  |   AAAI   |\n"
)


def test_centred_aligned_table_is_left_as_written() -> None:
    text = (
        "| Date |    Keywords    |\n|:----:|:--------------:|\n| 2021 |     vision     |\n"
        "| 2022 |  language, RL  |\n| 2023 |      audio     |\n"
    )
    assert own_layout(text) == text
    assert own_layout(CENTRED) == CENTRED.replace("|  2021 |", "|  2021  |")  # the one uneven row


def test_right_and_left_aligned_tables_are_left_as_written() -> None:
    right = "| Model |  Params |\n|------:|--------:|\n|   GPT |    175B |\n| LLaMA |     7B |\n|    T5 |     11B |\n"
    assert own_layout(right) == right.replace("|     7B |", "|      7B |")
    left = "| Model | Params |\n|:------|:-------|\n| GPT   | 175B   |\n| LLaMA | 7B     |\n| T5    | 11B    |\n"
    assert own_layout(left) == left


def test_a_wider_cell_re_pads_every_row_in_the_tables_own_placement() -> None:
    text = (
        "| Name  |  Year  |  Venue  |\n"
        "|:------|:------:|:-------:|\n"
        "| Alpha |  2021  |   ICML  |\n"
        "| Bo    |  2022  | NeurIPS |\n"
        "| Cy    |  2023  |   AAAI  |\n"
        "| Dee   |  2024  | ICLR and CVPR |\n"
    )
    out = own_layout(text)
    assert out.splitlines() == [
        "| Name  |  Year  |     Venue     |",
        "|:------|:------:|:-------------:|",
        "| Alpha |  2021  |      ICML     |",
        "| Bo    |  2022  |    NeurIPS    |",
        "| Cy    |  2023  |      AAAI     |",
        "| Dee   |  2024  | ICLR and CVPR |",
    ]
    assert same_html(text, out)
    assert own_layout(out) == out


def test_only_the_widened_column_is_re_padded() -> None:
    # "Bo" sits left in a centred column: on the grid, so it is left as written
    text = (
        "|  Name  |  Venue  |\n"
        "|:------:|:-------:|\n"
        "|  Alpha |   ICML  |\n"
        "| Bo     | NeurIPS |\n"
        "|   Cy   |   AAAI  |\n"
        "|   Dee  | ICLR and CVPR |\n"
    )
    out = own_layout(text)
    assert [line.split("|")[1] for line in out.splitlines()] == [line.split("|")[1] for line in text.splitlines()]
    assert out.splitlines()[3] == "| Bo     |    NeurIPS    |"


def test_rows_already_on_the_grid_are_untouched_when_the_odd_row_fits() -> None:
    text = "| Name  |  Year  |\n|:------|:------:|\n| Alpha |  2021  |\n| Bo    |  2022  |\n| Cy | 2023 |\n"
    out = own_layout(text)
    assert out.splitlines()[:4] == text.splitlines()[:4]
    assert out.splitlines()[4] == "| Cy    |  2023  |"


def test_columns_keep_their_own_placement() -> None:
    # the Medical-Dataset shape: a left-aligned first column, centred columns after it
    text = (
        "| Benchmark |  Organization   |    Paper    |\n"
        "|:----------|:---------------:|:-----------:|\n"
        "| MedBench  | Shanghai AI Lab |   [p](https://p.example/)   |\n"
        "| A-Eval    |       JHU       |      -      |\n"
        "| Touch     |       DKFZ      |      -      |\n"
    )
    out = own_layout(text)
    assert out.splitlines()[3:] == [
        "| A-Eval    |       JHU       |            -            |",
        "| Touch     |       DKFZ      |            -            |",
    ]
    assert out.splitlines()[2] == "| MedBench  | Shanghai AI Lab | [p](https://p.example/) |"


def test_aligned_tables_without_outer_pipes_start_at_the_line() -> None:
    text = "Name  | Code\n------|-----\nAlpha | x\nBeta  | y\nGamma-ray | z\n"
    assert own_layout(text) == "Name      | Code\n----------|-----\nAlpha     | x\nBeta      | y\nGamma-ray | z\n"
    delimiter_indented = "Name  | Code\n :--- | :---\nAlpha | x\nBeta  | y\nGamma-ray | z\n"
    assert own_layout(delimiter_indented).splitlines()[1] == " :------- | :---"
    roomy = "Name   |  Code\n-------|------\nAlpha  |  x\nBeta   |  y\nGamma-ray |  z\n"  # two spaces a side
    assert own_layout(roomy).splitlines()[-1] == "Gamma-ray  |  z"
    indented = "  Name  | Code\n  ------|-----\n  Alpha | x\n  Beta  | y\n  Cy | z\n"
    assert own_layout(indented) == indented.replace("  Cy | z", "  Cy    | z")


def test_a_tab_is_no_evidence_of_alignment() -> None:
    text = "| Name | Code |\n|---|---|\n| a\t| b |\n| c | d |\n"
    assert own_layout(text) == "| Name | Code |\n|---|---|\n| a | b |\n| c | d |\n"


def test_empty_cells_keep_one_space() -> None:
    text = "| | | |\n|---|---|---|\n| [a](#a) | [b](#b) | [c](#c) |\n| [d](#d) | [e](#e) | [f](#f) |\n"
    assert own_layout(text) == text


def _tables(header: str, delimiter: str = "|---|---|", count: int = 3) -> str:
    body = "".join(f"## S{i}\n\n{header}\n{delimiter}\n| a{i} | b{i} |\n| c{i} | d{i} |\n\n" for i in range(count))
    return "# T\n\n" + body


def test_headers_without_outer_pipes_in_every_table_are_the_files_habit() -> None:
    text = _tables("A | B")
    assert own_layout(text) == text


def test_one_odd_header_among_many_follows_the_file() -> None:
    text = _tables("A | B", count=4) + "## New\n\n| A | B |\n|---|---|\n| x | y |\n| z | w |\n"
    out = own_layout(text)
    assert out == text.replace("| A | B |\n|---|---|\n| x", "A | B\n|---|---|\n| x")
    [group] = _groups(text)
    assert group.why == "header row with outer pipes where the file's table headers have none (4 of 5 tables)"


def test_an_odd_header_padding_among_many_follows_the_file() -> None:
    text = _tables("| A | B |", count=4) + "## New\n\n|A  |B|\n|---|---|\n| x | y |\n| z | w |\n"
    assert own_layout(text) == text.replace("|A  |B|", "| A | B |")


def test_two_tables_make_a_habit_only_when_both_agree() -> None:
    both = _tables("A | B", count=2)
    assert own_layout(both) == both
    one = _tables("A | B", count=1) + "## New\n\n| A | B |\n|---|---|\n| x | y |\n| z | w |\n"
    assert own_layout(one) == one.replace("A | B\n", "| A | B |\n")  # no habit: judged against its own rows


def test_centred_headers_over_one_space_bodies_are_kept() -> None:
    # the BradyFU shape: every header padded to its delimiter row's columns, bodies one space
    header, delimiter = "|  Title  |   Venue  |   Date   |", "|:--------|:--------:|:--------:|"
    body = "| [**A Long Paper Title**](https://a.example/) | arXiv | 2024-01-01 |\n| [**B**](https://b.example/) | ICML | 2023-05-01 |\n"
    text = "# T\n\n" + "".join(f"## S{i}\n\n{header}\n{delimiter}\n{body}\n" for i in range(3))
    assert own_layout(text) == text
    single = f"{header}\n{delimiter}\n{body}"
    assert own_layout(single) == single  # a header on its delimiter row's columns is a form of its own


def test_a_table_header_padded_unlike_its_body_is_rewritten_when_the_file_has_no_habit() -> None:
    text = "|Name|Code|\n|---|---|\n| Alpha | x |\n| Beta | y |\n"
    assert own_layout(text) == "| Name | Code |\n|---|---|\n| Alpha | x |\n| Beta | y |\n"


# every group has a reason ----------------------------------------------------------


def test_every_kind_of_group_says_why() -> None:
    lists = "".join(
        f"## S{i}\n\n* [a{i}](https://a{i}.example/)\n* [b{i}](https://b{i}.example/)\n\n" for i in range(4)
    )
    text = (
        "# T\n\n" + lists + "## New ##\n\n- [n](https://n.example/)\n- [m](https://m.example/)\n\n"
        "## Tail\n* [p](https://p.example/)\n"
    )
    whys = {(g.what, g.why) for g in _groups(text)}
    assert whys == {
        ("bullet list", "'-' bullets where the file writes '*' (9 of 11 bullets at this depth)"),
        ("heading", "closing hashes where the file's headings have none (6 of 7)"),
        ("bullet list", "no blank line between a heading and a bullet list, where the file has one (5 of 6 times)"),
    }


def test_setext_heading_group_says_why() -> None:
    text = "# T\n\n## A\n\ntext\n\n## B\n\ntext\n\nSub\n---\n\ntext\n"
    [group] = _groups(text)
    assert group.why == "setext heading where the file's level 1 and 2 headings are '#' (3 of 4)"


def test_nested_list_and_table_groups_say_why() -> None:
    nested = "".join(f"- [p{i}](https://p{i}.example/)\n    - [c{i}](https://c{i}.example/)\n" for i in range(4))
    text = nested + "- [q](https://q.example/)\n  - [d](https://d.example/)\n"
    [group] = _groups(text)
    assert group.why == (
        "sub-list indented 2 columns past its parent's marker where the file indents 4 columns past"
        " the parent's marker (4 of 5 sub-lists)"
    )
    [table] = _groups(CENTRED)
    assert table.why == "1 row padded unevenly; this table pads cells to its column width, centred (3 of 4 rows)"


def test_imposed_layout_says_so() -> None:
    text = "Sub\n---\n\n## Title ##\n* [a](https://a.example/)\n\n|a|b|\n|---|---|\n|c|d|\n"
    canonical = {g.why for g in layout_groups_with(text, {"style": "canonical"})}
    assert canonical == {
        "setext heading where the canonical style writes '#' headings",
        "closing hashes where the canonical style writes none",
        "'*' bullets where the canonical style writes '-'",
        "no blank line between a heading and a bullet list, where the canonical style puts one between blocks",
        "table not in the canonical form (outer pipes, one space around each cell, a '| --- |' delimiter row)",
    }
    pinned = {g.why for g in layout_groups_with(text, {"bullet": "+", "table-align": True})}
    assert "'*' bullets where layout.bullet pins '+'" in pinned
    assert "columns not padded to equal width, which layout.table-align pins" in pinned


def layout_groups_with(text: str, layout: dict[str, Any]) -> list[Group]:
    from awesomelint.engine.layout import layout_groups

    return layout_groups(Document.from_text(text), parse_config({"layout": layout}).layout_options())


# property: aligned tables in each habit -------------------------------------------------

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# characters whose display width is known without asking the code under test
_NARROW = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_WIDE = "中文表格模型数据🚀🎉"


def _cell_width(text: str) -> int:
    return sum(2 if c in _WIDE else 1 for c in text)


_cell = st.text(alphabet=_NARROW + _WIDE, min_size=1, max_size=7)


def _padded(text: str, span: int, placement: str, margin: int, ceil: bool) -> str:
    spare = span - _cell_width(text)
    before = {"left": margin, "right": spare - margin}.get(placement, (spare + ceil) // 2)
    return " " * before + text + " " * (spare - before)


def _aligned(
    header: list[str],
    body: list[list[str]],
    placement: str,
    margin: int,
    ceil: bool,
    extra: list[int],
    spaced_delimiter: bool,
    outer: bool,
) -> tuple[str, list[int]]:
    """An aligned table written by hand rules: each column as wide as its widest cell,
    plus margins and some extra, every cell placed the same way. Without outer pipes the
    first cell starts the line and the last one ends it, unpadded."""
    columns = len(header)
    widest = [max(_cell_width(row[c]) for row in [header, *body]) for c in range(columns)]
    spans = [widest[c] + (2 * margin if outer or c else margin) + extra[c] for c in range(columns)]
    colon = {"left": (":", ""), "centre": (":", ":"), "right": ("", ":")}[placement]

    def cell(c: int, text: str) -> str:
        if outer:
            return _padded(text, spans[c], placement, margin, ceil)
        if c == columns - 1:
            return " " * margin + text
        if c == 0:
            return text + " " * (spans[c] - _cell_width(text))
        return _padded(text, spans[c], placement, margin, ceil)

    def row(cells: list[str]) -> str:
        inner = "|".join(cell(c, t) for c, t in enumerate(cells))
        return f"|{inner}|" if outer else inner

    dashes = [s - len(colon[0]) - len(colon[1]) - (2 if spaced_delimiter else 0) for s in spans]
    pieces = [
        (" " if spaced_delimiter else "") + colon[0] + "-" * d + colon[1] + (" " if spaced_delimiter else "")
        for d in dashes
    ]
    delimiter = "|".join(pieces)
    delimiter = f"|{delimiter}|" if outer else delimiter.rstrip()
    return "\n".join([row(header), delimiter, *(row(r) for r in body)]) + "\n", spans


# header, body, placement, margin, ceil, extra, outer, text, spans
AlignedTable = tuple[list[str], list[list[str]], str, int, bool, list[int], bool, str, list[int]]


@st.composite
def aligned_tables(draw: st.DrawFn) -> AlignedTable:
    columns = draw(st.integers(2, 4))
    rows = draw(st.integers(3, 6))
    header = draw(st.lists(_cell, min_size=columns, max_size=columns))
    body = draw(st.lists(st.lists(_cell, min_size=columns, max_size=columns), min_size=rows, max_size=rows))
    placement = draw(st.sampled_from(["left", "centre", "right"]))
    outer = placement != "left" or draw(st.booleans())
    margin = draw(st.integers(1, 2))
    ceil = draw(st.booleans())
    extra = draw(st.lists(st.integers(0, 2), min_size=columns, max_size=columns))
    # each column shows how its cells sit, whichever one row is later edited: body cells
    # two columns apart in width, even without the widest or the narrowest
    for c in range(columns):
        widths = sorted(_cell_width(r[c]) for r in body)
        assume(widths[-2] - widths[0] >= 2 and widths[-1] - widths[1] >= 2)
    text, spans = _aligned(header, body, placement, margin, ceil, extra, draw(st.booleans()), outer)
    return header, body, placement, margin, ceil, extra, outer, text, spans


def _cells(line: str, outer: bool = True) -> list[str]:
    parts = line.split("|")
    return parts[1:-1] if outer else parts


def _pads(raw: str) -> tuple[int, int]:
    return len(raw) - len(raw.lstrip(" ")), len(raw) - len(raw.rstrip(" "))


def _display_columns(line: str) -> list[int]:
    columns, width = [], 0
    for char in line:
        if char == "|":
            columns.append(width)
        width += 2 if char in _WIDE else 1
    return columns


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(aligned_tables(), st.data())
def test_aligned_tables_keep_their_habit_and_change_only_what_a_wider_cell_needs(
    table: AlignedTable, data: st.DataObject
) -> None:
    header, body, placement, margin, ceil, extra, outer, text, spans = table
    document = "# T\n\n" + text
    assert fix_document(Document.from_text(document), Config()).text == document

    row = data.draw(st.integers(0, len(body) - 1))
    column = data.draw(st.integers(0, len(header) - 1))
    wider = body[row][column] + data.draw(st.text(alphabet=_NARROW + _WIDE, min_size=1, max_size=12))
    lines = text.splitlines()
    cells = _cells(lines[row + 2], outer)
    last = column == len(header) - 1
    cells[column] = (" " * margin if outer or column else "") + wider + (" " * margin if outer or not last else "")
    lines[row + 2] = f"|{'|'.join(cells)}|" if outer else "|".join(cells)
    edited = "# T\n\n" + "\n".join(lines) + "\n"
    out = fix_document(Document.from_text(edited), Config()).text
    assert same_html(edited, out)
    before, after = edited.splitlines()[2:], out.splitlines()[2:]
    assert len(before) == len(after)
    room = 2 if placement == "centre" else 2 * margin if outer or column else margin
    needs = not (last and not outer) and _cell_width(wider) + room > spans[column]
    # a left-aligned last column is not widened for one longer cell: that row ends ragged
    ragged = needs and last and placement == "left"
    # one grid: every row's pipes in the same display columns (the ragged row's last pipe aside)
    grid = {tuple(_display_columns(line)) for index, line in enumerate(after) if not (ragged and index == row + 2)}
    assert len(grid) == 1
    if ragged:
        assert _display_columns(after[row + 2])[:-1] == list(grid.pop())[:-1]
        needs = False  # no other row had to move
    for index, (old, new) in enumerate(zip(before, after)):
        old_cells, new_cells = _cells(old, outer), _cells(new, outer)
        if index == row + 2:
            assert new_cells[column].strip() == wider
        elif not needs:
            assert new == old  # nothing else had to move
        else:
            for c in range(len(header)):
                if c != column:
                    assert new_cells[c] == old_cells[c]  # other columns' cells untouched
        if index == 1 or (last and not outer):
            continue
        # the edited column keeps the table's placement, and a column widened for the
        # edited cell gives it the room the table gives its widest cells
        left, right = _pads(new_cells[column])
        edge = margin if outer or column else 0
        if placement == "centre":
            assert abs(left - right) <= 1
        elif placement == "right":
            assert right == margin
        else:
            assert left == edge
        if ragged and index == row + 2:
            continue
        if needs and index == row + 2:
            assert (left, right) in ({(1, 1)} if placement == "centre" else {(edge, margin), (margin, margin)})


def test_an_aligned_table_stays_aligned_when_content_fixes_lengthen_most_of_its_rows() -> None:
    # http -> https on most rows pushes them off the grid: laid on the table's grid as read,
    # the header and delimiter widening with them where they were aligned
    rows = [
        ("Fast R-CNN", "http://arxiv.org/abs/1"),
        ("SSD", "http://arxiv.org/abs/2"),
        ("YOLO", "http://arxiv.org/abs/3"),
        ("DETR", "https://arxiv.org/pdf/4"),
    ]
    width = max(len(f"[{n}]({u})") for n, u in rows)
    lines = [f"| Year | {'Name'.ljust(width)} | Note |", f"| ---- | {'-' * width} | ---- |"]
    lines += [f"| 2015 | {f'[{n}]({u})'.ljust(width)} | x    |" for n, u in rows]
    text = "# T\n\n" + "\n".join(lines) + "\n"
    fixed = fix_document(Document.from_text(text), Config()).text
    assert "https://arxiv.org/abs/1" in fixed
    table = [line for line in fixed.splitlines() if line.startswith("|")]
    assert len({tuple(i for i, c in enumerate(line) if c == "|") for line in table}) == 1, table


def test_a_ragged_row_does_not_make_every_row_of_a_content_fixed_table_wider() -> None:
    # one row's last cell was always 30 characters wider than its column: after an http fix
    # the table is laid on its grid as read, and that row stays ragged rather than padding
    # every other row by 30 spaces
    badge = "[![c](https://b.example/" + "x" * 20 + ")](https://s.example/p)"
    names = [("A", "http"), ("B", "http"), ("C", "https"), ("E", "https"), ("F", "https"), ("G", "https")]
    width = len("[A](https://arxiv.org/abs/1)")
    lines = [f"| {'Name'.ljust(width)} | {'Cite'.ljust(len(badge))} |", f"| {'-' * width} | {'-' * len(badge)} |"]
    lines += [f"| {f'[{n}]({s}://arxiv.org/abs/1)'.ljust(width)} | {badge} |" for n, s in names]
    lines.append(f"| {'[D](https://arxiv.org/abs/4)'.ljust(width)} | {badge + 'y' * 30} |")
    text = "# T\n\n" + "\n".join(lines) + "\n"
    fixed = fix_document(Document.from_text(text), Config()).text
    assert "[A](https://arxiv.org/abs/1)" in fixed and fixed.count(badge + " |") == 6, fixed
