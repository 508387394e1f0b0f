"""SARIF for code scanning: the tool's home and each rule's help resolve to this repository, and
fingerprints keep an alert the same while lines move above it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from awesomelint.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
LIST = "# T\n\n- [a](https://paper.link) - a\n- [b](https://paper.link) - b\n"


def _sarif(runner: CliRunner, path: Path) -> dict:
    return json.loads(runner.invoke(main, ["check", "--format", "sarif", str(path)]).stdout)


def test_information_and_help_uris_point_into_this_repository(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(LIST)
    driver = _sarif(runner, path)["runs"][0]["tool"]["driver"]
    home = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    assert driver["informationUri"] == home
    for rule in driver["rules"]:
        prefix = f"{home}/blob/main/"
        assert rule["helpUri"].startswith(prefix) and (ROOT / rule["helpUri"][len(prefix) :]).is_file()
        assert rule["help"]["text"].startswith(rule["id"])


def test_fingerprints_survive_lines_moving_and_tell_equal_findings_apart(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(LIST)
    before = [r["partialFingerprints"]["awesomelintFinding/v1"] for r in _sarif(runner, path)["runs"][0]["results"]]
    path.write_text(LIST.replace("# T\n", "# T\n\nAn introduction.\n"))
    after = [r["partialFingerprints"]["awesomelintFinding/v1"] for r in _sarif(runner, path)["runs"][0]["results"]]
    assert len(set(before)) == 2 and before == after
