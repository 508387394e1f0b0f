"""Capture real package metadata for the off-topic bench (`bench/offtopic.py --packages`).

The bench's other metadata is written by hand (`META_PROFILES`...): what each list's
subject implies, not what its repositories say. This script asks the registries this
machine can reach, PyPI and npm, what the GitHub repositories of two lists say they
are, in the registries' own words, and keeps the answers:

- awesome-python's repositories: ``GET https://pypi.org/pypi/{repository name}/json``;
- awesome-javascript's: ``GET https://registry.npmjs.org/{repository name}/latest``.

An answer is kept only when the package names the same repository (PyPI's
``project_urls`` or ``home_page``, npm's ``repository``), so that a package that merely
shares a repository's name ("requests" of another owner) is never taken for it. Only
what `awesomelint.links.packages` reads is kept (summary, classifiers, keywords;
description, keywords), with the address asked and the day, in
``bench/data/packages.json``.

Usage: python bench/capture_packages.py   (a few minutes; needs PyPI and npm)
"""

from __future__ import annotations

import asyncio
import datetime
import json
import re
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # the bench runs from a bare checkout: imports come after

from awesomelint.links.github import repo_urls  # noqa: E402
from awesomelint.model.document import Document  # noqa: E402
from awesomelint.model.entries import entries_of  # noqa: E402

OUT = ROOT / "bench" / "data" / "packages.json"
LISTS = {
    "python": (ROOT.parent / "shared" / "corpus" / "vinta__awesome-python.md", "PyPI"),
    "javascript": (ROOT / "tests" / "fixtures" / "corpus" / "sorrycc__awesome-javascript.md", "npm"),
}
AT_ONCE = 8


def _names_repository(text: str, owner: str, name: str) -> bool:
    """Whether a URL (or a string holding URLs) names github.com/owner/name."""
    wanted = f"github.com/{owner}/{name}".lower()
    found = re.findall(r"github\.com[/:]([\w.-]+)/([\w.-]+)", text, re.IGNORECASE)
    return any(f"github.com/{o}/{n.removesuffix('.git')}".lower() == wanted for o, n in found)


def _pypi(payload: dict, owner: str, name: str) -> dict | None:
    info = payload.get("info") or {}
    urls = " ".join([str(info.get("home_page") or ""), *map(str, (info.get("project_urls") or {}).values())])
    if not _names_repository(urls, owner, name):
        return None
    return {"info": {k: info.get(k) for k in ("name", "summary", "classifiers", "keywords")}}


def _npm(payload: dict, owner: str, name: str) -> dict | None:
    repository = payload.get("repository")
    text = repository.get("url", "") if isinstance(repository, dict) else str(repository or "")
    if not _names_repository(text, owner, name) and text != f"{owner}/{name}":
        return None
    return {k: payload.get(k) for k in ("name", "description", "keywords")}


async def capture() -> dict:
    found: dict[str, dict] = {}
    gate = asyncio.Semaphore(AT_ONCE)
    async with httpx.AsyncClient(timeout=30, follow_redirects=True) as client:

        async def one(url: str, owner: str, name: str, registry: str) -> None:
            asked = (
                f"https://pypi.org/pypi/{name}/json"
                if registry == "PyPI"
                else f"https://registry.npmjs.org/{name.lower()}/latest"
            )
            async with gate:
                try:
                    answer = await client.get(asked)
                except httpx.HTTPError:
                    return
            if answer.status_code != 200:
                return
            kept = (_pypi if registry == "PyPI" else _npm)(answer.json(), owner, name)
            if kept is not None:
                found[url] = {"registry": registry, "asked": asked, "answer": kept}

        jobs = []
        for path, registry in LISTS.values():
            urls = [link.url.strip() for e in entries_of(Document.from_path(path)) for link in e.web_links]
            for url, (owner, name) in repo_urls([u for u in urls if u.startswith("https://")]).items():
                jobs.append(one(url, owner, name, registry))
        await asyncio.gather(*jobs)
    return dict(sorted(found.items()))


def main() -> None:
    found = asyncio.run(capture())
    OUT.parent.mkdir(exist_ok=True)
    document = {"captured": datetime.date.today().isoformat(), "packages": found}
    OUT.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    by_registry = {r: sum(1 for f in found.values() if f["registry"] == r) for _, r in LISTS.values()}
    print(f"{OUT.relative_to(ROOT)}: {by_registry}")


if __name__ == "__main__":
    main()
