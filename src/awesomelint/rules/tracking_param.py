"""tracking-param: tracking parameters in a link (utm_*, fbclid, trk, ref=<site>, publisher referrers).

They make the same page look like two links and record where a reader came from; the fix
drops them and keeps every other parameter. A sponsor's attribution is kept."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Fix, Severity
from ..model.linkspans import Link, dest_edit, web_links
from ..model.title import list_names
from ..model.urls import host_of, join_query, split_query, squeezed, strip_www, tracking_params


@rule(
    "tracking-param",
    summary="Tracking parameters in a link (utm_*, fbclid, trk, ref=<site>, publisher referrers).",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe drops them and keeps every other parameter; unsafe for ref= in an API call",
    bad="[Paper](https://www.sciencedirect.com/science/article/pii/S2589750024000256?pes=vor&utm_source=chemport)",
    good="[Paper](https://www.sciencedirect.com/science/article/pii/S2589750024000256?pes=vor)",
    options={"extend-params": []},
)
def tracking_param(ctx: Context) -> Iterator[Finding]:
    """Tracking parameters record where a reader came from, make links long, and make
    the same page look like two different links to duplicate checks. Dropping them
    never changes the page; other parameters and the fragment are kept as written. A
    list's sponsor links are another matter: the owner is paid for the attribution they
    carry. A campaign that names the list (utm_campaign=awesome-go, or the repository the
    list links as its own) passes; the same set of campaign parameters on several links
    to one site is one sponsor's attribution, noted once and never stripped. A 'ref'
    inside an API call may be the API's parameter, so its fix is unsafe."""
    extra = ctx.option("extend-params") or []
    own_names = list_names(ctx.doc)
    tracked_links = []
    for link in web_links(ctx.links):
        base, params, fragment = split_query(link.url)
        tracked = tracking_params(params, extra)
        if tracked and not _names_the_list(tracked, own_names):
            tracked_links.append((link, base, params, fragment, tracked))
    campaigns = Counter(_campaign(link, tracked) for link, _, _, _, tracked in tracked_links)
    noted: set[tuple[str, frozenset[str]]] = set()
    for link, base, params, fragment, tracked in tracked_links:
        campaign = _campaign(link, tracked)
        if campaigns[campaign] >= SPONSOR_LINKS and any(p.lower().startswith("utm_") for p in tracked):
            if campaign not in noted:  # one note for the whole set, on its first link
                noted.add(campaign)
                shown = "&".join(sorted(campaign[1]))
                yield ctx.finding(
                    link.start,
                    link.end,
                    f"{campaigns[campaign]} links to {campaign[0]} carry the same campaign ({shown}): a sponsor's "
                    "attribution, kept as written",
                    severity=Severity.INFO,
                    entry=ctx.entry_at(link.start),
                )
            continue
        cleaned = join_query(base, [p for p in params if p not in tracked], fragment)
        edit = dest_edit(ctx.doc, link, cleaned)
        names = ", ".join(p.split("=", 1)[0] for p in tracked)
        entry = ctx.entry_at(link.start)
        api_ref = _API.search(base) and any(p.split("=", 1)[0].lower() in _REF_NAMES for p in tracked)
        fix = None if edit is None else Fix.unsafe(edit) if api_ref else Fix.safe(edit)
        note = "; in an API call, 'ref' may be the API's own parameter" if api_ref else ""
        yield ctx.finding(
            link.start,
            link.end,
            f"link '{link.text}' carries tracking parameters ({names}); drop them{note}",
            fix=fix,
            entry=entry,
        )


SPONSOR_LINKS = 3  # links to one site carrying the same campaign: a sponsor's attribution, not a pasted link
_API = re.compile(r"^[a-z]+://(?:api\.[^/]+|[^/]+/(?:[^?]*/)?api(?:/|$|\?))", re.I)
_REF_NAMES = {"ref", "ref_src", "ref_url"}


def _campaign(link: Link, tracked: list[str]) -> tuple[str, frozenset[str]]:
    """The site a link goes to and the tracking parameters it carries, values and all."""
    return strip_www(host_of(link.url)), frozenset(p.lower() for p in tracked)


def _names_the_list(tracked: list[str], own_names: frozenset[str]) -> bool:
    """utm_campaign=awesome-go in awesome-go: the list's own sponsor links say where their
    readers come from, with the sponsor's consent; that is attribution, not tracking."""
    values = [squeezed(p.partition("=")[2]) for p in tracked if p.lower().startswith("utm_")]
    return any(name in value for name in own_names for value in values)
