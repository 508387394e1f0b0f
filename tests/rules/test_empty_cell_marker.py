"""empty-cell-marker: one table, one way of marking an empty cell: the table's most common
marker, or the configured one."""

from __future__ import annotations

from awesomelint.engine.config import parse_config
from awesomelint.engine.linter import lint
from awesomelint.model.document import Document

from ..conftest import findings, fix_of


def test_empty_cell_markers() -> None:
    table = "| A | B | C |\n|---|---|---|\n| 1 | - | - |\n| 2 | — | |\n| 3 | - | x |\n"
    found = findings(table, "empty-cell-marker")
    assert sorted(fix_of(f).edits[0].content for f in found) == [" - ", "-"]


def test_a_table_with_one_marker_passes_and_each_table_has_its_own() -> None:
    one = "| A | B | C |\n|---|---|---|\n| 1 | — | — |\n| 2 | — | x |\n"
    assert findings(one, "empty-cell-marker") == []
    mixed = "| A | B | C |\n|---|---|---|\n| 1 | N/A | — |\n| 2 | — | x |\n| 3 | — | N/A |\n"
    other = "\nText.\n\n| D | E |\n|---|---|\n| 1 | - |\n| 2 | - |\n"  # '-' there is that table's own
    found = findings(mixed + other, "empty-cell-marker")
    assert [(mixed.count("\n", 0, f.start) + 1, fix_of(f).edits[0].content) for f in found] == [(3, "—"), (5, "—")]
    assert {f.message for f in found} == {"'N/A' marks an empty cell; this table uses '—'"}


def test_a_configured_marker_replaces_even_a_table_that_uses_one_other() -> None:
    doc = Document.from_text("| A | B | C |\n|---|---|---|\n| 1 | — | — |\n| 2 | — | x |\n", "t.md")
    found = lint(doc, parse_config({"empty-cell-marker": {"marker": "N/A"}}), only=["empty-cell-marker"]).findings
    assert [fix_of(f).edits[0].content for f in found] == ["N/A", "N/A", "N/A"]
