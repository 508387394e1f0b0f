"""table-shape: rows with more or fewer cells than the header; a grid of like links
filling its newest row is not a table that lost a cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from awesomelint.engine.fix import apply_edits
from awesomelint.model.document import Document

from ..conftest import findings, fix_of

RULE = "table-shape"


def _found(text: str) -> list[tuple[int, str | None]]:
    return [
        (text.count("\n", 0, f.start) + 1, f.fix.applicability.value if f.fix else None) for f in findings(text, RULE)
    ]


def _issue(n: int) -> str:
    return f"[第 {n} 期](/content/HelloGitHub{n}.md)"


def _grid(rows: list[list[int]]) -> str:
    header = "| :card_index: | :jack_o_lantern: | :beer: |\n| ------- | ----- | ------ |\n"
    return header + "".join("| " + " | ".join(_issue(n) for n in row) + " |\n" for row in rows)


def test_a_grid_of_issues_filling_its_newest_row_passes() -> None:
    assert _found(_grid([[10, 9], [8, 7, 6], [5, 4, 3]])) == []  # newest first
    assert _found(_grid([[1, 2, 3], [4, 5, 6], [7]])) == []  # newest last


def test_a_grid_of_page_anchors_under_an_empty_header_passes() -> None:
    text = "| | | |\n|---|---|---|\n| [Python](#python) | [Go](#go) | [Rust](#rust) |\n| [C](#c) | [Java](#java) |\n"
    assert _found(text) == []


def test_a_short_row_inside_a_grid_is_reported_without_a_fix() -> None:
    # a lost issue: no marker would say which, and a '-' would show in the grid
    assert _found(_grid([[9, 8, 7], [6, 5], [4, 3, 2]])) == [(4, None)]


def test_tables_of_fields_still_get_their_missing_cell() -> None:
    worded = "| Paper | Code |\n|---|---|\n| [paper](https://a.example/) | [code](https://b.example/) |\n| [paper](https://c.example/) |\n"
    assert _found(worded) == [(4, "safe")]
    emoji_header = (
        "| 📄 | 💻 |\n|---|---|\n| [paper](https://a.example/) | [code](https://b.example/) |\n"
        "| [paper](https://c.example/) |\n"
    )
    assert _found(emoji_header) == [(4, "safe")]
    prose_cells = _grid([[3, 2, 1]]) + "| [第 0 期](/content/0.md) and more |\n"
    assert _found(prose_cells) == [(4, "safe")]
    # like links under headings that name their columns: a cell under 'Slides' is missing
    named = (
        "| Lecture | Slides |\n|---|---|\n| [Part 1](https://a.example/1) | [Part 1](https://b.example/1) |\n"
        "| [Part 2](https://a.example/2) |\n"
    )
    assert _found(named) == [(4, "safe")]


def test_a_row_of_a_lone_pipe_is_reported_without_a_fix() -> None:
    # is its pipe the opening or the closing one? padding could add a cell too many
    assert _found("H0 | H1\n--- | ---\n | \n") == [(3, None)]


def test_table_shape_pads_missing_and_reports_extra() -> None:
    table = "| A | B | C |\n|---|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n| 1 \\| x | 2 | 3 |\n| 1 | - | 3 |\n"
    found = findings(table, "table-shape")
    assert len(found) == 2
    assert found[0].fix is not None
    assert found[0].fix.edits[0].content == " - |"
    assert found[1].fix is None and "'4'" in found[1].message


def test_an_empty_cell_past_the_header_is_an_info_note_dropped_by_the_fix() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 | |\n| 3 | 4 | extra |\n"
    empty, extra = findings(text, "table-shape")
    assert empty.fix is not None
    assert empty.severity.value == "info" and empty.fix.edits[0].content == "|"
    assert text[: empty.fix.edits[0].start] + "|" + text[empty.fix.edits[0].end :] == text.replace("| 2 | |", "| 2 |")
    assert extra.severity.value == "error" and extra.fix is None


def test_table_shape_reads_its_own_marker_option() -> None:
    from awesomelint.engine.config import parse_config
    from awesomelint.engine.linter import lint
    from awesomelint.model.document import Document

    config = parse_config({"table-shape": {"marker": "N/A"}})
    doc = Document.from_text("| a | b |\n|---|---|\n| 1 |\n", "t.md")
    (found,) = lint(doc, config, only=["table-shape"]).findings
    assert found.fix is not None
    assert found.fix.edits[0].content.strip(" |") == "N/A"


# property: a safe fix pads or drops only the cells past the row's own --------------

CELLS = ["a", "-", "—", "", " ", "N/A", "[x](https://x.example/)", "b \\| c", "`c|d`", "x\\"]


@st.composite
def _table(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 4))
    outer = draw(st.booleans())

    def row(cells: list[str]) -> str:
        inner = " | ".join(cells)
        return f"| {inner} |" if outer else inner

    header = row([f"H{i}" for i in range(columns)])
    delimiter = row(["---"] * columns)
    body = [
        row(draw(st.lists(st.sampled_from(CELLS), min_size=1, max_size=columns + 2)))
        for _ in range(draw(st.integers(1, 5)))
    ]
    trailing = draw(st.sampled_from(["", " ", "  "]))
    return "\n".join([header, delimiter] + [line + trailing for line in body])


@settings(max_examples=400, deadline=None)
@given(_table(), st.sampled_from(["", "Intro.\n\n", "> "]))
def test_a_safe_fix_changes_only_the_cells_past_the_row(table: str, before: str) -> None:
    text = before + table + "\n\nAfter.\n"
    if before == "> ":
        text = "".join("> " + line + "\n" for line in (before[2:] + table).split("\n"))
    doc = Document.from_text(text)
    safe = [f for f in findings(text, RULE) if f.fix and f.fix.applicability.value == "safe"]
    if not safe:
        return
    after = apply_edits(text, [e for f in safe for e in fix_of(f).edits])
    new = Document.from_text(after)
    fixed = {doc.position(f.start)[0] - 1 for f in safe}
    assert len(new.lines) == len(doc.lines)
    (table_model,) = doc.tables
    count = table_model.columns
    for number, line in enumerate(doc.lines):
        if number not in fixed:
            assert new.lines[number] == line
            continue
        old_cells, new_cells = doc.row_cells(number), new.row_cells(number)
        kept = min(len(old_cells), count)
        # the row's own cells are byte-identical, up to the last one's closing space
        last = old_cells[kept - 1]
        assert new.lines[number][: last.end] == line[: last.end]
        assert [c.text for c in new_cells[:kept]] == [c.text for c in old_cells[:kept]]
        assert len(new_cells) == count
        if len(old_cells) > count:
            assert not any(c.text for c in old_cells[count:])  # only empty cells are dropped
        else:
            assert len({c.text for c in new_cells[kept:]}) == 1 and new_cells[-1].text  # one marker, shown
    assert new.tables and new.tables[0].columns == count and new.tables[0].body == table_model.body
