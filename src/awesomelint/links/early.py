"""Links sent to the worker processes while the lists are still parsed.

A run over many files (a repository of lists) used to wait for the last file's parse
before its first request; the parse is about a second per 5,000 links. `EarlyFeed` is
told of each document as soon as it is read and sends the workers the links that are
sure to be checked by a page request: those not seen in an earlier file, not excluded,
not answered by the cache, and not set aside for the GitHub API batch (any GitHub
repository while a token is set: whether the API may have the token is only known once
the run starts). What it sends, `check_links` finds again in its own pass (so the
metadata steps and the progress count are what they were) and reads the workers'
verdicts for, with the rest.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..engine.userpatterns import UserPattern
from ..model.document import Document
from .cache import Cache
from .checker import Settings
from .github import repo_urls
from .run import cached_verdicts, urls_of
from .workers import WorkerPool


class EarlyFeed:
    """Sends each parsed document's new links to ``pool`` (its settings first)."""

    def __init__(
        self,
        pool: WorkerPool,
        settings: Settings,
        cache_path: str | None,
        exclude: Sequence[UserPattern],
        profile: bool,
        cache_max_age: float | None = None,
    ):
        self.pool, self.exclude, self.profile = pool, exclude, profile
        self.cache = Cache(cache_path, cache_max_age) if cache_path else None
        self.seen: set[str] = set()
        self.token = bool(os.environ.get("GITHUB_TOKEN"))
        pool.start(settings)

    def add(self, doc: Document, lines: set[int] | None) -> None:
        """Send the links of ``doc`` (on ``lines`` only, with --changed-since) that no
        earlier document had and that are sure to need a page request."""
        urls = [u for u in urls_of([doc], None if lines is None else {doc.path: lines}) if u not in self.seen]
        self.seen.update(urls)
        urls = [u for u in urls if not any(p.search(u) for p in self.exclude)]
        if self.token:
            repos = repo_urls(urls)
            urls = [u for u in urls if u not in repos]
        if self.cache is not None:
            answered = cached_verdicts(self.cache, urls, self.profile)
            urls = [u for u in urls if u not in answered]
        self.pool.send(urls)

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
