"""A SQLite cache of link verdicts, with an age limit per verdict.

Good links are trusted for days; failures are checked again on the next run. WAL mode
and a busy timeout let two runs share the file without corrupting it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from .verdict import ARCHIVED, BOT_WALL, OK, REDIRECT, RepoInfo, Verdict

# seconds a verdict stays fresh; kinds not listed are never reused
MAX_AGE = {OK: 3 * 86400, REDIRECT: 3 * 86400, ARCHIVED: 7 * 86400, BOT_WALL: 86400}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status INTEGER,
    final_url TEXT,
    detail TEXT,
    checked_at REAL NOT NULL,
    meta TEXT
)
"""


BUSY_SECONDS = 30.0


def _while_locked(statement: Callable[[], object]) -> None:
    """Run `statement`, retrying while another run holds the file. Switching a new file to
    WAL needs it alone, and SQLite reports "database is locked" at once instead of
    waiting out the busy timeout when two runs open it at the same moment."""
    deadline = time.monotonic() + BUSY_SECONDS
    pause = 0.01
    while True:
        try:
            statement()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


class Cache:
    def __init__(self, path: str | Path, max_age: float | None = None):
        """``max_age``: seconds a good verdict (a live link, a redirect) is reused, instead of 3 days."""
        self.max_age = dict(MAX_AGE) if max_age is None else {**MAX_AGE, OK: max_age, REDIRECT: max_age}
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), timeout=BUSY_SECONDS, isolation_level=None)
        _while_locked(lambda: self.db.execute("PRAGMA journal_mode=WAL"))
        self.db.execute(f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}")
        _while_locked(lambda: self.db.execute(_SCHEMA))
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(verdicts)")}
        if "meta" not in columns:  # a cache written before repositories' metadata was kept
            _while_locked(lambda: self.db.execute("ALTER TABLE verdicts ADD COLUMN meta TEXT"))

    def get(self, url: str, now: float | None = None) -> Verdict | None:
        row = self.db.execute(
            "SELECT kind, status, final_url, detail, checked_at, meta FROM verdicts WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return None
        kind, status, final_url, detail, checked_at, meta = row
        if (now or time.time()) - checked_at > self.max_age.get(kind, -1):
            return None
        return Verdict(url, kind, status, final_url, detail or "", cached=True, repo=RepoInfo.from_json(meta))

    def put_many(self, verdicts: list[Verdict], now: float | None = None) -> None:
        stamp = now or time.time()
        rows = [
            (v.url, v.kind, v.status, v.final_url, v.detail, stamp, v.repo.to_json() if v.repo else None)
            for v in verdicts
            if not v.cached
        ]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(
                "INSERT OR REPLACE INTO verdicts (url, kind, status, final_url, detail, checked_at, meta) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()


def default_path() -> Path:
    """The user's cache folder as the platform has it (platformdirs: $XDG_CACHE_HOME or
    ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows)."""
    from platformdirs import user_cache_path

    return user_cache_path("awesomelint", appauthor=False) / "links.sqlite3"
