"""File discovery as ruff does it: .gitignore honoured, --exclude and exclude:, every markdown
extension, GitHub's templates skipped, per-file-ignores with gitignore semantics, no path: the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint.api import collect_paths
from awesomelint.cli import main
from awesomelint.engine.config import parse_config

LIST = "# T\n\n- [a](https://paper.link) - a\n"


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _found(root: Path, *paths: str, exclude: tuple[str, ...] = ()) -> list[str]:
    files, errors = collect_paths([str(root / p) for p in paths] or [str(root)], exclude)
    assert errors == []
    return sorted(Path(f).relative_to(root).as_posix() for f in files)


def test_a_folder_walk_honours_gitignore_extensions_and_templates(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            ".git/HEAD": "",
            ".gitignore": "vendor/\n*.draft.md\n",
            "README.md": LIST,
            "docs/guide.markdown": LIST,
            "docs/OLD.MD": LIST,
            "docs/notes.txt": LIST,
            "docs/.gitignore": "private/\n",
            "docs/private/x.md": LIST,
            "docs/wip.draft.md": LIST,
            "vendor/README.md": LIST,
            "node_modules/pkg/README.md": LIST,
            ".github/README.md": LIST,
            ".github/ISSUE_TEMPLATE/bug.md": LIST,
            ".github/pull_request_template.md": LIST,
            ".github/PULL_REQUEST_TEMPLATE/feature.md": LIST,
        },
    )
    assert _found(root) == [".github/README.md", "README.md", "docs/OLD.MD", "docs/guide.markdown"]
    assert _found(root, "docs") == ["docs/OLD.MD", "docs/guide.markdown"]  # the root's .gitignore still applies
    assert _found(root, "vendor/README.md") == ["vendor/README.md"]  # a file named is read


def test_exclude_from_the_command_line_and_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path, {"README.md": LIST, "docs/a.md": LIST, "docs/deep/b.md": LIST, "archive/c.md": LIST})
    monkeypatch.chdir(root)
    assert _found(root, exclude=("docs/*.md",)) == ["README.md", "archive/c.md", "docs/deep/b.md"]
    assert _found(root, exclude=("archive/", "deep")) == ["README.md", "docs/a.md"]
    (root / ".awesomelint.yaml").write_text("exclude: ['archive/']\n")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--format", "concise", "."])
    assert "archive/c.md" not in result.stdout and "docs/deep/b.md" in result.stdout
    result = runner.invoke(main, ["check", "--format", "concise", "--exclude", "docs", "."])
    assert result.stdout.count("placeholder-url") == 1  # README.md only
    result = runner.invoke(main, ["check", "--format", "concise", "archive/c.md"])
    assert "archive/c.md" in result.stdout  # named: read


def test_per_file_ignores_have_gitignore_semantics(tmp_path: Path) -> None:
    config = parse_config({"per-file-ignores": {"**/*.md": ["whitespace"], "docs/*.md": ["mojibake"]}})
    config.root = tmp_path
    assert config.ignored_for(str(tmp_path / "README.md")) == {"whitespace"}  # ** includes the root
    assert config.ignored_for(str(tmp_path / "docs/x.md")) == {"whitespace", "mojibake"}
    assert config.ignored_for(str(tmp_path / "docs/deep/x.md")) == {"whitespace"}  # * stays in its folder


def test_no_path_reads_the_readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 2 and "no path given and no README.md here" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    _tree(tmp_path, {"readme.md": LIST, "CONTRIBUTING.md": LIST})
    result = runner.invoke(main, ["check", "--format", "concise"])
    assert result.exit_code == 1 and result.stdout.startswith("readme.md:3:3: placeholder-url")
    assert "CONTRIBUTING" not in result.stdout
    assert runner.invoke(main, ["fix", "--check"]).exit_code == 0
