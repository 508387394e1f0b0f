"""link-error: a link that could not be verified (timeouts, TLS errors, loops, 5xx or 429 past the retries).

Read from a link-check run; bot walls and links not checked at all are info notes."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity
from ..links.verdict import BOT_WALL, ERROR, REFUSED
from ..model.urls import host_of


@rule(
    "link-error",
    summary="A link that could not be verified: timeouts, TLS errors, loops, 5xx or 429 past the retries; bot walls as notes.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="[paper](https://slow.example.org/paper)  # timed out 3 times",
    good="[paper](https://doi.org/10.1000/xyz)",
    online=True,
)
def link_error(ctx: Context) -> Iterator[Finding]:
    """Some failures say nothing about the link: a server was slow, rate-limited us, or
    refused a non-browser (publishers such as nature.com do). Those are reported apart
    from dead links so a flaky night does not fail a build; bot walls are info only, and
    so are links not checked at all (a private or loopback address without
    --allow-private), so nobody takes them for checked."""
    for link, verdict in ctx.links_judged(ERROR, BOT_WALL, REFUSED):
        entry = ctx.entry_at(link.start)
        if verdict.kind == REFUSED:
            yield ctx.finding(
                link.start,
                link.end,
                f"{link.url} was not checked: {verdict.detail} (linked as '{link.text}')",
                severity=Severity.INFO,
                entry=entry,
            )
        elif verdict.kind == BOT_WALL:
            yield ctx.finding(
                link.start,
                link.end,
                f"{link.url} could not be verified: {host_of(link.url)} refuses bots (linked as '{link.text}')",
                severity=Severity.INFO,
                entry=entry,
            )
        else:
            yield ctx.finding(
                link.start,
                link.end,
                f"{link.url} could not be checked: {verdict.detail} (linked as '{link.text}')",
                entry=entry,
            )
