"""missing-file: relative links to files and headings, judged offline inside a known repository."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from awesomelint.cli import main
from awesomelint.engine.config import Config
from awesomelint.engine.linter import lint
from awesomelint.findings import Finding
from awesomelint.model.document import Document
from awesomelint.rules.missing_file import missing_file

from ..conftest import findings


def _repository(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(parents=True)  # a work tree: where the repository's root is
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _found(path: Path) -> list[Finding]:
    return lint(Document.from_path(path), Config(), only=["missing-file"]).findings


def test_the_bad_example_is_found_and_the_good_one_is_not(tmp_path: Path) -> None:
    for kind in ("bad", "good"):
        files = {name: text for name, text in missing_file.example_files[kind].items() if name != ".git"}
        root = _repository(tmp_path / kind, {"README.md": missing_file.example(kind), **files})
        assert len(_found(root / "README.md")) == (2 if kind == "bad" else 0), kind


def test_missing_files_and_headings_are_found_and_existing_ones_are_not(tmp_path: Path) -> None:
    readme = (
        "# T\n\n- [Contributing](CONTRIBUTING.md) - How.\n- [Guide](docs/guide.md#install) - Setup.\n"
        "- [Usage](docs/guide.md#Usage) - Use.\n- [Old](docs/old.md) - Gone.\n- [Gone](docs/guide.md#gone) - x.\n"
        "- [Logo](docs/My%20Logo.png) - x.\n- [Docs](docs/) - x.\n- [Root](/docs/guide.md) - x.\n"
        "![logo](media/logo.svg)\n"
    )
    root = _repository(
        tmp_path,
        {"README.md": readme, "docs/guide.md": "# Guide\n\n## Install\n\n## Usage\n", "docs/My Logo.png": ""},
    )
    found = _found(root / "README.md")
    assert [(Document.from_path(root / "README.md").position(f.start)[0], f.message) for f in found] == [
        (3, "CONTRIBUTING.md links to a file the repository does not have (CONTRIBUTING.md)"),
        (6, "docs/old.md links to a file the repository does not have (docs/old.md)"),
        (7, "docs/guide.md#gone: docs/guide.md has no heading or anchor '#gone'"),
        (11, "media/logo.svg links to a file the repository does not have (media/logo.svg)"),
    ]


def test_what_is_not_a_file_of_this_repository_is_left_alone(tmp_path: Path) -> None:
    readme = (
        "# T\n\n- [Issues](../../issues) - x.\n- [Site](https://example.org/a.md) - x.\n"
        "- [Mail](mailto:a@example.org) - x.\n- [Top](#t) - x.\n- [Self](README.md#nowhere) - x.\n"
        "- [Host](www.example.org/page) - x.\n- [Broken]([https://x.org](https://x.org)) - x.\n"
    )
    root = _repository(tmp_path, {"README.md": readme})
    assert _found(root / "README.md") == []


def test_silent_where_the_repository_is_unknown(tmp_path: Path) -> None:
    text = "# T\n\n- [Contributing](CONTRIBUTING.md) - How.\n"
    assert findings(text, "missing-file") == []  # text, not a file
    (tmp_path / "README.md").write_text(text)
    assert _found(tmp_path / "README.md") == []  # a file outside any git work tree
    # a list copied into another repository's folder (a fixture): not a README, not at the root
    root = _repository(tmp_path / "repo", {"tests/fixtures/owner__list.md": text})
    assert _found(root / "tests/fixtures/owner__list.md") == []
    # every relative link missing: a copy away from its repository
    two = text + "- [Code of conduct](code-of-conduct.md) - Be kind.\n"
    root = _repository(tmp_path / "copy", {"README.md": two})
    assert _found(root / "README.md") == []
    (root / "code-of-conduct.md").write_text("# Be kind\n")
    assert len(_found(root / "README.md")) == 1


def test_check_and_links_both_report_it(runner: CliRunner, tmp_path: Path) -> None:
    root = _repository(tmp_path, {"README.md": "# T\n\n- [Contributing](CONTRIBUTING.md) - How.\n"})
    for command in ("check", "links"):
        result = runner.invoke(main, [command, "--no-cache", "--format", "concise", str(root / "README.md")])
        assert result.exit_code == 1, command
        assert f"{root / 'README.md'}:3:3: missing-file CONTRIBUTING.md links to a file" in result.stdout, command
