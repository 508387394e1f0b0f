"""redirected-link: a link that permanently redirects (301/308 or a renamed GitHub repository).

Read from a link-check run; the fix writes the final address, never a login page."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Fix, Severity
from ..links.verdict import REDIRECT
from ..model.linkspans import dest_edit
from ..model.urls import host_of, is_login, strip_www


def _same_site(a: str, b: str) -> bool:
    return strip_www(host_of(a)) == strip_www(host_of(b))


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
def redirected_link(ctx: Context) -> Iterator[Finding]:
    """A permanent redirect works today and breaks when the old address is given away;
    it also hides where the reader lands. The fix writes the final address: safe when it
    stays on the same site (http to https, a renamed repository), unsafe across sites,
    and never when the chain ends on a login or consent page."""
    for link, verdict in ctx.links_judged(REDIRECT):
        target = verdict.final_url or ""
        entry = ctx.entry_at(link.start)
        fix = None
        if target and not is_login(target):
            edit = dest_edit(ctx.doc, link, target)
            if edit:
                fix = (Fix.safe if _same_site(link.url, target) else Fix.unsafe)(edit)
        yield ctx.finding(
            link.start,
            link.end,
            f"{link.url} moved permanently to {target} ({verdict.detail}), linked as '{link.text}'",
            fix=fix,
            entry=entry,
        )
