"""stale-entry: against a fake GitHub GraphQL API on 127.0.0.1 that answers each aliased
repository of the batch in GitHub's documented shape; failures of the API (403, GraphQL
errors, malformed answers) leave the entries unjudged and are said once; the parser of
a repository's fields is fuzzed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Response

from awesomelint.cli import main
from awesomelint.links.github import repo_info
from awesomelint.links.verdict import RepoInfo
from awesomelint.rules.stale_entry import months_since

from ..servers import github_graphql

NOW = datetime.now(timezone.utc)


def ago(months: float) -> str:
    return (NOW - timedelta(days=30.44 * months)).strftime("%Y-%m-%dT%H:%M:%SZ")


REPOS: dict[str, dict[str, Any]] = {
    "o/old": {"pushedAt": ago(37), "isArchived": False},
    "o/fresh": {"pushedAt": ago(1), "isArchived": False},
    "o/marked": {"pushedAt": ago(50), "isArchived": False},
    "o/gone": {"pushedAt": ago(60), "isArchived": True},
}
LIST = """# Awesome Things

- [old](https://github.com/o/old) - A library nobody pushed to for three years.
- [fresh](https://github.com/o/fresh) - A library pushed to last month.
- [marked](https://github.com/o/marked) - ⚠ A library the list already marks.
- [gone](https://github.com/o/gone) - An archived library.
"""


def run(runner: CliRunner, httpserver: HTTPServer, path: Path, *extra: str) -> tuple[list[dict], str]:
    result = runner.invoke(
        main,
        [
            "check",
            "--online",
            "--select",
            "stale-entry",
            "--select",
            "archived-repo",
            "--allow-private",
            "--format",
            "json",
            "--fail-on",
            "error",
            "--github-api",
            httpserver.url_for("/graphql"),
            *extra,
            str(path),
        ],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


@pytest.fixture
def listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    path = tmp_path / "README.md"
    path.write_text(LIST)
    return path


def test_a_repository_without_a_push_for_two_years_is_reported_unless_marked_or_archived(
    httpserver: HTTPServer, runner: CliRunner, listed: Path
) -> None:
    httpserver.expect_request("/graphql", method="POST").respond_with_handler(github_graphql(REPOS))
    found, _ = run(runner, httpserver, listed, "--no-cache")
    assert [(f["rule"], f["entry"]) for f in found] == [("stale-entry", "old"), ("archived-repo", "gone")]
    stale = found[0]
    assert stale["severity"] == "info"
    assert (
        "no push for 37 months" in stale["message"] and f"(last {REPOS['o/old']['pushedAt'][:10]})" in stale["message"]
    )


def test_months_and_markers_are_options(httpserver: HTTPServer, runner: CliRunner, listed: Path) -> None:
    httpserver.expect_request("/graphql", method="POST").respond_with_handler(github_graphql(REPOS))
    (listed.parent / ".awesomelint.yaml").write_text("stale-entry: {months: 40, accept: []}\n")
    found, _ = run(runner, httpserver, listed, "--no-cache")
    assert [f["entry"] for f in found if f["rule"] == "stale-entry"] == ["marked"]  # 50 months, and no marker accepted


def test_the_metadata_comes_from_the_cache_on_the_next_run(
    httpserver: HTTPServer, runner: CliRunner, listed: Path, tmp_path: Path
) -> None:
    asked: list[str] = []
    httpserver.expect_request("/graphql", method="POST").respond_with_handler(github_graphql(REPOS, asked))
    cache = str(tmp_path / "cache.sqlite3")
    first, _ = run(runner, httpserver, listed, "--cache", cache)
    assert len(asked) == 4
    second, _ = run(runner, httpserver, listed, "--cache", cache)
    assert len(asked) == 4  # nothing asked again: the pushes were cached with the verdicts
    assert second == first


@pytest.mark.parametrize(
    "answer",
    [
        Response("rate limited", status=403),
        Response(json.dumps({"data": None, "errors": [{"message": "API rate limit exceeded"}]}), status=200),
        Response("[1, 2]", status=200, content_type="application/json"),
        Response(json.dumps({"data": {"r0": [1], "r1": {"nameWithOwner": 3}}}), status=200),
    ],
    ids=["403", "graphql-errors", "not-an-object", "malformed-repositories"],
)
def test_a_failing_api_leaves_the_entries_unjudged_and_says_so_once(
    httpserver: HTTPServer, runner: CliRunner, listed: Path, answer: Response
) -> None:
    httpserver.expect_request("/graphql", method="POST").respond_with_response(answer)
    found, stderr = run(runner, httpserver, listed, "--no-cache", "--select", "link-error")
    assert not [f for f in found if f["rule"] == "stale-entry"]
    assert stderr.count("without metadata") == 1
    assert "off-topic judges their entries on their words alone" in stderr


def test_a_cache_written_before_metadata_was_kept_is_read_and_upgraded(tmp_path: Path) -> None:
    import sqlite3

    from awesomelint.links.cache import Cache
    from awesomelint.links.verdict import Verdict

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE verdicts (url TEXT PRIMARY KEY, kind TEXT NOT NULL, status INTEGER, final_url TEXT, "
        "detail TEXT, checked_at REAL NOT NULL)"
    )
    db.execute("INSERT INTO verdicts VALUES ('https://a.example/', 'ok', 200, NULL, '', ?)", (NOW.timestamp(),))
    db.commit()
    db.close()
    cache = Cache(path)
    hit = cache.get("https://a.example/")
    assert hit is not None and hit.kind == "ok" and hit.repo is None
    info = RepoInfo("Go", ("cli",), "A tool.", ago(3))
    cache.put_many([Verdict("https://github.com/o/r", "ok", 200, repo=info)])
    again = cache.get("https://github.com/o/r")
    assert again is not None and again.repo == info
    cache.close()


def test_months_since_reads_githubs_times_and_nothing_else() -> None:
    assert months_since(ago(24.5), NOW) == pytest.approx(24.5, abs=0.01)
    assert months_since("yesterday", NOW) is None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
FIELDS = st.sampled_from(["primaryLanguage", "repositoryTopics", "description", "pushedAt", "nodes", "topic", "name"])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(FIELDS | st.text(max_size=5), JSON, max_size=5))
def test_any_answer_is_read_as_metadata_or_none_never_an_error(repo: dict) -> None:
    info = repo_info(repo)
    assert info is None or (isinstance(info.topics, tuple) and all(isinstance(t, str) for t in info.topics))
    if info is not None:
        assert RepoInfo.from_json(info.to_json()) == info


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40) | JSON.map(json.dumps))
def test_any_cached_text_is_read_as_metadata_or_none(text: str) -> None:
    assert RepoInfo.from_json(text) is None or isinstance(RepoInfo.from_json(text), RepoInfo)
