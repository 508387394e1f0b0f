"""dead-link: a link that answers 404 or 410, or whose host does not resolve.

Read from a link-check run (`awesomelint links` or `check --online`); without one it says nothing."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity
from ..links.verdict import DEAD


@rule(
    "dead-link",
    summary="A link that answers 404 or 410, or whose host does not resolve.",
    severity=Severity.ERROR,
    fix=FixAvailability.NONE,
    bad="[code](https://github.com/someone/deleted-repo)",
    good="[code](https://github.com/someone/live-repo)",
    online=True,
)
def dead_link(ctx: Context) -> Iterator[Finding]:
    """A dead link is the most visible rot in a curated list: the reader followed the
    list's advice and got nothing. Only definite answers count: 404, 410 or a host that
    does not exist; anything flaky is link-error instead."""
    for link, verdict in ctx.links_judged(DEAD):
        entry = ctx.entry_at(link.start)
        yield ctx.finding(
            link.start, link.end, f"{link.url} is dead ({verdict.detail}), linked as '{link.text}'", entry=entry
        )
