"""stale-entry: a linked GitHub repository with no push for a long time (online)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity
from ..links.verdict import OK
from ..model.entries import entry_name, entry_of_offset

DAYS_A_MONTH = 30.44


def months_since(stamp: str, now: datetime) -> float | None:
    """Months from an ISO 8601 time (GitHub's ``pushedAt``) to ``now``; None when it is
    not one."""
    try:
        then = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except (ValueError, TypeError):
        return None
    if then.tzinfo is None:
        then = then.replace(tzinfo=timezone.utc)
    return (now - then).total_seconds() / 86400 / DAYS_A_MONTH


@rule(
    "stale-entry",
    summary="A linked GitHub repository with no push for `months` (default 24), unless the entry carries a marker the list uses for that.",
    severity=Severity.INFO,
    fix=FixAvailability.NONE,
    bad="- [tool](https://github.com/org/tool) - last pushed to years ago",
    good="- [tool](https://github.com/org/tool) - ⚠ unmaintained, kept for reference",
    online=True,
    options={"months": 24, "accept": ["⚠", "(unmaintained)"]},
)
def stale_entry(ctx: Context) -> Iterator[Finding]:
    """The check awesome-go and awesome-selfhosted make by hand: a repository nobody has
    pushed to for two years is often abandoned, and a reader deserves to know before
    adopting it. Read from the link-check run's GitHub GraphQL batch (the same query as
    archived-repo; needs GITHUB_TOKEN): each repository's last push. An info by default:
    some libraries are simply done. An entry already marked the way the list marks such
    entries (`accept`, default ⚠ and "(unmaintained)") is not reported; archived
    repositories are archived-repo's; a repository whose metadata could not be read is
    skipped (the run's summary says so once)."""
    months = float(ctx.option("months"))
    accept = [str(marker) for marker in ctx.option("accept") or ()]
    now = datetime.now(timezone.utc)
    for link, verdict in ctx.links_judged(OK):
        if verdict.repo is None or not verdict.repo.pushed_at:
            continue
        age = months_since(verdict.repo.pushed_at, now)
        if age is None or age < months:
            continue
        entry = entry_of_offset(ctx.entries, ctx.doc, link.start)
        if entry is not None and accept:
            source = ctx.doc.text[entry.start : ctx.doc.line_span(entry.end_line)[1]]
            if any(marker in source for marker in accept):
                continue
        yield ctx.finding(
            link.start,
            link.end,
            f"link '{link.text}' points to a GitHub repository with no push for {int(age)} months "
            f"(last {verdict.repo.pushed_at[:10]}); mark it as the list marks unmaintained entries, or drop it",
            entry=entry_name(entry),
        )
