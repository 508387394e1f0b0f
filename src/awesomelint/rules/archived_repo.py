"""archived-repo: a link to a GitHub repository that is archived (read-only, unmaintained).

Read from a link-check run, which asks GitHub's API (needs GITHUB_TOKEN)."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity
from ..links.verdict import ARCHIVED


@rule(
    "archived-repo",
    summary="A link to a GitHub repository that is archived (read-only, unmaintained).",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [tool](https://github.com/org/archived-tool) - still listed as current",
    good="- [tool](https://github.com/org/maintained-fork)",
    online=True,
)
def archived_repo(ctx: Context) -> Iterator[Finding]:
    """An archived repository gets no fixes; a list that recommends it should say so or
    point to a maintained fork. Needs GITHUB_TOKEN (checked in batches via the API)."""
    for link, _verdict in ctx.links_judged(ARCHIVED):
        entry = ctx.entry_at(link.start)
        yield ctx.finding(
            link.start, link.end, f"{link.url} is an archived repository, linked as '{link.text}'", entry=entry
        )
