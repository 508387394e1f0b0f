"""URL hygiene: tracking parameters, link shorteners and plain http."""

from __future__ import annotations

import re
from collections import Counter

from .. import data
from ..findings import Fix, Severity
from ..headings import list_names
from ..links.verdict import OK, REDIRECT
from ..linkspans import dest_edit
from ..registry import Context, FixAvailability, rule
from ..urls import (
    host_matches,
    host_of,
    https_counterpart,
    is_login,
    join_query,
    split_query,
    squeezed,
    strip_www,
    tracking_params,
)


def _web_links(ctx: Context):
    for link in ctx.links:
        if link.kind != "image" and link.url.lower().startswith(("http://", "https://")):
            yield link


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
def tracking_param(ctx: Context):
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
    for link in _web_links(ctx):
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
                    link.start, link.end,
                    f"{campaigns[campaign]} links to {campaign[0]} carry the same campaign ({shown}): a sponsor's "
                    "attribution, kept as written", severity=Severity.INFO, entry=ctx.entry_at(link.start))
            continue
        cleaned = join_query(base, [p for p in params if p not in tracked], fragment)
        edit = dest_edit(ctx.doc, link, cleaned)
        names = ", ".join(p.split("=", 1)[0] for p in tracked)
        entry = ctx.entry_at(link.start)
        api_ref = _API.search(base) and any(p.split("=", 1)[0].lower() in _REF_NAMES for p in tracked)
        fix = None if edit is None else Fix.unsafe(edit) if api_ref else Fix.safe(edit)
        note = "; in an API call, 'ref' may be the API's own parameter" if api_ref else ""
        yield ctx.finding(
            link.start, link.end, f"link '{link.text}' carries tracking parameters ({names}); drop them{note}",
            fix=fix, entry=entry,
        )


SPONSOR_LINKS = 3  # links to one site carrying the same campaign: a sponsor's attribution, not a pasted link
_API = re.compile(r"^[a-z]+://(?:api\.[^/]+|[^/]+/(?:[^?]*/)?api(?:/|$|\?))", re.I)
_REF_NAMES = {"ref", "ref_src", "ref_url"}


def _campaign(link, tracked: list[str]) -> tuple[str, frozenset[str]]:
    """The site a link goes to and the tracking parameters it carries, values and all."""
    return strip_www(host_of(link.url)), frozenset(p.lower() for p in tracked)


def _names_the_list(tracked: list[str], own_names: frozenset[str]) -> bool:
    """utm_campaign=awesome-go in awesome-go: the list's own sponsor links say where their
    readers come from, with the sponsor's consent; that is attribution, not tracking."""
    values = [squeezed(p.partition("=")[2]) for p in tracked if p.lower().startswith("utm_")]
    return any(name in value for name in own_names for value in values)


@rule(
    "url-shortener",
    summary="A link through a shortener (t.co, bit.ly, tinyurl.com, goo.gl ...).",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="the resolved target, from `links` or `check --online`",
    bad="[code](https://t.co/TC0OCOc0q7)",
    good="[code](https://github.com/TencentAILabHealthcare/scBERT)",
    options={"extend-hosts": []},
)
def url_shortener(ctx: Context):
    """A shortened link hides where it goes, dies with the shortening service, and often
    tracks the click. A curated list should show its readers the real address. An entry
    about the shortener itself ('[Cutt.ly](https://cutt.ly/api-documentation)') links to
    the service, not through it, and passes."""
    hosts = data.patterns("shorteners", "hosts", ctx.option("extend-hosts"))
    resolved = (ctx.data or {}).get("links", {})
    for link in _web_links(ctx):
        host = strip_www(host_of(link.url))
        if host in hosts:
            if _names_the_service(link.text, host) or _names_the_service(ctx.entry_at(link.start) or "", host):
                continue  # an entry about the shortener itself links to its own site or docs
            entry = ctx.entry_at(link.start)
            verdict = resolved.get(link.url.strip())
            target = verdict.final_url if verdict is not None else None
            fix = None
            if target and not is_login(target) and host_of(target) not in hosts:
                edit = dest_edit(ctx.doc, link, target)
                fix = Fix.unsafe(edit) if edit else None
            where = f"; it leads to {target}" if target else "; link the real address"
            yield ctx.finding(
                link.start, link.end, f"link '{link.text}' goes through the shortener {host}{where}",
                entry=entry, fix=fix,
            )


def _names_the_service(text: str, host: str) -> bool:
    """'Cutt.ly', 'cuttly' or 'Bitly API' for cutt.ly / bit.ly: the text is about the service."""
    said, name, label = squeezed(text), squeezed(host), squeezed(host.split(".")[0])
    return bool(said) and (said.startswith(name) or (len(label) >= 4 and said.startswith(label)))


@rule(
    "insecure-url",
    summary="A plain http:// link to a host that serves https (known hosts offline; with --online or `links`, any host whose https address ends on the same page).",
    severity=Severity.WARNING,
    fix=FixAvailability.SAFE,
    fix_note="http -> https",
    bad="[Code](http://github.com/mahmoodlab/CONCH)",
    good="[Code](https://github.com/mahmoodlab/CONCH)",
    options={"extend-hosts": []},
)
def insecure_url(ctx: Context):
    """Plain http can be read and rewritten on the way, and browsers flag it. For hosts
    known to serve https (a list in rules/https_hosts.yaml, extendable) the upgrade is
    always right. Other hosts may not serve https at all: with a link-check run
    (`check --online`, `links`) their https address is asked too, and where it answers
    and ends on the same page as the http one, the upgrade is offered as well."""
    hosts = data.patterns("https_hosts", "hosts", ctx.option("extend-hosts"))
    verdicts = (ctx.data or {}).get("links") or {}
    for link in _web_links(ctx):
        if not link.url.lower().startswith("http://"):
            continue
        host = host_of(link.url)
        if host_matches(host, hosts):
            if (ctx.data or {}).get("links-only"):
                continue  # check's finding: `links` reports what the run found
            reason = f"{host} serves https"
        elif _same_page_over_https(link.url.strip(), verdicts):
            reason = "its https address ends on the same page (checked online)"
        else:
            continue
        edit = dest_edit(ctx.doc, link, "https://" + link.url[len("http://") :])
        entry = ctx.entry_at(link.start)
        yield ctx.finding(
            link.start, link.end, f"link '{link.text}' uses http:// but {reason}",
            fix=Fix.safe(edit) if edit else None, entry=entry,
        )


def _same_page_over_https(url: str, verdicts) -> bool:
    """Did the link's https twin answer, ending where the http link ends (or would have)?"""
    secure = verdicts.get(https_counterpart(url) or "")
    if secure is None or secure.kind not in (OK, REDIRECT):
        return False
    plain = verdicts.get(url)
    ends = (plain.final_url if plain is not None and plain.final_url else url)
    return _without_scheme(ends) == _without_scheme(secure.final_url or https_counterpart(url) or "")


def _without_scheme(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


_RELATIVE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#|\.|\?)", re.I)


def _bare_host(url: str, tlds: set[str]) -> str | None:
    """The host a scheme-less link names ("www.x.org/a", "github.com/o/r"), else None."""
    if _RELATIVE.match(url) or " " in url:
        return None
    host = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].lower()
    labels = host.split(".")
    if len(labels) < 2 or not all(re.fullmatch(r"[a-z0-9-]+", label) for label in labels):
        return None
    if labels[0] == "www" or labels[-1] in tlds:
        return host
    return None


@rule(
    "missing-scheme",
    summary="A link to a site written without https:// ('www.example.org', 'github.com/o/r'): a relative path on GitHub.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe adds https:// for hosts known to serve it; unsafe elsewhere",
    bad="[MetaNeighbor](github.com/maggiecrow/MetaNeighbor)",
    good="[MetaNeighbor](https://github.com/maggiecrow/MetaNeighbor)",
    options={"extend-hosts": []},
)
def missing_scheme(ctx: Context):
    """Without a scheme a link is a path inside the repository: GitHub sends the reader
    to github.com/owner/list/blob/main/www.example.org, a 404. The fix adds https://;
    it is safe for hosts known to serve https (rules/https_hosts.yaml, extendable with
    insecure-url's list) and unsafe elsewhere, where only http may answer."""
    hosts = data.patterns("https_hosts", "hosts", ctx.option("extend-hosts"))
    tlds = set(data.patterns("schemes", "tlds"))
    for link in ctx.links:
        if link.kind not in ("inline", "reference"):
            continue
        host = _bare_host(link.url, tlds)
        if host is None:
            continue
        edit = dest_edit(ctx.doc, link, "https://" + link.url)
        fix = None if edit is None else Fix.safe(edit) if host_matches(host, hosts) else Fix.unsafe(edit)
        yield ctx.finding(link.start, link.end, f"link '{link.text}' has no scheme, so GitHub reads '{link.url}' as a file path; add https://",
                          fix=fix, entry=ctx.entry_at(link.start))
