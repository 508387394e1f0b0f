"""Output conventions users know from ruff, markdownlint-cli2 and lychee: --color with NO_COLOR and
FORCE_COLOR, --quiet, --statistics, --exit-zero, --output-file, --extend-select, repeated --select
adding up, did-you-mean for unknown rules, one summary, [*] for what `fix` fixes."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from awesomelint.cli import main

LIST = "# Awesome\n\n- [a](http://github.com/a/b?utm_source=x) - A.\n- [b](https://paper.link) - B.\n"


@pytest.fixture
def readme(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text(LIST)
    return path


def test_one_summary_on_stderr_with_what_fix_fixes(runner: CliRunner, readme: Path) -> None:
    result = runner.invoke(main, ["check", str(readme)])
    assert "Found" not in result.stdout  # the one summary is on stderr
    assert result.stderr.strip().splitlines() == [
        "awesomelint: 3 findings (1 error, 2 warning); 2 fixable with `awesomelint fix`"
    ]
    concise = runner.invoke(main, ["check", "--format", "concise", str(readme)]).stdout.splitlines()
    assert concise[0] == f"{readme}:3:3: insecure-url [*] link 'a' uses http:// but github.com serves https"
    assert concise[2].startswith(f"{readme}:4:3: placeholder-url link 'b'")  # not fixable: no marker


def test_a_redirect_is_not_announced_as_fixable_by_fix(
    runner: CliRunner, tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data("fine")
    path = tmp_path / "README.md"
    path.write_text(f"# T\n\n- [a]({httpserver.url_for('/old')}) - a\n")
    result = runner.invoke(main, ["links", "--no-cache", "--allow-private", str(path)])
    assert "redirected-link" in result.stdout and "fixable" not in result.stderr and "[fix]" not in result.stdout


def test_color_never_always_and_the_environment(
    runner: CliRunner, readme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def coloured(*args: str) -> bool:
        return "\x1b[" in runner.invoke(main, ["check", *args, str(readme)]).stdout

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert not coloured() and coloured("--color", "always") and not coloured("--color", "never")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert coloured() and not coloured("--color", "never")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not coloured() and coloured("--color", "always")


def test_quiet_exit_zero_and_output_file(runner: CliRunner, readme: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(main, ["check", "-q", "--exit-zero", "--format", "json", "-o", str(out), str(readme)])
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    assert '"rule": "placeholder-url"' in out.read_text()
    assert runner.invoke(main, ["check", "--exit-zero", str(tmp_path / "missing.md")]).exit_code == 2


def test_statistics(runner: CliRunner, readme: Path) -> None:
    lines = runner.invoke(main, ["check", "--statistics", str(readme)]).stdout.splitlines()
    assert [line.split()[:3] for line in lines] == [
        ["1", "insecure-url", "[*]"],
        ["1", "placeholder-url", "A"],
        ["1", "tracking-param", "[*]"],
    ]


def test_select_adds_up_extend_select_adds_and_typos_get_a_suggestion(runner: CliRunner, readme: Path) -> None:
    def rules(*args: str) -> list[str]:
        stdout = runner.invoke(main, ["check", "--format", "concise", *args, str(readme)]).stdout
        return sorted(line.split()[1] for line in stdout.splitlines())

    assert rules("--select", "insecure-url", "--select", "placeholder-url") == ["insecure-url", "placeholder-url"]
    assert rules("--select", "insecure-url", "--extend-select", "tracking-param") == ["insecure-url", "tracking-param"]
    assert rules("--ignore", "insecure-url", "--ignore", "tracking-param") == ["placeholder-url"]
    bad = runner.invoke(main, ["check", "--select", "insecure-urls", str(readme)])
    assert bad.exit_code == 2
    assert bad.stderr == "command line: unknown rule 'insecure-urls' in 'select' (did you mean 'insecure-url'?)\n"


def test_standard_input_as_dash_named_by_stdin_filename(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check", "--format", "concise", "-"], input=LIST)
    assert result.exit_code == 1 and result.stdout.startswith("-:3:3: insecure-url [*]")
    (tmp_path / ".awesomelint.yaml").write_text("per-file-ignores: {'docs/*.md': [placeholder-url]}\n")
    (tmp_path / "docs").mkdir()
    name = str(tmp_path / "docs" / "x.md")  # an editor's buffer of a file, saved or not
    result = runner.invoke(main, ["check", "--format", "concise", "--stdin-filename", name, "-"], input=LIST)
    assert result.stdout.startswith(f"{name}:3:3:") and "placeholder-url" not in result.stdout  # its config applied
    fixed = runner.invoke(main, ["fix", "-"], input=LIST)
    assert fixed.exit_code == 1 and fixed.stdout == LIST.replace(
        "http://github.com/a/b?utm_source=x", "https://github.com/a/b"
    )
    assert fixed.stderr.splitlines()[0] == "1 finding remains:"
    assert runner.invoke(main, ["check", "-"], input=b"\xe9\n").exit_code == 2


def test_rules_fits_an_80_column_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = runner.invoke(main, ["rules"]).stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[1].startswith("nested-link ")


def test_rule_names_complete_in_the_shell() -> None:
    from awesomelint.cli import _complete_rules

    ctx = click.Context(main)
    param = click.Option(["--select"])
    assert _complete_rules(ctx, param, "toc-") == ["toc-sync", "toc-position", "toc-depth"]
    assert "nested-link,mojibake" in _complete_rules(ctx, param, "nested-link,moj")


def test_rule_explains_each_option(runner: CliRunner) -> None:
    from awesomelint.data import load
    from awesomelint.rules import BY_NAME

    helps = load("options")
    for name, rule in BY_NAME.items():
        assert set(rule.options) == set(helps.get(name, {})), f"rules/options.yaml: {name}"
    shown = runner.invoke(main, ["rule", "list-numbering"]).stdout
    assert "  max-safe-lines: 20\n      A renumbering that changes more lines than this" in shown


def test_verbose_names_each_file_and_its_config(runner: CliRunner, readme: Path) -> None:
    (readme.parent / ".awesomelint.yaml").write_text("ignore: [whitespace]\n")
    result = runner.invoke(main, ["check", "-v", "-q", str(readme)])
    config = readme.parent / ".awesomelint.yaml"
    assert result.stderr.splitlines() == [f"awesomelint: read {readme} (29 rules; config {config})"]
