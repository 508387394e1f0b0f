"""One GET to a metadata API (Hugging Face, the package registries, Crossref, bioRxiv) read into what it says.

Why one place: every source must fail the same way. No connection, an HTTP status other
than 200, or an answer in another shape is a reason, kept for the run's summary (said
once: the entries concerned are judged on their words alone); a 404 is silence — the
thing is gone, which is dead-link's business, not a failure of the source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

T = TypeVar("T")


async def read(
    client: httpx.AsyncClient,
    url: str,
    source: str,
    failures: list[str],
    parse: Callable[[Any], T | None],
    params: Mapping[str, str] | None = None,
) -> T | None:
    """``parse`` of the JSON answer to a GET of ``url`` (redirects not followed), or None:
    after a 404 silently, otherwise with the reason added to ``failures`` ("{source} API
    answered HTTP 429"). ``parse`` returns None for an answer in a shape it does not know."""
    try:
        response = await client.get(url, params=params, follow_redirects=False)
    except httpx.HTTPError as exc:
        failures.append(f"{source} API failed ({type(exc).__name__})")
        return None
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        failures.append(f"{source} API answered HTTP {response.status_code}")
        return None
    try:
        found = parse(response.json())
    except ValueError:  # not JSON
        found = None
    if found is None:
        failures.append(f"{source} API answered in an unknown shape")
    return found
