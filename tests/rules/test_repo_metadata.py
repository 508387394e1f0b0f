"""repo-metadata (online): the list's own repository, read through GitHub's API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from awesomelint.cli import main


def metadata_answer(
    description: str = "Curated things.",
    topics: tuple[str, ...] = ("awesome", "awesome-list"),
    spdx: str | None = "CC0-1.0",
) -> dict[str, Any]:
    repo = {
        "nameWithOwner": "me/awesome-x",
        "description": description,
        "repositoryTopics": {"nodes": [{"topic": {"name": t}} for t in topics]},
        "licenseInfo": {"spdxId": spdx} if spdx else None,
    }
    return {"data": {"r0": repo}}


@pytest.mark.parametrize(
    "answer, expected",
    [
        (metadata_answer(), []),
        (
            metadata_answer(description="", topics=("awesome",), spdx=None),
            [
                "me/awesome-x has no description on GitHub",
                "me/awesome-x lacks the GitHub topic 'awesome-list'",
                "GitHub detects no license in me/awesome-x",
            ],
        ),
        (
            metadata_answer(topics=(), spdx="NOASSERTION"),
            [
                "me/awesome-x lacks the GitHub topics 'awesome' and 'awesome-list'",
                "GitHub detects no license in me/awesome-x",
            ],
        ),
    ],
)
def test_repo_metadata_reads_the_lists_own_repository(
    httpserver: HTTPServer,
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: dict[str, Any],
    expected: list[str],
) -> None:
    asked: list[str] = []

    def graphql(request: Request) -> Response:
        asked.append(request.get_json()["query"])
        return Response(json.dumps(answer), content_type="application/json")

    httpserver.expect_request("/graphql", method="POST").respond_with_handler(graphql)
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    monkeypatch.setenv("GITHUB_REPOSITORY", "me/awesome-x")
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n")
    result = runner.invoke(
        main,
        [
            "links",
            "--format",
            "json",
            "--no-cache",
            "--allow-private",
            "--profile",
            "awesome",
            "--github-api",
            httpserver.url_for("/graphql"),
            str(readme),
        ],
    )
    assert [f["message"] for f in json.loads(result.stdout) if f["rule"] == "repo-metadata"] == expected
    assert 'repository(owner: "me", name: "awesome-x")' in asked[0]


def test_repo_metadata_without_a_token_says_so_once(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "me/awesome-x")
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n")
    result = runner.invoke(main, ["links", "--format", "json", "--no-cache", "--select", "repo-metadata", str(readme)])
    (finding,) = json.loads(result.stdout)
    assert finding["severity"] == "info" and "GITHUB_TOKEN is not set" in finding["message"]
