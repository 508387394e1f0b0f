"""contributing-file: a non-empty contributing.md in the README's folder, .github/ or docs/."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import lint_folder


@pytest.mark.parametrize(
    "files, expected",
    [
        ({}, ["no contributing.md beside the README"]),
        ({"contributing.md": "  \n"}, ["contributing.md is empty"]),
        ({"CONTRIBUTING.md": "Add one entry per pull request."}, []),
        ({".github/contributing.md": "Add one entry per pull request."}, []),
    ],
)
def test_contributing_file(tmp_path: Path, files: dict[str, str], expected: list[str]) -> None:
    assert lint_folder(tmp_path, "contributing-file", files) == expected
