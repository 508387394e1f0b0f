"""toc-sync and entry-order together: their fixes run with the rest, a fix that moves lines
may not change code in them, and a ToC anchor that misses is toc-sync's to report."""

from pathlib import Path

from awesomelint.engine.config import Config
from awesomelint.engine.fix import fix_document
from awesomelint.engine.linter import lint
from awesomelint.model.document import Document

from .rules.test_entry_order import SORTED, section


def test_toc_and_order_fixes_run_together_with_the_rest(tmp_path: Path) -> None:
    text = (
        "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n\n"
        + SORTED
        + section("Tools", "Alpha", "Delta", "Beta", "Gamma")
        + section("Web", "Grove", "Harbor", "Isle")
    )
    once = fix_document(Document.from_text(text), Config()).text
    assert fix_document(Document.from_text(once), Config()).text == once
    assert "- [Books](#books)\n- [Videos](#videos)\n- [Tools](#tools)\n- [Web](#web)\n" in once


def test_a_fix_that_moves_lines_may_not_change_code_in_them() -> None:
    from awesomelint.engine.fix import choose_edits
    from awesomelint.findings import Edit, Finding, Fix

    doc = Document.from_text("- [B](https://b.example/) - `b`\n- [A](https://a.example/) - `a`\n")
    moved = Edit(0, len(doc.text) - 1, "- [A](https://a.example/) - `a`\n- [B](https://b.example/) - `b`")
    changed = Edit(0, len(doc.text) - 1, "- [A](https://a.example/) - `x`\n- [B](https://b.example/) - `b`")
    for edit, expected in ((moved, 1), (changed, 0)):
        finding = Finding("entry-order", "m", 0, 1, fix=Fix((edit,), relocates=True))
        assert len(choose_edits(doc, [finding], False)[1]) == expected


def test_a_toc_anchor_that_misses_is_reported_once_by_toc_sync() -> None:
    text = "# X\n\n## Contents\n\n- [Tools](#tool)\n- [Books](#Books)\n\n## Tools\n\n## Books\n"
    doc = Document.from_text(text, "README.md")
    found = [(f.rule, f.severity.value) for f in lint(doc, Config(), only=["broken-anchor", "toc-sync"]).findings]
    assert found == [("toc-sync", "warning"), ("broken-anchor", "info")]  # the case-only one is broken-anchor's note
    alone = [f.rule for f in lint(doc, Config(), only=["broken-anchor"]).findings]
    assert alone == ["broken-anchor", "broken-anchor"]  # without toc-sync, broken-anchor says both
