"""One link-check run over many documents: unique URLs, cache, GitHub API, then the checker."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

from ..document import Document
from ..entries import links_of
from .cache import Cache
from .checker import USER_AGENT, Checker, Settings
from .github import DEFAULT_API, check_repos, repo_urls
from .verdict import Verdict


@dataclass
class RunResult:
    verdicts: dict[str, Verdict]
    seconds: float
    counts: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        c = self.counts
        asked = len(self.verdicts) - c["cached"] - c["refused"]
        return (f"{len(self.verdicts)} links in {self.seconds:.1f}s: {asked} checked, {c['cached']} from cache, "
                f"{c['refused']} not checked (private or not http); {c['ok']} ok, {c['dead']} dead, "
                f"{c['redirect']} redirected, {c['error']} errors, {c['bot-wall']} unverified (bot walls), "
                f"{c['archived']} archived")


def urls_of(docs: list[Document], lines: dict[str, set[int]] | None = None) -> list[str]:
    """Every http(s) address the documents link to, once; with ``lines``, only those on
    these lines of each document (``--changed-since``)."""
    seen: dict[str, None] = {}
    for doc in docs:
        for link in links_of(doc):
            if link.kind != "image" and link.url.lower().startswith(("http://", "https://")):
                if lines is None or doc.position(link.start)[0] in lines.get(doc.path, ()):
                    seen.setdefault(link.url.strip(), None)
    return list(seen)


def check_links(docs: list[Document], settings: Settings, cache_path: str | None,
                github_api: str | None = None, progress: bool | None = None, exclude=(),
                lines: dict[str, set[int]] | None = None) -> RunResult:
    """Verdicts for every http(s) link of the documents (on ``lines`` only, when given);
    excluded URLs are not checked."""
    started = time.monotonic()
    urls = [u for u in urls_of(docs, lines) if not any(p.search(u) for p in exclude)]
    cache = Cache(cache_path) if cache_path else None
    verdicts: dict[str, Verdict] = {}
    if cache:
        for url in urls:
            hit = cache.get(url)
            if hit is not None:
                verdicts[url] = hit
    todo = [u for u in urls if u not in verdicts]
    fresh = asyncio.run(_check(todo, settings, github_api, _show_progress(progress)))
    verdicts.update(fresh)
    if cache:
        cache.put_many(list(fresh.values()))
        cache.close()
    counts = Counter(v.kind for v in verdicts.values())
    counts["cached"] = sum(1 for v in verdicts.values() if v.cached)
    return RunResult(verdicts, time.monotonic() - started, counts)


async def _token_refusal(api: str, settings: Settings) -> str | None:
    """Why the token must not go to this API address, or None. It goes only over https
    (plain http to a loopback test server with --allow-private), and never to a private
    address unless --allow-private: the same guard as every other request."""
    from urllib.parse import urlsplit

    from .checker import _is_private

    try:
        parts = urlsplit(api)
        host = parts.hostname or ""
    except ValueError:
        return "not a URL"
    private = await _is_private(host) if host else True
    if private and not settings.allow_private:
        return "a private, loopback or link-local address (use --allow-private)"
    if parts.scheme != "https" and not (parts.scheme == "http" and private and settings.allow_private):
        return "not https"
    return None


def _show_progress(progress: bool | None) -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI") if progress is None else progress


async def _check(urls: list[str], settings: Settings, github_api: str | None, progress: bool) -> dict[str, Verdict]:
    results: dict[str, Verdict] = {}
    token = os.environ.get("GITHUB_TOKEN")
    repos = repo_urls(urls) if token else {}
    api = github_api or os.environ.get("AWESOMELINT_GITHUB_API") or DEFAULT_API
    refusal = await _token_refusal(api, settings) if repos else None
    if refusal:
        sys.stderr.write(f"awesomelint: GITHUB_TOKEN not sent to {api}: {refusal}; GitHub links checked without the API\n")
        repos = {}
    if repos:
        async with httpx.AsyncClient(timeout=settings.timeout, headers={"User-Agent": USER_AGENT}) as client:
            results.update(await check_repos(client, token, repos, api))
    rest = [u for u in urls if u not in results]
    if not progress:
        results.update(await Checker(settings).check_all(rest))
        return results
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(TextColumn("checking links"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[hosts]}"),
                  TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("links", total=len(rest), hosts="")
        done_by_host: Counter = Counter()

        def done(verdict: Verdict) -> None:
            done_by_host[httpx.URL(verdict.url).host] += 1
            top = ", ".join(f"{h} {n}" for h, n in done_by_host.most_common(3))
            bar.update(task, advance=1, hosts=top)

        results.update(await Checker(settings, on_done=done).check_all(rest))
    return results
