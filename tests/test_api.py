"""The public API (awesomelint.api, re-exported by the package): what the Action and
editor integrations call. The command line is a thin layer over the same functions, so
their answers must be the CLI's."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import awesomelint
import awesomelint.api
from awesomelint.cli import main
from awesomelint.errors import InputError

from .conftest import seed

BROKEN = (
    "# Awesome T\n\n- [Tool]((https://github.com/o/tool) - Does it.\n- [Other](https://github.com/org/repo) - Too.\n"
)


def test_the_examples_in_the_api_docstring_run() -> None:
    assert doctest.testmod(awesomelint.api).failed == 0


def test_check_text_locates_findings_as_check_prints_them(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(BROKEN)
    found = [(f.rule, f.line, f.column) for f in awesomelint.check_text(BROKEN)]
    printed = json.loads(runner.invoke(main, ["check", "--format", "json", str(path)]).stdout)
    assert found == [(f["rule"], f["line"], f["column"]) for f in printed]
    assert found == [("nested-link", 3, 3), ("placeholder-url", 4, 3)]


def test_fix_text_is_what_fix_writes(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(BROKEN)
    outcome = awesomelint.fix_text(BROKEN)
    runner.invoke(main, ["fix", str(path)])
    assert outcome.text == path.read_text() != BROKEN
    assert [c.rule for c in outcome.changes] == ["nested-link"]
    assert [f.rule for f in outcome.remaining] == ["placeholder-url"]


def test_config_resolver_applies_overrides_and_the_nearest_config(tmp_path: Path) -> None:
    (tmp_path / ".awesomelint.yaml").write_text("ignore: [placeholder-url]\n")
    path = tmp_path / "README.md"
    path.write_text(BROKEN)
    assert [f.rule for f in awesomelint.check_paths([str(path)]).located] == ["nested-link"]
    only = awesomelint.config_resolver(select=["placeholder-url"])
    assert [f.rule for f in awesomelint.check_paths([str(path)], only).located] == []  # the file's ignore still holds
    with pytest.raises(InputError, match="unknown rule"):
        awesomelint.config_resolver(select=["no-such-rule"])


def test_check_paths_reads_folders_and_names_what_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "a.md").write_text(seed("000").read_text(encoding="utf-8"))
    run = awesomelint.check_paths([str(tmp_path / "lists"), str(tmp_path / "missing.md")])
    assert [doc.path for doc in run.docs] == [str(tmp_path / "lists" / "a.md")]
    assert run.errors == [f"{tmp_path / 'missing.md'}: no such file or directory"]
    assert run.located and {item.path for item in run.located} == {str(tmp_path / "lists" / "a.md")}


def test_check_paths_says_when_a_folder_has_no_lists(tmp_path: Path) -> None:
    run = awesomelint.check_paths([str(tmp_path)])
    assert run.docs == [] and run.notices == [f"awesomelint: no markdown files found in {tmp_path}"]


def test_the_readmes_python_snippet_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "README.md").write_text(BROKEN)
    monkeypatch.chdir(tmp_path)
    exec(compile(snippet, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "3 3 nested-link" in printed and "['nested-link']" in printed


def test_fix_finding_is_the_change_fix_makes_for_that_finding_alone() -> None:
    text = BROKEN.replace("- [Other]", "- [Оther]")  # a Cyrillic O: mixed-script, an unsafe fix
    found = {item.rule: item.finding for item in awesomelint.check_text(text)}
    nested = awesomelint.fix_finding(text, found["nested-link"])
    assert nested is not None and nested.applicability.value == "safe"
    assert nested.text == text.replace("((", "(")  # that finding's edits, nothing else
    assert awesomelint.fix_text(text).text == nested.text  # as `fix` writes it when it is the only safe fix
    mixed = awesomelint.fix_finding(text, found["mixed-script"])
    assert mixed is not None and mixed.applicability.value == "unsafe" and "- [Other]" in mixed.text
    assert awesomelint.fix_finding(text, found["placeholder-url"]) is None  # no fix to make


def test_fix_finding_refuses_what_fix_would_not_write() -> None:
    from awesomelint.findings import Edit, Finding, Fix

    text = "# T\n\n- [A](https://a.example/) - A.\n- [B](https://b.example/) - B.\n"
    loses_a_link = Finding("whitespace", "x", 6, 30, fix=Fix.safe(Edit(6, 30, "")))
    assert awesomelint.fix_finding(text, loses_a_link) is None
    in_code = "# T\n\n```\n- x\n```\n"
    assert awesomelint.fix_finding(in_code, Finding("whitespace", "x", 9, 10, fix=Fix.safe(Edit(9, 10, "")))) is None
