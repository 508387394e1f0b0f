"""GitHub repository links through the GraphQL API, up to 100 repositories a query.

Used only when a token is set. The token goes to the API host alone: it is sent on
requests built here, never through the shared client or a redirect.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import httpx

from ..model.urls import github_repo, strip_www
from .verdict import ARCHIVED, DEAD, ERROR, OK, REDIRECT, RepoInfo, Verdict

DEFAULT_API = "https://api.github.com/graphql"
BATCH = 100


def repo_urls(urls: list[str]) -> dict[str, tuple[str, str]]:
    """The URLs that are a github.com repository root (or /tree/<branch>), with (owner, name)."""
    found = {}
    for url in urls:
        repo = github_repo(url)
        if repo is None or not strip_www(httpx.URL(url).host) == "github.com":
            continue
        path = [p for p in httpx.URL(url).path.split("/") if p]
        if len(path) == 2 or (len(path) >= 4 and path[2] == "tree"):
            found[url] = repo
    return found


# what the archived-repository batch asks of each repository: its name and flag, and what
# it says it is (off-topic's metadata evidence, stale-entry's last push)
REPO_FIELDS = (
    "nameWithOwner isArchived primaryLanguage { name } "
    "repositoryTopics(first: 20) { nodes { topic { name } } } description pushedAt"
)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _first_error(payload: dict) -> str:
    errors = payload.get("errors")
    first = errors[0] if isinstance(errors, list) and errors else None
    message = _text(first.get("message")) if isinstance(first, dict) else ""
    return f" ({message[:120]})" if message else ""


def repo_info(repo: dict) -> RepoInfo | None:
    """What one repository of a GraphQL answer says it is; None when the answer has none
    of the fields (an API that answers the archived flag alone). Any field in another
    shape than GitHub documents is read as absent, never an error."""
    if not any(key in repo for key in ("primaryLanguage", "repositoryTopics", "description", "pushedAt")):
        return None
    language = repo.get("primaryLanguage")
    language = _text(language.get("name")) if isinstance(language, dict) else ""
    nodes = repo.get("repositoryTopics")
    nodes = nodes.get("nodes") if isinstance(nodes, dict) else None
    topics = []
    for node in nodes if isinstance(nodes, list) else []:
        topic = node.get("topic") if isinstance(node, dict) else None
        named = _text(topic.get("name")) if isinstance(topic, dict) else ""
        if named:
            topics.append(named)
    pushed = _text(repo.get("pushedAt"))
    return RepoInfo(language or None, tuple(topics), _text(repo.get("description")), pushed or None)


async def check_repos(
    client: httpx.AsyncClient, token: str, urls: dict[str, tuple[str, str]], api: str = DEFAULT_API
) -> dict[str, Verdict]:
    verdicts: dict[str, Verdict] = {}
    items = list(urls.items())
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        fields = " ".join(
            f"r{i}: repository(owner: {json.dumps(owner)}, name: {json.dumps(name)}) {{ {REPO_FIELDS} }}"
            for i, (_, (owner, name)) in enumerate(batch)
        )
        try:
            response = await client.post(
                api,
                json={"query": f"query {{ {fields} }}"},
                headers={"Authorization": f"bearer {token}"},
                follow_redirects=False,
            )
            payload = response.json() if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError) as exc:
            payload = None
            detail = f"GitHub API failed ({type(exc).__name__})"
        else:
            detail = f"GitHub API answered HTTP {response.status_code}"
        if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
            if isinstance(payload, dict):  # GraphQL's own errors: a rate limit, a bad query
                detail = "GitHub API answered with errors" + _first_error(payload)
            for url, _ in batch:
                verdicts[url] = Verdict(url, ERROR, None, None, detail)
            continue
        data = payload["data"]
        for i, (url, (owner, name)) in enumerate(batch):
            repo = data.get(f"r{i}")
            if f"r{i}" not in data:  # GitHub answers null for a repository that does not exist
                verdicts[url] = Verdict(url, ERROR, None, None, "GitHub API answered without this repository")
            elif repo is None:
                verdicts[url] = Verdict(url, DEAD, 404, None, "GitHub repository not found")
            elif not isinstance(repo, dict) or not isinstance(repo.get("nameWithOwner"), str):
                verdicts[url] = Verdict(url, ERROR, None, None, "GitHub API answered in an unknown shape")
            elif repo["nameWithOwner"].lower() != f"{owner}/{name}".lower():
                verdicts[url] = Verdict(
                    url, REDIRECT, 200, f"https://github.com/{repo['nameWithOwner']}", "repository renamed"
                )
            elif repo.get("isArchived"):
                verdicts[url] = Verdict(url, ARCHIVED, 200, None, "repository is archived", repo=repo_info(repo))
            else:
                verdicts[url] = Verdict(url, OK, 200, repo=repo_info(repo))
    return verdicts


@dataclass(frozen=True)
class RepoMetadata:
    """What sindresorhus/awesome asks of a list's own repository page."""

    name: str  # owner/name as GitHub spells it
    description: str
    topics: tuple[str, ...]
    license: str | None  # the SPDX id GitHub detected, None when it found none


async def fetch_metadata(
    client: httpx.AsyncClient, token: str, repos: list[tuple[str, str]], api: str = DEFAULT_API
) -> dict[str, RepoMetadata | str]:
    """owner/name -> its metadata, or why it could not be read (one query for all)."""
    if not repos:
        return {}
    fields = " ".join(
        f"r{i}: repository(owner: {json.dumps(owner)}, name: {json.dumps(name)}) {{ nameWithOwner description "
        "repositoryTopics(first: 100) { nodes { topic { name } } } licenseInfo { spdxId } }"
        for i, (owner, name) in enumerate(repos)
    )
    keys = [f"{owner}/{name}" for owner, name in repos]
    try:
        response = await client.post(
            api,
            json={"query": f"query {{ {fields} }}"},
            headers={"Authorization": f"bearer {token}"},
            follow_redirects=False,
        )
        payload = response.json() if response.status_code == 200 else None
        failure = f"GitHub API answered HTTP {response.status_code}"
    except (httpx.HTTPError, ValueError) as exc:
        payload, failure = None, f"GitHub API failed ({type(exc).__name__})"
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        return {key: failure for key in keys}
    found: dict[str, RepoMetadata | str] = {}
    for i, key in enumerate(keys):
        repo = payload["data"].get(f"r{i}")
        if not isinstance(repo, dict):
            found[key] = "GitHub repository not found"
            continue
        nodes = ((repo.get("repositoryTopics") or {}).get("nodes")) or []
        topics = tuple(str(n.get("topic", {}).get("name", "")) for n in nodes if isinstance(n, dict))
        spdx = (repo.get("licenseInfo") or {}).get("spdxId")
        found[key] = RepoMetadata(
            str(repo.get("nameWithOwner") or key),
            str(repo.get("description") or ""),
            topics,
            spdx if spdx and spdx != "NOASSERTION" else None,
        )
    return found


def own_repository(path: str) -> tuple[str, str] | None:
    """The GitHub repository a list lives in: $GITHUB_REPOSITORY in GitHub Actions, else
    the folder's git remote 'origin' when it is on github.com."""
    named = os.environ.get("GITHUB_REPOSITORY", "")
    if named.count("/") == 1:
        owner, name = named.split("/")
        return owner, name
    try:
        remote = subprocess.run(
            ["git", "-C", str(Path(path).resolve().parent), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    match = _REMOTE.match(remote)
    return (match.group(1), match.group(2)) if match else None


_REMOTE = re.compile(
    r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"([\w.-]+)/([\w.-]+?)(?:\.git)?/?$"
)
