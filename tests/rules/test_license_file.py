"""license-file: a license file beside the README, holding a content license (CC0, CC-BY), not a code license."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import lint_folder


@pytest.mark.parametrize(
    "files, expected",
    [
        ({}, ["no license file (LICENSE) beside the README; a list needs a content license such as CC0-1.0"]),
        (
            {"LICENSE": "MIT License\n\nPermission is hereby granted, free of charge"},
            ["LICENSE holds a code license; a list's text wants a content license (CC0-1.0 or CC-BY-4.0)"],
        ),
        ({"license": "Creative Commons Legal Code\n\nCC0 1.0 Universal"}, []),
        ({"LICENSE.md": "Attribution 4.0 International (CC BY 4.0)"}, []),
    ],
)
def test_license_file(tmp_path: Path, files: dict[str, str], expected: list[str]) -> None:
    assert lint_folder(tmp_path, "license-file", files) == expected
