"""The online link rules: they read the verdicts of one link-check run (`awesomelint links`
or `check --online`) from the context; without a run they have nothing to say."""

from __future__ import annotations

from ..findings import Fix, Severity
from ..links.verdict import ARCHIVED, BOT_WALL, DEAD, ERROR, REDIRECT, REFUSED, Verdict
from ..linkspans import dest_edit
from ..registry import AWESOME, Context, FixAvailability, rule
from ..urls import host_of, is_login, strip_www


def _verdicts(ctx: Context, kinds: tuple[str, ...]):
    results: dict[str, Verdict] = (ctx.data or {}).get("links", {})
    for link in ctx.links:
        if link.kind == "image":
            continue
        verdict = results.get(link.url.strip())
        if verdict is not None and verdict.kind in kinds:
            yield link, verdict


def _same_site(a: str, b: str) -> bool:
    return strip_www(host_of(a)) == strip_www(host_of(b))


@rule(
    "dead-link",
    summary="A link that answers 404 or 410, or whose host does not resolve.",
    severity=Severity.ERROR,
    fix=FixAvailability.NONE,
    bad="[code](https://github.com/someone/deleted-repo)",
    good="[code](https://github.com/someone/live-repo)",
    online=True,
)
def dead_link(ctx: Context):
    """A dead link is the most visible rot in a curated list: the reader followed the
    list's advice and got nothing. Only definite answers count: 404, 410 or a host that
    does not exist; anything flaky is link-error instead."""
    for link, verdict in _verdicts(ctx, (DEAD,)):
        entry = ctx.entry_at(link.start)
        yield ctx.finding(link.start, link.end, f"link '{link.text}' is dead ({verdict.detail})", entry=entry)


@rule(
    "redirected-link",
    summary="A link that permanently redirects (301/308 or a renamed GitHub repository).",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe on the same site or a known move; unsafe elsewhere; never to a login page",
    bad="[code](http://github.com/old-name/repo)",
    good="[code](https://github.com/new-name/repo)",
    online=True,
)
def redirected_link(ctx: Context):
    """A permanent redirect works today and breaks when the old address is given away;
    it also hides where the reader lands. The fix writes the final address: safe when it
    stays on the same site (http to https, a renamed repository), unsafe across sites,
    and never when the chain ends on a login or consent page."""
    for link, verdict in _verdicts(ctx, (REDIRECT,)):
        target = verdict.final_url or ""
        entry = ctx.entry_at(link.start)
        fix = None
        if target and not is_login(target):
            edit = dest_edit(ctx.doc, link, target)
            if edit:
                fix = (Fix.safe if _same_site(link.url, target) else Fix.unsafe)(edit)
        yield ctx.finding(link.start, link.end, f"link '{link.text}' moved permanently to {target} ({verdict.detail})",
                          fix=fix, entry=entry)


@rule(
    "link-error",
    summary="A link that could not be verified: timeouts, TLS errors, loops, 5xx or 429 past the retries; bot walls as notes.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="[paper](https://slow.example.org/paper)  # timed out 3 times",
    good="[paper](https://doi.org/10.1000/xyz)",
    online=True,
)
def link_error(ctx: Context):
    """Some failures say nothing about the link: a server was slow, rate-limited us, or
    refused a non-browser (publishers such as nature.com do). Those are reported apart
    from dead links so a flaky night does not fail a build; bot walls are info only, and
    so are links not checked at all (a private or loopback address without
    --allow-private), so nobody takes them for checked."""
    for link, verdict in _verdicts(ctx, (ERROR, BOT_WALL, REFUSED)):
        entry = ctx.entry_at(link.start)
        if verdict.kind == REFUSED:
            yield ctx.finding(link.start, link.end, f"link '{link.text}' was not checked: {verdict.detail}",
                              severity=Severity.INFO, entry=entry)
        elif verdict.kind == BOT_WALL:
            yield ctx.finding(link.start, link.end, f"link '{link.text}' could not be verified: {host_of(link.url)} refuses bots",
                              severity=Severity.INFO, entry=entry)
        else:
            yield ctx.finding(link.start, link.end, f"link '{link.text}' could not be checked: {verdict.detail}",
                              entry=entry)


@rule(
    "archived-repo",
    summary="A link to a GitHub repository that is archived (read-only, unmaintained).",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [tool](https://github.com/org/archived-tool) - still listed as current",
    good="- [tool](https://github.com/org/maintained-fork)",
    online=True,
)
def archived_repo(ctx: Context):
    """An archived repository gets no fixes; a list that recommends it should say so or
    point to a maintained fork. Needs GITHUB_TOKEN (checked in batches via the API)."""
    for link, _verdict in _verdicts(ctx, (ARCHIVED,)):
        entry = ctx.entry_at(link.start)
        yield ctx.finding(link.start, link.end, f"link '{link.text}' points to an archived repository", entry=entry)


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
def repo_metadata(ctx: Context):
    """sindresorhus/awesome lists a repository by what GitHub shows about it: a
    description, the awesome and awesome-list topics (they put the list in GitHub's
    awesome search), and a license GitHub recognises. Read through the GitHub API
    with GITHUB_TOKEN, for the repository the list's folder belongs to (its 'origin'
    remote, or $GITHUB_REPOSITORY in Actions; the `repository` option names it)."""
    known = (ctx.data or {}).get("repository")
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
        yield ctx.finding(start, end, f"{metadata.name} lacks the GitHub topic{'s' if len(missing) > 1 else ''} "
                          + " and ".join(f"'{t}'" for t in missing))
    if metadata.license is None:
        yield ctx.finding(start, end, f"GitHub detects no license in {metadata.name}")
