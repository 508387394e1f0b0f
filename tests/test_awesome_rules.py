"""The awesome-lint checks as rules: the default ones, `profile: awesome`, and awesome-lint's
inline comments. Each case a small list; each fix applied twice."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint import data
from awesomelint.cli import main
from awesomelint.engine.config import parse_config
from awesomelint.errors import InputError
from awesomelint.rules import BY_NAME

from .conftest import findings, messages

# toc-position and toc-depth (profile awesome) ----------------------------------


def test_toc_position_and_depth() -> None:
    late = "# Awesome X\n\n## Intro\n\n## Contents\n\n- [Intro](#intro)\n- [Tools](#tools)\n\n## Tools\n"
    assert messages(late, "toc-position") == [
        "the table of contents comes after 'Intro' (line 3); it should be the first section"
    ]
    assert messages(late.replace("## Intro\n\n## Contents", "Intro.\n\n## Contents"), "toc-position") == []
    deep = (
        "# X\n\n## Contents\n\n- [Tools](#tools)\n  - [Editors](#editors)\n    - [Vim](#vim)\n\n"
        "## Tools\n\n### Editors\n\n#### Vim\n"
    )
    assert messages(deep, "toc-depth") == ["ToC item 'Vim' is a third level"]


# license-file and contributing-file (profile awesome) ---------------------------


def test_file_rules_do_not_judge_text_read_from_no_folder() -> None:
    assert messages("# Awesome X\n", "license-file") == [] and messages("# Awesome X\n", "contributing-file") == []


# the profile --------------------------------------------------------------------

PROFILE_RULES = sorted(name for name, rule in BY_NAME.items() if rule.profile == "awesome")


def test_profile_rules_run_only_under_the_profile_or_by_name(tmp_path: Path, runner: CliRunner) -> None:
    assert set(PROFILE_RULES) >= {"awesome-badge", "title-case", "description-period", "term-spelling"}
    default = parse_config({}).enabled("README.md")
    assert not set(PROFILE_RULES) & set(default)
    profiled_rules = parse_config({"profile": "awesome"}).enabled("README.md")
    assert set(PROFILE_RULES) - {"repo-metadata"} <= set(profiled_rules)
    assert "repo-metadata" not in profiled_rules  # online: with --online
    assert "repo-metadata" in parse_config({"profile": "awesome"}).enabled("README.md", online=True)
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n- [Alpha](https://alpha.example/) - a tool\n")
    plain = runner.invoke(main, ["check", "--format", "json", str(readme)])
    assert plain.exit_code == 0, plain.output
    rules = {
        f["rule"]
        for f in json.loads(
            runner.invoke(main, ["check", "--format", "json", "--profile", "awesome", str(readme)]).stdout
        )
    }
    assert {"description-period", "description-case", "awesome-badge"} <= rules
    (tmp_path / ".awesomelint.yaml").write_text("profile: awesome\n")
    assert runner.invoke(main, ["check", str(readme)]).exit_code == 1


def test_an_unknown_profile_is_a_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    with pytest.raises(InputError, match="'profile' must be one of: awesome"):
        parse_config({"profile": "strict"})
    (tmp_path / "README.md").write_text("# X\n")
    assert runner.invoke(main, ["check", "--profile", "strict", str(tmp_path / "README.md")]).exit_code == 2


# awesome-lint's inline comments -------------------------------------------------------

DUPLICATES = "- [Alpha](https://alpha.example/) - A.\n- [Alpha](https://alpha.example/) - Again.\n"


def test_lint_disable_and_enable_map_to_the_same_rules() -> None:
    text = f"# X\n\n<!--lint disable double-link-->\n{DUPLICATES}<!--lint enable double-link-->\n\n{DUPLICATES.replace('Alpha', 'Beta').replace('alpha', 'beta')}"
    assert [f.entry for f in findings(text, "duplicate-entry")] == ["Beta"]


def test_lint_ignore_covers_the_next_block_only() -> None:
    text = f"# X\n\n<!--lint ignore double-link-->\n{DUPLICATES}\nText.\n\n{DUPLICATES.replace('Alpha', 'Beta').replace('alpha', 'beta')}"
    assert [f.entry for f in findings(text, "duplicate-entry")] == ["Beta"]


def test_a_bare_lint_disable_turns_everything_off_and_unknown_names_are_passed_over() -> None:
    assert findings(f"# X\n\n<!--lint disable-->\n{DUPLICATES}", "duplicate-entry") == []
    assert (
        len(findings(f"# X\n\n<!--lint disable no-dead-urls list-item-indent-->\n{DUPLICATES}", "duplicate-entry")) == 1
    )
    assert len(findings(f"# X\n\n<!--lint disable emphasis-marker-->\n{DUPLICATES}", "duplicate-entry")) == 1


def test_the_readme_migration_table_is_the_mapping(runner: CliRunner) -> None:
    """`rules --awesome-lint` prints rules/awesome_lint.yaml; the README carries exactly that."""
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    printed = runner.invoke(main, ["rules", "--awesome-lint"]).output
    assert printed.count("\n") == len(data.load("awesome_lint")["rules"]) + 2
    assert printed in readme


def test_the_awesome_lint_table_names_only_real_rules() -> None:
    for name, row in data.load("awesome_lint")["rules"].items():
        assert set(row["rules"]) <= set(BY_NAME), name
        assert {"rules", "fix", "note"} <= set(row), name


# repo-metadata (online) ----------------------------------------------------------------


def test_the_repository_comes_from_the_git_remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from awesomelint.links.github import own_repository

    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:me/awesome-x.git"], check=True
    )
    (tmp_path / "README.md").write_text("# X\n")
    assert own_repository(str(tmp_path / "README.md")) == ("me", "awesome-x")
    subprocess.run(["git", "-C", str(tmp_path), "remote", "set-url", "origin", "https://gitlab.com/me/x"], check=True)
    assert own_repository(str(tmp_path / "README.md")) is None
