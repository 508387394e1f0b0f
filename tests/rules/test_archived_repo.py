"""archived-repo: a link to a repository GitHub's API says is archived."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from awesomelint.cli import main


def test_archived_repo(
    httpserver: HTTPServer, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/graphql", method="POST").respond_with_json(
        {"data": {"r0": {"nameWithOwner": "o/r", "isArchived": True}}}
    )
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    path = tmp_path / "README.md"
    path.write_text("# L\n\n- [a](https://github.com/o/r)\n")
    data = json.loads(
        runner.invoke(
            main,
            [
                "links",
                "--no-cache",
                "--allow-private",
                "--format",
                "json",
                "--github-api",
                httpserver.url_for("/graphql"),
                str(path),
            ],
        ).stdout
    )
    assert [d["rule"] for d in data] == ["archived-repo"]
