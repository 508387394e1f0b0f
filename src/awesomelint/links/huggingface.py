"""Hugging Face models' and datasets' pipeline tag, tags and library, for off-topic.

``GET /api/models/{id}`` (``/api/datasets/{id}``) answers JSON with ``pipeline_tag``,
``tags`` and ``library_name``. Asked in a link-check run that runs off-topic, one request
a model, a few at a time, through the same pinned client as every other request.
"""

from __future__ import annotations

import asyncio
import re

import httpx

from ..model.urls import paths_on
from .apiget import read
from .verdict import RepoInfo

DEFAULT_API = "https://huggingface.co/api"
AT_ONCE = 4  # requests in flight to the API
_RESERVED = {"docs", "blog", "spaces", "papers", "api", "login", "join", "pricing", "models", "organizations"}
_NAME = re.compile(r"^[\w.-]+$")
_NOISE = re.compile(r"^(?:[a-z]{2}|[\w-]+:.*|endpoints_compatible|autotrain_compatible|safetensors|region:.*)$")


def hf_ids(urls: list[str]) -> dict[str, str]:
    """The URLs that are a model or dataset page, with its API path ("models/org/name",
    "datasets/org/name")."""
    found = {}
    for url, path in paths_on(urls, ["huggingface.co"]):
        parts = [p for p in path.split("/") if p]
        kind = "models"
        if parts[:1] == ["datasets"]:
            kind, parts = "datasets", parts[1:]
        if len(parts) < 2 or parts[0] in _RESERVED or not all(_NAME.match(p) for p in parts[:2]):
            continue
        found[url] = f"{kind}/{parts[0]}/{parts[1]}"
    return found


def parse_model(payload: object) -> RepoInfo | None:
    """A model's (or dataset's) pipeline tag first, then its tags without the noise
    (licences, regions, languages, "arxiv:…"), then its library, all as topics (no
    language: a library is not a programming language a GitHub list is written in).
    None for an answer in another shape."""
    if not isinstance(payload, dict):
        return None
    pipeline = payload.get("pipeline_tag")
    tags = payload.get("tags")
    library = payload.get("library_name")
    topics = [pipeline] if isinstance(pipeline, str) and pipeline else []
    if isinstance(tags, list):
        topics += [t for t in tags if isinstance(t, str) and t and not _NOISE.match(t)]
    if isinstance(library, str) and library:
        topics.append(library)
    if not topics:
        return None
    return RepoInfo(None, tuple(dict.fromkeys(topics)), "", None, source="Hugging Face")


async def fetch_models(
    client: httpx.AsyncClient, paths: list[str], api: str = DEFAULT_API
) -> tuple[dict[str, RepoInfo], str]:
    """API path -> its metadata, and why some could not be read ("" when all were)."""
    found: dict[str, RepoInfo] = {}
    failures: list[str] = []
    gate = asyncio.Semaphore(AT_ONCE)

    async def one(path: str) -> None:
        async with gate:
            info = await read(client, f"{api.rstrip('/')}/{path}", "Hugging Face", failures, parse_model)
        if info is not None:
            found[path] = info

    await asyncio.gather(*(one(path) for path in dict.fromkeys(paths)))
    return found, failures[0] if failures else ""
