"""What checking one URL concluded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final, Literal

OK: Final = "ok"
DEAD: Final = "dead"  # 404, 410, a host that does not resolve
REDIRECT: Final = "redirect"  # a permanent redirect chain
ERROR: Final = "error"  # timeouts, TLS, loops, 5xx/429 that outlast the retries
BOT_WALL: Final = "bot-wall"  # refused as a bot: unverified, not dead
ARCHIVED: Final = "archived"  # a GitHub repository that is archived
REFUSED: Final = "refused"  # not checked: private address, not http(s)


VerdictKind = Literal["ok", "dead", "redirect", "error", "bot-wall", "archived", "refused"]


@dataclass(frozen=True)
class RepoInfo:
    """What a linked thing says it is: a GitHub repository, read in the same GraphQL
    batch as its archived flag, for off-topic (what it is) and stale-entry (its last
    push); an arXiv paper (its categories, title and abstract), a Hugging Face model
    (its tags), a package page (its summary, classifiers, keywords), for off-topic."""

    language: str | None = None  # primaryLanguage, None when GitHub names none
    topics: tuple[str, ...] = ()
    description: str = ""
    pushed_at: str | None = None  # ISO 8601, as GitHub writes it
    # or "arXiv": topics are then its categories, the primary first, description its title and abstract;
    # "Hugging Face", "PyPI", "npm", "crates.io": topics its tags (classifiers, keywords), description its summary
    source: str = "GitHub"

    def to_json(self) -> str:
        return json.dumps([self.language, list(self.topics), self.description, self.pushed_at, self.source])

    @classmethod
    def from_json(cls, text: str | None) -> RepoInfo | None:
        """Back from the cache; None for anything that is not what `to_json` wrote."""
        if not text:
            return None
        try:
            language, topics, description, pushed_at, *rest = json.loads(text)
        except (ValueError, TypeError):
            return None
        source = rest[0] if rest else "GitHub"
        if not (
            (language is None or isinstance(language, str))
            and isinstance(topics, list)
            and all(isinstance(t, str) for t in topics)
            and isinstance(description, str)
            and (pushed_at is None or isinstance(pushed_at, str))
            and isinstance(source, str)
            and len(rest) <= 1
        ):
            return None
        return cls(language, tuple(topics), description, pushed_at, source)


@dataclass
class Verdict:
    url: str
    kind: VerdictKind
    status: int | None = None
    final_url: str | None = None
    detail: str = ""
    cached: bool = False
    repo: RepoInfo | None = None  # a GitHub repository's own metadata, when the API was asked
