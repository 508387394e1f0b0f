"""license-file: a license file beside the README, holding a content license (CC0, CC-BY), not a code license."""

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
    ({}, ["no license file (LICENSE) beside the README; a list needs a content license such as CC0-1.0"]),
    ({"LICENSE": "MIT License\n\nPermission is hereby granted, free of charge"},
     ["LICENSE holds a code license; a list's text wants a content license (CC0-1.0 or CC-BY-4.0)"]),
    ({"license": "Creative Commons Legal Code\n\nCC0 1.0 Universal"}, []),
    ({"LICENSE.md": "Attribution 4.0 International (CC BY 4.0)"}, []),
])
def test_license_file(tmp_path, files, expected):
    assert lint_folder(tmp_path, "license-file", files) == expected
