"""repo-metadata: the list's own GitHub repository lacks a description, the awesome topics or a license.

Read through GitHub's API by a link-check run (profile awesome, online)."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Finding, Severity

_TOPICS = ("awesome", "awesome-list")


@rule(
    "repo-metadata",
    summary="The list's own GitHub repository has no description, lacks the awesome and awesome-list topics, or has no license GitHub detects.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="# Awesome Things\n\n(repository: no description, topics: none)",
    good="# Awesome Things\n\n(repository: 'Curated things', topics: awesome, awesome-list; license CC0-1.0)",
    online=True,
    profile=AWESOME,
    options={"repository": None},
)
def repo_metadata(ctx: Context) -> Iterator[Finding]:
    """sindresorhus/awesome lists a repository by what GitHub shows about it: a
    description, the awesome and awesome-list topics (they put the list in GitHub's
    awesome search), and a license GitHub recognises. Read through the GitHub API
    with GITHUB_TOKEN, for the repository the list's folder belongs to (its 'origin'
    remote, or $GITHUB_REPOSITORY in Actions; the `repository` option names it)."""
    known = ctx.link_run.repository
    if not known:
        return
    name, metadata = known
    start, end = ctx.doc.line_span(1)
    if metadata is None:
        return
    if isinstance(metadata, str):
        yield ctx.finding(start, end, f"{name}: repository metadata not read ({metadata})", severity=Severity.INFO)
        return
    if not metadata.description.strip():
        yield ctx.finding(start, end, f"{metadata.name} has no description on GitHub")
    missing = [t for t in _TOPICS if t not in metadata.topics]
    if missing:
        yield ctx.finding(
            start,
            end,
            f"{metadata.name} lacks the GitHub topic{'s' if len(missing) > 1 else ''} "
            + " and ".join(f"'{t}'" for t in missing),
        )
    if metadata.license is None:
        yield ctx.finding(start, end, f"GitHub detects no license in {metadata.name}")
