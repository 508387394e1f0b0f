"""What checking one URL concluded."""

from __future__ import annotations

from dataclasses import dataclass

OK = "ok"
DEAD = "dead"  # 404, 410, a host that does not resolve
REDIRECT = "redirect"  # a permanent redirect chain
ERROR = "error"  # timeouts, TLS, loops, 5xx/429 that outlast the retries
BOT_WALL = "bot-wall"  # refused as a bot: unverified, not dead
ARCHIVED = "archived"  # a GitHub repository that is archived
REFUSED = "refused"  # not checked: private address, not http(s)


@dataclass
class Verdict:
    url: str
    kind: str
    status: int | None = None
    final_url: str | None = None
    detail: str = ""
    cached: bool = False
