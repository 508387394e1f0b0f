"""Config files as users meet them: .awesomelint.yml too, the search stopping at the repository's
root, YAML errors with their line and column, `awesomelint config` saying what applies."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from awesomelint.cli import main

LIST = "# T\n\n- [a](https://paper.link) - a\n"


def test_a_yaml_error_keeps_its_line_and_column(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST)
    (tmp_path / ".awesomelint.yml").write_text("fail-on: error\nselect: [whitespace\nignore: x\n")
    result = runner.invoke(main, ["check", str(tmp_path / "README.md")])
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / '.awesomelint.yml'}:3:7: invalid config (expected ',' or ']', but got ':')\n"


def test_the_search_stops_at_the_repository_root(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".awesomelint.yaml").write_text("ignore: [placeholder-url]\n")  # above the repository
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "README.md").write_text(LIST)
    assert runner.invoke(main, ["check", str(repo / "README.md")]).exit_code == 1
    (repo / ".git").rmdir()  # no repository: the search goes on upward
    assert runner.invoke(main, ["check", str(repo / "README.md")]).exit_code == 0


def test_config_shows_the_file_and_the_resolved_settings(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST)
    (tmp_path / ".awesomelint.yml").write_text("ignore: [whitespace]\ntracking-param: {extend-params: [src]}\n")
    result = runner.invoke(main, ["config", str(tmp_path / "README.md")])
    assert result.exit_code == 0
    first, rest = result.stdout.split("\n", 1)
    assert first == f"# {tmp_path / 'README.md'}: config {tmp_path / '.awesomelint.yml'}"
    settings = yaml.safe_load(rest)
    assert "whitespace" not in settings["rules"] and "nested-link" in settings["rules"]
    assert settings["tracking-param"]["extend-params"] == ["src"] and settings["fail-on"] == "warning"
    assert runner.invoke(main, ["config", "--profile", "awesome", str(tmp_path / "README.md")]).exit_code == 0


def test_patterns_without_re2_are_one_clear_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "re2", None)  # google-re2 is an extra: not installed
    (tmp_path / "README.md").write_text(LIST)
    assert runner.invoke(main, ["check", str(tmp_path / "README.md")]).exit_code == 1  # no patterns: no RE2 needed
    (tmp_path / ".awesomelint.yaml").write_text("placeholder-url: {extend-patterns: ['^https://nowhere-re2-test']}\n")
    result = runner.invoke(main, ["check", str(tmp_path / "README.md")])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "which is not installed: pip install 'awesomelint[re2]'" in result.stderr
