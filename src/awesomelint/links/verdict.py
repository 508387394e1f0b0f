"""What checking one URL concluded."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rules' context, for its type only: the checker does not need the rules
    from ..registry import Context

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

    def to_row(self) -> dict:
        row = asdict(self)
        row.pop("cached")
        return row


def link_verdicts(ctx: Context, kinds: tuple[str, ...]):
    """The document's links (images aside) whose verdict in the context's link-check run
    is one of ``kinds``, each with its verdict: what dead-link, redirected-link,
    link-error and archived-repo report on. Without a run there are none."""
    results: dict[str, Verdict] = (ctx.data or {}).get("links", {})
    for link in ctx.links:
        if link.kind == "image":
            continue
        verdict = results.get(link.url.strip())
        if verdict is not None and verdict.kind in kinds:
            yield link, verdict
