"""arXiv papers' categories and titles through the arXiv API, for off-topic's metadata.

One GET of ``/api/query?id_list=…`` answers up to BATCH papers as an Atom feed
(`<entry>` with `<id>`, `<title>`, `<summary>`, `<arxiv:primary_category term=…>` and a
`<category term=…>` per category, the primary first). The API's terms ask for no more
than one request every three seconds: batches are PAUSE apart. Asked only in a link-check
run (`--online`, `links`) that runs off-topic, through the same pinned client.
"""

from __future__ import annotations

import asyncio
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Awaitable, Callable

import httpx

from ..model.urls import paths_on
from .verdict import RepoInfo

DEFAULT_API = "https://export.arxiv.org/api/query"
BATCH = 50  # ids per request (the query stays a short URL)
PAUSE = 3.0  # seconds between requests, as arXiv's API terms ask
_HOSTS = {"arxiv.org", "export.arxiv.org"}
_PATH = re.compile(
    r"^/(?:abs|pdf)/(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"


def arxiv_ids(urls: list[str]) -> dict[str, str]:
    """The URLs that are an arXiv paper (abs or pdf page), with its id (no version)."""
    found = {}
    for url, path in paths_on(urls, _HOSTS):
        match = _PATH.match(path)
        if match:
            found[url] = match.group(1)
    return found


def _paper_id(text: str) -> str | None:
    """``http://arxiv.org/abs/2210.10439v1`` -> ``2210.10439``."""
    match = re.search(r"/abs/(.+?)(?:v\d+)?$", text.strip())
    return match.group(1) if match else None


def parse_feed(text: str) -> dict[str, RepoInfo] | None:
    """Paper id -> its categories (primary first), and its title and abstract (a line
    apart, as its description), from an Atom feed; None for anything that is not one. A document type is refused (no entities are expanded)."""
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        return None
    try:
        root = ElementTree.fromstring(text)
    except (ElementTree.ParseError, ValueError):
        return None
    if root.tag != f"{_ATOM}feed":
        return None
    papers: dict[str, RepoInfo] = {}
    for entry in root.findall(f"{_ATOM}entry"):
        paper = _paper_id(entry.findtext(f"{_ATOM}id") or "")
        if paper is None:
            continue  # the feed's answer to an id it does not know is an entry without one
        primary = entry.find(f"{_ARXIV}primary_category")
        categories = [primary.get("term", "")] if primary is not None else []
        categories += [c.get("term", "") for c in entry.findall(f"{_ATOM}category")]
        title = " ".join((entry.findtext(f"{_ATOM}title") or "").split())
        abstract = " ".join((entry.findtext(f"{_ATOM}summary") or "").split())
        topics = tuple(dict.fromkeys(c for c in categories if c))
        papers[paper] = RepoInfo(None, topics, f"{title}\n{abstract}".strip(), None, source="arXiv")
    return papers


async def fetch_papers(
    client: httpx.AsyncClient,
    ids: list[str],
    api: str = DEFAULT_API,
    pause: float = PAUSE,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> tuple[dict[str, RepoInfo], str]:
    """Paper id -> its metadata, and why some could not be read ("" when all were)."""
    found: dict[str, RepoInfo] = {}
    failure = ""
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), BATCH):
        if start:
            await sleep(pause)
        batch = unique[start : start + BATCH]
        try:
            response = await client.get(
                api, params={"id_list": ",".join(batch), "max_results": str(len(batch))}, follow_redirects=False
            )
            papers = parse_feed(response.text) if response.status_code == 200 else None
            reason = f"arXiv API answered HTTP {response.status_code}" if response.status_code != 200 else ""
        except httpx.HTTPError as exc:
            papers, reason = None, f"arXiv API failed ({type(exc).__name__})"
        if papers is None:
            failure = failure or reason or "arXiv API answered something that is not an Atom feed"
            continue
        found.update(papers)
    return found, failure
