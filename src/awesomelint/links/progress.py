"""How a link run shows it is alive: a bar on a terminal, a line every few seconds elsewhere.

Both name the hosts holding the run up — those with the most links still pending — since
that is what a maintainer watching a slow run wants to know (the hosts that finished
most say nothing about why it is slow). In CI there is no terminal, so a line goes to
stderr every ``every`` seconds: a stuck job is visibly stuck, and on which host.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

SHOWN_HOSTS = 3


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "?").lower()
    except ValueError:
        return "?"


class _Progress:
    def __init__(self, urls: list[str], every: float = 10.0):
        self.total = len(urls)
        self.done = 0
        self.every = every
        self.started = time.monotonic()
        self.pending: Counter[str] = Counter(_host(u) for u in urls)

    def advance(self, url: str) -> None:
        self.done += 1
        host = _host(url)
        self.pending[host] -= 1
        if self.pending[host] <= 0:
            del self.pending[host]

    def holding_up(self) -> str:
        """The hosts with the most links still to check, with their counts."""
        return ", ".join(f"{host} {count}" for host, count in self.pending.most_common(SHOWN_HOSTS))

    async def __aenter__(self) -> _Progress:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class ProgressLines(_Progress):
    """A line on stderr every `every` seconds while the run lasts (none for a short run)."""

    async def __aenter__(self) -> ProgressLines:
        self._ticker = asyncio.ensure_future(self._tick())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._ticker.cancel()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            waiting = self.holding_up()
            sys.stderr.write(
                f"awesomelint: links {self.done}/{self.total} checked after "
                f"{time.monotonic() - self.started:.0f}s" + (f"; most pending on {waiting}" if waiting else "") + "\n"
            )
            sys.stderr.flush()


class ProgressBar(_Progress):
    """A rich progress bar (imported only here: a plain run never loads rich)."""

    async def __aenter__(self) -> ProgressBar:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn("checking links"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("waiting on {task.fields[hosts]}"),
            TimeElapsedColumn(),
            transient=True,
        )
        self._bar.__enter__()
        self._task = self._bar.add_task("links", total=self.total, hosts=self.holding_up())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._bar.__exit__(None, None, None)

    def advance(self, url: str) -> None:
        super().advance(url)
        self._bar.update(self._task, advance=1, hosts=self.holding_up())
