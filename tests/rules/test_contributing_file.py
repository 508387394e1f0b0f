"""contributing-file: a non-empty contributing.md in the README's folder, .github/ or docs/."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesomelint.config import parse_config
from awesomelint.document import Document
from awesomelint.linter import lint


def lint_folder(tmp_path: Path, rule: str, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n")
    return [f.message for f in lint(Document.from_path(readme), parse_config({"select": [rule]})).findings]


@pytest.mark.parametrize("files, expected", [
    ({}, ["no contributing.md beside the README"]),
    ({"contributing.md": "  \n"}, ["contributing.md is empty"]),
    ({"CONTRIBUTING.md": "Add one entry per pull request."}, []),
    ({".github/contributing.md": "Add one entry per pull request."}, []),
])
def test_contributing_file(tmp_path, files, expected):
    assert lint_folder(tmp_path, "contributing-file", files) == expected
