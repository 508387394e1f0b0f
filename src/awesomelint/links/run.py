"""One link-check run over many documents: unique URLs, cache, GitHub API, then the checker."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar
from urllib.parse import urlsplit

from .. import data
from ..engine.userpatterns import UserPattern
from ..errors import SIGNAL_EXIT, Interrupted
from ..model.document import Document
from ..model.entries import links_of
from ..model.urls import host_matches, host_of, https_counterpart
from . import asyncionet
from .arxiv import DEFAULT_API as ARXIV_API
from .arxiv import arxiv_ids, fetch_papers
from .cache import Cache
from .checker import USER_AGENT, Checker, Settings
from .collector import collecting
from .doi import BIORXIV_API, CROSSREF_API, doi_ids, fetch_dois
from .github import DEFAULT_API, RepoMetadata, check_repos, fetch_metadata, repo_urls
from .huggingface import DEFAULT_API as HF_API
from .huggingface import fetch_models, hf_ids
from .packages import DEFAULT_APIS as PACKAGE_APIS
from .packages import fetch_packages, package_ids
from .pinning import AddressBook, pinned_client
from .progress import ProgressBar, ProgressLines
from .verdict import ARCHIVED, OK, REFUSED, RepoInfo, Verdict
from .workers import WorkerPool, planned_workers

T = TypeVar("T")
TWIN_TIMEOUT = 5.0  # seconds for the https question asked of a plain http link


class Recorder:
    """Writes verdicts to the cache as they finish, a batch at a time (every `batch`
    verdicts or `every` seconds), so an interrupted or killed run keeps what it learned."""

    def __init__(self, cache: Cache | None, batch: int = 200, every: float = 2.0):
        self.cache, self.batch, self.every = cache, batch, every
        self.done: dict[str, Verdict] = {}
        self.repositories: dict[str, RepoMetadata | str] = {}  # not cached: read each run
        self.papers_missing = 0  # arXiv papers, Hugging Face models their APIs gave nothing for, when they failed
        self.papers_failure = ""
        self._pending: list[Verdict] = []
        self._flushed_at = time.monotonic()

    def add(self, verdict: Verdict) -> None:
        self.done[verdict.url] = verdict
        self._pending.append(verdict)
        if len(self._pending) >= self.batch or time.monotonic() - self._flushed_at >= self.every:
            self.flush()

    def flush(self) -> None:
        if self.cache and self._pending:
            self.cache.put_many(self._pending)
        self._pending = []
        self._flushed_at = time.monotonic()


@dataclass
class RunResult:
    verdicts: dict[str, Verdict]
    seconds: float
    counts: Counter = field(default_factory=Counter)
    repositories: dict[str, RepoMetadata | str] = field(default_factory=dict)  # the lists' own, for repo-metadata
    twins: dict[str, Verdict] = field(default_factory=dict)  # the https addresses asked of plain http links
    metadata_failure: str = ""  # why GitHub's API gave no metadata for some repositories, said once
    papers_failure: str = ""  # ... and why the arXiv API gave none for some papers

    @property
    def all_verdicts(self) -> dict[str, Verdict]:
        """The links' verdicts and their https twins', what the rules read."""
        return {**self.verdicts, **self.twins}

    def summary(self) -> str:
        c = self.counts
        links = len(self.verdicts)
        asked = links - c["cached"] - c["refused"]
        twins = f"; the https address of {c['twins']} http links asked too" if c["twins"] else ""
        if c["no-metadata"]:  # said once: what the rules reading repositories' metadata go without
            twins += (
                f"; {c['no-metadata']} GitHub repositories without metadata ({self.metadata_failure}): "
                "off-topic judges their entries on their words alone, stale-entry skips them"
            )
        if c["no-paper-metadata"]:
            twins += (
                f"; {c['no-paper-metadata']} papers, models and packages without metadata ({self.papers_failure}): "
                "off-topic judges their entries on their words alone"
            )
        return (
            f"{links} links in {self.seconds:.1f}s: {asked} checked, {c['cached']} from cache, "
            f"{c['refused']} not checked (private or not http); {c['ok']} ok, {c['dead']} dead, "
            f"{c['redirect']} redirected, {c['error']} errors, {c['bot-wall']} unverified (bot walls), "
            f"{c['archived']} archived{twins}"
        )


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


def https_twins(verdicts: dict[str, Verdict]) -> list[str]:
    """The https addresses to ask of the plain http links that were checked (not those
    refused, nor hosts known to serve https, which insecure-url upgrades offline): where
    the twin ends on the same page, insecure-url offers the upgrade. A link with an explicit port has no https twin: https
    on that port is another service, and one that never answers a TLS hello
    would hold the run for the twin's whole timeout."""
    known = data.patterns("https_hosts", "hosts")
    twins = (
        https_counterpart(url)
        for url, verdict in verdicts.items()
        if verdict.kind != REFUSED and _no_port(url) and not host_matches(host_of(url), known)
    )
    return [twin for twin in dict.fromkeys(twins) if twin is not None and twin not in verdicts]


def _no_port(url: str) -> bool:
    try:
        return urlsplit(url).port is None
    except ValueError:  # a port that is not a number
        return False


def check_links(
    docs: list[Document],
    settings: Settings,
    cache_path: str | None,
    github_api: str | None = None,
    progress: bool | None = None,
    exclude: Sequence[UserPattern] = (),
    lines: dict[str, set[int]] | None = None,
    progress_every: float = 10.0,
    own_repos: tuple[tuple[str, str], ...] = (),
    cache_max_age: float | None = None,
    profile: bool = False,
    pool: WorkerPool | None = None,
) -> RunResult:
    """Verdicts for every http(s) link of the documents (on ``lines`` only, when given);
    excluded URLs are not checked; ``own_repos`` (the lists' own repositories) are read
    through the GitHub API for repo-metadata. ``profile`` (with ``lines``, when off-topic
    runs): the GitHub repositories on the other lines are asked too, in the same GraphQL
    batch and never by the page checker, so that a change is judged against the
    metadata of the list as it was. Raises `Interrupted` on SIGINT/SIGTERM, after the
    verdicts that finished have reached the cache."""
    started = time.monotonic()
    urls = [u for u in urls_of(docs, lines) if not any(p.search(u) for p in exclude)]
    unchanged: list[str] = []
    if profile and lines is not None and os.environ.get("GITHUB_TOKEN"):
        on_new_lines = set(urls)
        unchanged = [
            u for u in repo_urls(urls_of(docs)) if u not in on_new_lines and not any(p.search(u) for p in exclude)
        ]
        urls = urls + unchanged
    cache = Cache(cache_path, cache_max_age) if cache_path else None
    verdicts: dict[str, Verdict] = {}
    if cache:
        verdicts.update(cached_verdicts(cache, urls, profile))
    todo = [u for u in urls if u not in verdicts]
    recorder = Recorder(cache)
    twins: dict[str, Verdict] = {}
    try:
        pool = _pool_for(len(todo), pool)
        _run_until_signal(
            _check(
                todo,
                settings,
                github_api,
                _show_progress(progress),
                recorder,
                progress_every,
                own_repos,
                frozenset(unchanged),
                profile,
                pool,
            )
        )
        verdicts.update(recorder.done)
        asked = https_twins(verdicts)
        twins = {twin: hit for twin in asked if (hit := cache.get(twin) if cache else None) is not None}
        if len(twins) < len(asked):
            twin_recorder = Recorder(cache)
            # a twin is a question, not a link of the list: one try, and quickly (a host that
            # takes port 443 and never answers on it must not hold the run)
            quick = replace(settings, retries=0, timeout=min(settings.timeout, TWIN_TIMEOUT))
            _run_until_signal(
                _check([t for t in asked if t not in twins], quick, None, False, twin_recorder, progress_every)
            )
            twin_recorder.flush()
            twins.update(twin_recorder.done)
    except Interrupted as stop:
        stop.done, stop.total = len(verdicts) + len(recorder.done), len(urls)
        raise
    finally:
        if pool is not None:
            pool.close()
        recorder.flush()
        if cache:
            cache.close()
    verdicts.update(recorder.done)
    counts: Counter[str] = Counter(v.kind for v in verdicts.values())
    counts["cached"] = sum(1 for v in verdicts.values() if v.cached)
    counts["twins"] = len(twins)
    failed = [v.detail for v in verdicts.values() if v.kind == "error" and v.detail.startswith("GitHub API")]
    counts["no-metadata"] = len(failed)
    counts["no-paper-metadata"] = recorder.papers_missing
    return RunResult(
        verdicts,
        time.monotonic() - started,
        counts,
        recorder.repositories,
        twins,
        failed[0] if failed else "",
        recorder.papers_failure,
    )


def cached_verdicts(cache: Cache, urls: list[str], profile: bool) -> dict[str, Verdict]:
    """The cache's verdicts for those of ``urls`` it answers; a repository cached before
    its metadata was kept is asked again (when the API can be), as are, with ``profile``,
    papers, models, packages and DOIs cached without theirs."""
    stale = set(repo_urls(urls)) if os.environ.get("GITHUB_TOKEN") else set()
    stale |= (
        set(arxiv_ids(urls)) | set(hf_ids(urls)) | set(package_ids(urls)) | set(doi_ids(urls)) if profile else set()
    )
    verdicts = {}
    for url in urls:
        hit = cache.get(url)
        if hit is not None and not (url in stale and hit.repo is None and hit.kind in (OK, ARCHIVED)):
            verdicts[url] = hit
    return verdicts


def _pool_for(links: int, started: WorkerPool | None) -> WorkerPool | None:
    """The workers for a run of ``links`` links: those started early when they pay (or
    new ones), none for a small run (those started early are ended). Workers already
    given links while the lists were parsed (`WorkerPool.send`) are kept whatever the size."""
    if started is not None and started.sent:
        return started
    wanted = planned_workers(links)
    if started is not None and len(started) != wanted:
        started.close()
        started = None
    if started is None and wanted:
        started = WorkerPool(wanted)
    return started


def _run_until_signal(work: Awaitable[T]) -> T:
    """Run `work` (on uvloop when installed: `asyncionet.run`); SIGINT or SIGTERM cancels
    it (so every `finally` runs and the client closes) and raises `Interrupted`."""

    async def main() -> T:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None
        caught: list[int] = []

        def stop(signum: int) -> None:
            caught.append(signum)
            task.cancel()

        installed = []
        for signum in SIGNAL_EXIT:
            try:
                loop.add_signal_handler(signum, stop, signum)
                installed.append(signum)
            except (ValueError, RuntimeError, NotImplementedError):  # not the main thread, or not POSIX
                pass
        try:
            return await work
        except asyncio.CancelledError:
            if caught:
                raise Interrupted(caught[0]) from None
            raise
        finally:
            for signum in installed:
                loop.remove_signal_handler(signum)

    with collecting():
        return asyncionet.run(main())


async def _token_refusal(api: str, settings: Settings, book: AddressBook) -> str | None:
    """Why the token must not go to this API address, or None. It goes only over https
    (plain http to a loopback test server with --allow-private), and never to a private
    address unless --allow-private: the same guard as every other request."""
    try:
        parts = urlsplit(api)
        host = parts.hostname or ""
    except ValueError:
        return "not a URL"
    private = await book.private(host) if host else True
    if private and not settings.allow_private:
        return "a private, loopback or link-local address (use --allow-private)"
    if parts.scheme != "https" and not (parts.scheme == "http" and private and settings.allow_private):
        return "not https"
    return None


async def _papers(urls: list[str], settings: Settings, book: AddressBook, recorder: Recorder) -> dict[str, RepoInfo]:
    """URL -> what the arXiv API says of the paper, the Hugging Face API of the model or
    dataset, PyPI, npm or crates.io of the package, or Crossref or bioRxiv of the paper
    named by its DOI, for those links among ``urls``; those they could not answer for are
    counted in ``recorder``, with the first reason."""
    ids, models, packages, dois = arxiv_ids(urls), hf_ids(urls), package_ids(urls), doi_ids(urls)
    if not ids and not models and not packages and not dois:
        return {}
    crossref = os.environ.get("AWESOMELINT_CROSSREF_API") or CROSSREF_API
    biorxiv = os.environ.get("AWESOMELINT_BIORXIV_API") or BIORXIV_API
    arxiv_api = os.environ.get("AWESOMELINT_ARXIV_API") or ARXIV_API
    hf_api = os.environ.get("AWESOMELINT_HF_API") or HF_API
    package_apis = {
        registry: os.environ.get(f"AWESOMELINT_{registry.upper().replace('.', '_')}_API") or api
        for registry, api in PACKAGE_APIS.items()
    }  # AWESOMELINT_PYPI_API, AWESOMELINT_NPM_API, AWESOMELINT_CRATES_IO_API
    async with pinned_client(book, timeout=settings.timeout, headers={"User-Agent": USER_AGENT}) as client:
        papers, paper_failure = await fetch_papers(client, list(ids.values()), arxiv_api) if ids else ({}, "")
        found, model_failure = await fetch_models(client, list(models.values()), hf_api) if models else ({}, "")
        read, package_failure = (
            await fetch_packages(client, list(packages.values()), package_apis) if packages else ({}, "")
        )
        published, doi_failure = await fetch_dois(client, list(dois.values()), crossref, biorxiv) if dois else ({}, "")
    described = {url: papers[paper] for url, paper in ids.items() if paper in papers}
    described |= {url: found[path] for url, path in models.items() if path in found}
    described |= {url: read[package] for url, package in packages.items() if package in read}
    described |= {url: published[paper] for url, paper in dois.items() if paper in published}
    missing = (
        (len(ids) - sum(1 for p in ids.values() if p in papers) if paper_failure else 0)
        + (len(models) - sum(1 for p in models.values() if p in found) if model_failure else 0)
        + (len(packages) - sum(1 for p in packages.values() if p in read) if package_failure else 0)
        + (len(dois) - sum(1 for p in dois.values() if p in published) if doi_failure else 0)
    )
    recorder.papers_missing = missing
    recorder.papers_failure = paper_failure or model_failure or package_failure or doi_failure
    return described


def _show_progress(progress: bool | None) -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI") if progress is None else progress


async def _check(
    urls: list[str],
    settings: Settings,
    github_api: str | None,
    bar: bool,
    recorder: Recorder,
    progress_every: float,
    own_repos: tuple[tuple[str, str], ...] = (),
    api_only: frozenset[str] = frozenset(),
    papers: bool = False,
    pool: WorkerPool | None = None,
) -> None:
    """Check every URL, each verdict going to `recorder` as it finishes; those of
    ``api_only`` through the GitHub API alone, never the page checker. With ``papers``
    (off-topic runs), arXiv papers' categories and Hugging Face models' tags are read from
    their APIs and kept with their pages' verdicts. With ``pool``, the pages are checked
    in its worker processes."""
    token = os.environ.get("GITHUB_TOKEN")
    repos = repo_urls(urls) if token else {}
    own = list(dict.fromkeys(own_repos)) if token else []
    if own_repos and not token:
        recorder.repositories.update({f"{o}/{n}": "GITHUB_TOKEN is not set" for o, n in own_repos})
    api = github_api or os.environ.get("AWESOMELINT_GITHUB_API") or DEFAULT_API
    book = AddressBook(settings.allow_private)
    refusal = await _token_refusal(api, settings, book) if repos or own else None
    if refusal:
        sys.stderr.write(
            f"awesomelint: GITHUB_TOKEN not sent to {api}: {refusal}; GitHub links checked without the API\n"
        )
        recorder.repositories.update({f"{o}/{n}": f"GITHUB_TOKEN not sent to {api}" for o, n in own})
        repos, own = {}, []
    if (repos or own) and token:
        async with pinned_client(book, timeout=settings.timeout, headers={"User-Agent": USER_AGENT}) as client:
            for verdict in (await check_repos(client, token, repos, api)).values():
                recorder.add(verdict)
            recorder.repositories.update(await fetch_metadata(client, token, own, api))
    rest = [u for u in urls if u not in recorder.done and u not in api_only]
    if pool is not None and pool.sent:  # each link sent early gets its verdict read, whatever came since
        known = set(rest)
        rest += [u for u in pool.sent if u not in known]
    described = await _papers(rest, settings, book, recorder) if papers else {}
    progress = (ProgressBar if bar else ProgressLines)(rest, every=progress_every)

    def done(verdict: Verdict) -> None:
        if verdict.url in described:
            verdict = replace(verdict, repo=described[verdict.url])
        recorder.add(verdict)
        progress.advance(verdict.url)

    async with progress:
        if pool is not None:
            await pool.run(rest, settings, done)
        else:
            await Checker(settings, on_done=done).check_all(rest)
