"""repo-metadata (online): the list's own repository, read through GitHub's API."""

from __future__ import annotations

import json

import pytest
from werkzeug import Response

from awesomelint.cli import main


def metadata_answer(description="Curated things.", topics=("awesome", "awesome-list"), spdx="CC0-1.0"):
    repo = {"nameWithOwner": "me/awesome-x", "description": description,
            "repositoryTopics": {"nodes": [{"topic": {"name": t}} for t in topics]},
            "licenseInfo": {"spdxId": spdx} if spdx else None}
    return {"data": {"r0": repo}}


@pytest.mark.parametrize("answer, expected", [
    (metadata_answer(), []),
    (metadata_answer(description="", topics=("awesome",), spdx=None),
     ["me/awesome-x has no description on GitHub", "me/awesome-x lacks the GitHub topic 'awesome-list'",
      "GitHub detects no license in me/awesome-x"]),
    (metadata_answer(topics=(), spdx="NOASSERTION"),
     ["me/awesome-x lacks the GitHub topics 'awesome' and 'awesome-list'", "GitHub detects no license in me/awesome-x"]),
])
def test_repo_metadata_reads_the_lists_own_repository(httpserver, runner, tmp_path, monkeypatch, answer, expected):
    asked = []
    httpserver.expect_request("/graphql", method="POST").respond_with_handler(
        lambda request: asked.append(request.get_json()["query"]) or Response(json.dumps(answer), content_type="application/json"))
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    monkeypatch.setenv("GITHUB_REPOSITORY", "me/awesome-x")
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n")
    result = runner.invoke(main, ["links", "--format", "json", "--no-cache", "--allow-private", "--profile", "awesome",
                                  "--github-api", httpserver.url_for("/graphql"), str(readme)])
    assert [f["message"] for f in json.loads(result.stdout) if f["rule"] == "repo-metadata"] == expected
    assert 'repository(owner: "me", name: "awesome-x")' in asked[0]


def test_repo_metadata_without_a_token_says_so_once(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "me/awesome-x")
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n")
    result = runner.invoke(main, ["links", "--format", "json", "--no-cache", "--select", "repo-metadata", str(readme)])
    (finding,) = json.loads(result.stdout)
    assert finding["severity"] == "info" and "GITHUB_TOKEN is not set" in finding["message"]
