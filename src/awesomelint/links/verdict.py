"""What checking one URL concluded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:  # the rules' context, for its type only: the checker does not need the rules
    from ..engine.context import Context
    from ..model.linkspans import Link

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


def link_verdicts(ctx: Context, kinds: tuple[str, ...]) -> Iterator[tuple[Link, Verdict]]:
    """The document's links (images aside) whose verdict in the context's link-check run
    is one of ``kinds``, each with its verdict: what dead-link, redirected-link,
    link-error and archived-repo report on. Without a run there are none."""
    results = ctx.link_run.verdicts
    for link in ctx.links:
        if link.kind == "image":
            continue
        verdict = results.get(link.url.strip())
        if verdict is not None and verdict.kind in kinds:
            yield link, verdict
