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
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

from ..engine.userpatterns import UserPattern
from ..errors import SIGNAL_EXIT, Interrupted
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

    @contextmanager
    def stopped_by_signals(self) -> Iterator[None]:
        """While the lists are parsed, SIGINT or SIGTERM stop the run as they stop it once
        it has begun: `Interrupted`, the workers' finished verdicts reaching the cache first."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def stop(signum: int, frame: FrameType | None) -> None:
            raise Interrupted(signum)

        previous = {signum: signal.signal(signum, stop) for signum in SIGNAL_EXIT}
        try:
            yield
        except Interrupted as interrupted:
            verdicts = self.pool.drain()
            if self.cache is not None:
                self.cache.put_many(verdicts)
            interrupted.done, interrupted.total = len(verdicts), len(self.pool.sent)
            raise
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
