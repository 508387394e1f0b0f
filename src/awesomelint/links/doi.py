"""Publishers' and preprint servers' own metadata for papers linked by DOI, for off-topic.

A paper's link often carries its DOI: ``doi.org/10.1038/s41591-023-02354-1``, or a
publisher's article page whose path holds it (nature.com/articles/{id} is 10.1038/{id};
bioRxiv and medRxiv's ``/content/10.1101/…``; Springer, Wiley, ACM, ACS, IOP, Frontiers,
PLOS, Taylor & Francis, SAGE under ``/doi/`` or ``/article/``). What the paper is about
is then said by those who published it:

- Crossref, ``GET /works?filter=doi:A,doi:B,…&rows=N``: the filter repeated ORs the DOIs,
  so one request answers a batch (Crossref's documentation; its polite pool serves list
  queries a few at a time, so batches go one after another). Each item's ``title``,
  ``container-title`` (the journal: "Radiology", "Modern Pathology"), ``subject`` where
  the publisher gave one, ``group-title`` (a posted preprint's category) and ``abstract``
  where given (JATS markup, stripped);
- bioRxiv and medRxiv, ``GET https://api.biorxiv.org/details/{server}/{doi}``: the
  preprint's ``category`` ("pathology", "radiology and imaging", "bioinformatics"), its
  title and abstract; asked for the servers' own pages, a few at a time.

The journal, the subjects and the category are category evidence like a repository's
topics, each one whole ("radiology and imaging" is one category, not three words); the
title and abstract are the paper's description. A failure (timeout, 429, an answer in
another shape) leaves the entries concerned to the words, and is said once.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import httpx

from ..model.urls import paths_on
from .apiget import read
from .verdict import RepoInfo

CROSSREF_API = "https://api.crossref.org/works"
BIORXIV_API = "https://api.biorxiv.org/details"
BATCH = 20  # DOIs per Crossref request: the query stays a short URL
PAUSE = 1.0  # seconds between Crossref batches (list queries are the expensive kind)
AT_ONCE = 2  # bioRxiv/medRxiv requests in flight
MAX_TOPICS = 8
_DOI = re.compile(r"^(10\.\d{4,9}/[^\s?#]+)$")
_VERSION = re.compile(r"(v\d+)?(\.full(\.pdf)?|\.abstract|\.full-text|\.supplementary-material)?/?$")
# (hosts, path pattern whose group 1 is the DOI or, with a prefix, its suffix)
_PAGES: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = (
    (("doi.org", "dx.doi.org"), re.compile(r"^/(10\.\d{4,9}/.+)$"), ""),
    (("nature.com",), re.compile(r"^/articles/([a-z0-9][\w.-]+?)(?:\.pdf)?/?$", re.I), "10.1038/"),
    (("biorxiv.org", "medrxiv.org"), re.compile(r"^/content/(10\.1101/.+)$"), ""),
    (
        (
            "link.springer.com",
            "onlinelibrary.wiley.com",
            "dl.acm.org",
            "pubs.acs.org",
            "iopscience.iop.org",
            "tandfonline.com",
            "journals.sagepub.com",
            "science.org",
            "pnas.org",
            "journals.plos.org",
            "frontiersin.org",
            "ahajournals.org",
            "nejm.org",
            "ai.nejm.org",
            "pubs.rsna.org",
            "mdpi.com",
        ),
        re.compile(r"^/(?:[\w-]+/)*?(10\.\d{4,9}(?:/|%2F).+?)(?:/full|/meta|/abstract|/pdf|\.pdf)?/?$", re.I),
        "",
    ),
)
_PREPRINT_SERVERS = {"biorxiv.org": "biorxiv", "medrxiv.org": "medrxiv"}
_MARKUP = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Paper:
    """One DOI, and the preprint server whose page was linked (None: ask Crossref)."""

    doi: str  # lower-cased: DOIs compare case-insensitively
    server: str | None = None  # "biorxiv", "medrxiv"


def _collection(payload: Any) -> dict[str, Any] | None:
    """bioRxiv's answer when it is in its shape (a "collection" list, perhaps empty)."""
    return payload if isinstance(payload, dict) and isinstance(payload.get("collection"), list) else None


def _clean(doi: str) -> str | None:
    doi = unquote(doi).rstrip("/.")
    match = _DOI.match(doi)
    return match.group(1).lower() if match else None


def doi_ids(urls: list[str]) -> dict[str, Paper]:
    """The URLs that name a paper by its DOI, with the paper."""
    found: dict[str, Paper] = {}
    for hosts, path, prefix in _PAGES:
        for url, page in paths_on(urls, hosts):
            match = path.match(page)
            if not match:
                continue
            server = next((s for h, s in _PREPRINT_SERVERS.items() if h in url.lower()), None)
            tail = _VERSION.sub("", match.group(1)) if server else match.group(1)
            doi = _clean(prefix + tail)
            if doi:
                found[url] = Paper(doi, server)
    return found


def _strings(value: object) -> list[str]:
    return [" ".join(v.split()) for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def _text(value: object) -> str:
    return " ".join(_MARKUP.sub(" ", value).split()) if isinstance(value, str) else ""


def _info(source: str, title: str, abstract: str, topics: list[str]) -> RepoInfo | None:
    topics = [t for t in dict.fromkeys(t.lower() for t in topics) if t][:MAX_TOPICS]
    if not title and not abstract and not topics:
        return None
    return RepoInfo(None, tuple(topics), f"{title}\n{abstract}".strip(), None, source=source)


def parse_crossref(payload: object) -> dict[str, RepoInfo] | None:
    """DOI (lower-cased) -> its metadata, from a ``/works`` list answer; None for an
    answer in another shape."""
    if not isinstance(payload, dict) or not isinstance(payload.get("message"), dict):
        return None
    items = payload["message"].get("items")
    if not isinstance(items, list):
        return None
    found: dict[str, RepoInfo] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("DOI"), str):
            continue
        topics = _strings(item.get("container-title"))[:1] + _strings(item.get("subject"))
        group = item.get("group-title")
        if isinstance(group, str) and group.strip():
            topics.append(" ".join(group.split()))
        title = " ".join(_strings(item.get("title"))[:1])
        info = _info("Crossref", title, _text(item.get("abstract")), topics)
        if info is not None:
            found[item["DOI"].lower()] = info
    return found


def parse_biorxiv(payload: object, server: str) -> RepoInfo | None:
    """A preprint's category, title and abstract from the bioRxiv/medRxiv details answer
    (its latest version: the last of ``collection``); None for another shape or no paper."""
    if not isinstance(payload, dict) or not isinstance(payload.get("collection"), list):
        return None
    versions = [v for v in payload["collection"] if isinstance(v, dict)]
    if not versions:
        return None
    latest = versions[-1]
    category = _text(latest.get("category"))
    source = "medRxiv" if server == "medrxiv" else "bioRxiv"
    return _info(source, _text(latest.get("title")), _text(latest.get("abstract")), [category] if category else [])


async def fetch_dois(
    client: httpx.AsyncClient,
    papers: list[Paper],
    crossref: str = CROSSREF_API,
    biorxiv: str = BIORXIV_API,
    pause: float = PAUSE,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> tuple[dict[Paper, RepoInfo], str]:
    """Paper -> its metadata, and why some could not be read ("" when all were)."""
    unique = list(dict.fromkeys(papers))
    found: dict[Paper, RepoInfo] = {}
    failures: list[str] = []

    async def crossref_batches() -> None:
        asked = [p for p in unique if p.server is None]
        for start in range(0, len(asked), BATCH):
            if start:
                await sleep(pause)
            batch = asked[start : start + BATCH]
            params = {"filter": ",".join(f"doi:{p.doi}" for p in batch), "rows": str(len(batch))}
            items = await read(client, crossref, "Crossref", failures, parse_crossref, params)
            if items is None:
                continue
            found.update({p: items[p.doi] for p in batch if p.doi in items})

    gate = asyncio.Semaphore(AT_ONCE)

    async def preprint(paper: Paper) -> None:
        server = paper.server or "biorxiv"
        async with gate:
            # an empty collection is an answer (no such preprint), not a failure of the source
            collection = await read(
                client, f"{biorxiv.rstrip('/')}/{server}/{paper.doi}", server, failures, _collection
            )
        info = parse_biorxiv(collection, server) if collection is not None else None
        if info is not None:
            found[paper] = info

    await asyncio.gather(crossref_batches(), *(preprint(p) for p in unique if p.server is not None))
    return found, failures[0] if failures else ""
