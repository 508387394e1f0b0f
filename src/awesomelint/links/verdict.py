"""What checking one URL concluded."""

from __future__ import annotations

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


@dataclass
class Verdict:
    url: str
    kind: VerdictKind
    status: int | None = None
    final_url: str | None = None
    detail: str = ""
    cached: bool = False
