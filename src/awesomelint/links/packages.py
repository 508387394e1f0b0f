"""Package pages' summaries, classifiers and keywords (PyPI, npm, crates.io), for off-topic.

An entry that links a package page says what the package is in the registry's own words:

- PyPI, ``GET /pypi/{name}/json``: ``info.summary``, ``info.classifiers`` (the ``Topic ::``
  and ``Framework ::`` ones say what it is about: "Topic :: Scientific/Engineering ::
  Medical Science Apps.") and ``info.keywords`` (a string, comma- or space-separated);
- npm, ``GET /{name}/latest``: ``description`` and ``keywords`` (the latest version's
  package.json: the whole document ``/{name}`` of a popular package runs to megabytes);
- crates.io, ``GET /api/v1/crates/{name}``: ``crate.description``, ``crate.keywords`` and
  ``crate.categories`` ("science::bioinformatics").

Asked in a link-check run that runs off-topic, through the same pinned client; a few at a
time, crates.io one a second as its crawler policy asks. A failure (timeout, 403, 429, an
answer in another shape) leaves the entries concerned to the words, and is said once.
No language is claimed: a package on PyPI may be written in Rust, one on npm in
TypeScript, and a wrong language would be evidence.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import quote

import httpx

from ..model.urls import paths_on
from .apiget import read
from .verdict import RepoInfo

DEFAULT_APIS = {
    "PyPI": "https://pypi.org/pypi",
    "npm": "https://registry.npmjs.org",
    "crates.io": "https://crates.io/api/v1/crates",
}
AT_ONCE = 4  # requests in flight to PyPI and npm
CRATES_PAUSE = 1.0  # seconds between requests to crates.io (its crawler policy: one a second)
MAX_TOPICS = 20
_NAME = re.compile(r"^[A-Za-z0-9][\w.-]*$")
_SUBJECT_CLASSIFIERS = ("Topic ::", "Framework ::")
_PAGES = (
    ("PyPI", ("pypi.org",), re.compile(r"^/project/([^/]+)/?")),
    ("PyPI", ("pypi.python.org",), re.compile(r"^/pypi/([^/]+)/?")),
    ("npm", ("npmjs.com",), re.compile(r"^/package/((?:@[^/]+/)?[^/]+)/?")),
    ("crates.io", ("crates.io",), re.compile(r"^/crates/([^/]+)/?")),
)


@dataclass(frozen=True)
class Package:
    """One package of one registry."""

    registry: str  # "PyPI", "npm", "crates.io"
    name: str


def package_ids(urls: list[str]) -> dict[str, Package]:
    """The URLs that are a package's page on PyPI, npm or crates.io, with the package."""
    found: dict[str, Package] = {}
    for registry, hosts, path in _PAGES:
        for url, page in paths_on(urls, hosts):
            match = path.match(page)
            if not match:
                continue
            name = match.group(1)
            bare = name.split("/", 1)[1] if name.startswith("@") and "/" in name else name
            if _NAME.match(bare) and (not name.startswith("@") or _NAME.match(name[1:].split("/", 1)[0])):
                found[url] = Package(registry, name)
    return found


def _strings(value: object) -> list[str]:
    return [v.strip() for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _classifier_topic(classifier: str) -> str:
    """ "Topic :: Scientific/Engineering :: Medical Science Apps." -> "medical-science-apps"
    (the most specific part says the most)."""
    leaf = classifier.split("::")[-1]
    return "-".join(re.findall(r"[a-z0-9]+", leaf.lower()))


def _info(source: str, summary: str, topics: list[str]) -> RepoInfo | None:
    topics = [t for t in dict.fromkeys(topics) if t][:MAX_TOPICS]
    if not summary and not topics:
        return None
    return RepoInfo(None, tuple(topics), summary, None, source=source)


def parse_pypi(payload: object) -> RepoInfo | None:
    """PyPI's JSON: the summary as description, Topic/Framework classifiers and keywords
    as topics; None for an answer in another shape."""
    if not isinstance(payload, dict) or not isinstance(payload.get("info"), dict):
        return None
    info = payload["info"]
    classifiers = [
        _classifier_topic(c) for c in _strings(info.get("classifiers")) if c.startswith(_SUBJECT_CLASSIFIERS)
    ]
    keywords = info.get("keywords")
    words = _strings(keywords) if isinstance(keywords, list) else re.split(r"[,;\s]+", _text(keywords))
    return _info("PyPI", _text(info.get("summary")), classifiers + [w.lower() for w in words if w])


def parse_npm(payload: object) -> RepoInfo | None:
    """npm's package.json of the latest version: description, keywords."""
    if not isinstance(payload, dict):
        return None
    return _info("npm", _text(payload.get("description")), [k.lower() for k in _strings(payload.get("keywords"))])


def parse_crate(payload: object) -> RepoInfo | None:
    """crates.io's crate: description, keywords, categories ("science::bioinformatics" ->
    "bioinformatics")."""
    if not isinstance(payload, dict) or not isinstance(payload.get("crate"), dict):
        return None
    crate = payload["crate"]
    categories = [c.split("::")[-1] for c in _strings(crate.get("categories"))]
    return _info("crates.io", _text(crate.get("description")), _strings(crate.get("keywords")) + categories)


_PARSERS = {"PyPI": parse_pypi, "npm": parse_npm, "crates.io": parse_crate}


def api_url(package: Package, apis: dict[str, str]) -> str:
    base = apis[package.registry].rstrip("/")
    if package.registry == "PyPI":
        return f"{base}/{quote(package.name, safe='')}/json"
    if package.registry == "npm":
        return f"{base}/{quote(package.name, safe='@')}/latest"  # "@scope%2Fname", as the registry asks
    return f"{base}/{quote(package.name, safe='')}"


async def fetch_packages(
    client: httpx.AsyncClient,
    packages: list[Package],
    apis: dict[str, str] | None = None,
    pause: float = CRATES_PAUSE,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> tuple[dict[Package, RepoInfo], str]:
    """Package -> its metadata, and why some could not be read ("" when all were)."""
    apis = {**DEFAULT_APIS, **(apis or {})}
    found: dict[Package, RepoInfo] = {}
    failures: list[str] = []
    gate = asyncio.Semaphore(AT_ONCE)
    crates_turn = asyncio.Lock()  # crates.io: one request at a time, a pause between them
    crates_asked: list[Package] = []

    async def one(package: Package) -> None:
        if package.registry == "crates.io":
            async with crates_turn:
                if crates_asked:
                    await sleep(pause)
                crates_asked.append(package)
                await ask(package)
        else:
            async with gate:
                await ask(package)

    async def ask(package: Package) -> None:
        info = await read(client, api_url(package, apis), package.registry, failures, _PARSERS[package.registry])
        if info is not None:
            found[package] = info

    await asyncio.gather(*(one(package) for package in dict.fromkeys(packages)))
    return found, failures[0] if failures else ""
