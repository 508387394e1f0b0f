"""What ends a run early, in one line on stderr, never a traceback: bad input (exit 2), or
a link run stopped by a signal (130 or 143). Here, not beside the link checker, so the
command line catches both without importing httpx."""

from __future__ import annotations

import signal

SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}  # 128 + the signal's number, as shells report it


class InputError(Exception):
    """Unreadable input, bad configuration or bad usage: exit 2 with this message."""


class Interrupted(Exception):
    """SIGINT or SIGTERM stopped the run; the verdicts that finished are in the cache."""

    def __init__(self, signum: int, done: int = 0, total: int = 0):
        super().__init__(signal.Signals(signum).name)
        self.signum, self.done, self.total = signum, done, total

    @property
    def exit_code(self) -> int:
        return SIGNAL_EXIT.get(signal.Signals(self.signum), 128 + self.signum)

    def summary(self, cached: bool) -> str:
        kept = "; their verdicts are in the cache" if cached else ""
        return (
            f"awesomelint: interrupted by {signal.Signals(self.signum).name} after {self.done} of {self.total} links"
            f"{kept}"
        )
