"""GitHub repository links through the GraphQL API, up to 100 repositories a query.

Used only when a token is set. The token goes to the API host alone: it is sent on
requests built here, never through the shared client or a redirect.
"""

from __future__ import annotations

import json

import httpx

from ..urls import github_repo, strip_www
from .verdict import ARCHIVED, DEAD, ERROR, OK, REDIRECT, Verdict

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


async def check_repos(client: httpx.AsyncClient, token: str, urls: dict[str, tuple[str, str]],
                      api: str = DEFAULT_API) -> dict[str, Verdict]:
    verdicts: dict[str, Verdict] = {}
    items = list(urls.items())
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        fields = " ".join(
            f"r{i}: repository(owner: {json.dumps(owner)}, name: {json.dumps(name)}) {{ nameWithOwner isArchived }}"
            for i, (_, (owner, name)) in enumerate(batch)
        )
        try:
            response = await client.post(
                api, json={"query": f"query {{ {fields} }}"},
                headers={"Authorization": f"bearer {token}"}, follow_redirects=False,
            )
            payload = response.json() if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError) as exc:
            payload = None
            detail = f"GitHub API failed ({type(exc).__name__})"
        else:
            detail = f"GitHub API answered HTTP {response.status_code}"
        if payload is None or "data" not in payload:
            for url, _ in batch:
                verdicts[url] = Verdict(url, ERROR, None, None, detail)
            continue
        data = payload.get("data") or {}
        for i, (url, (owner, name)) in enumerate(batch):
            repo = data.get(f"r{i}")
            if repo is None:
                verdicts[url] = Verdict(url, DEAD, 404, None, "GitHub repository not found")
            elif repo["nameWithOwner"].lower() != f"{owner}/{name}".lower():
                verdicts[url] = Verdict(url, REDIRECT, 200, f"https://github.com/{repo['nameWithOwner']}", "repository renamed")
            elif repo.get("isArchived"):
                verdicts[url] = Verdict(url, ARCHIVED, 200, None, "repository is archived")
            else:
                verdicts[url] = Verdict(url, OK, 200)
    return verdicts
