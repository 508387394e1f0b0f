"""insecure-url: a plain http:// link to a host that serves https.

Hosts known to serve https are upgraded offline; with a link-check run, so is any host
whose https address ends on the same page as the http one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .. import data
from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Fix, Severity
from ..links.verdict import OK, REDIRECT, Verdict
from ..model.linkspans import dest_edit, web_links
from ..model.urls import host_matches, host_of, https_counterpart


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
def insecure_url(ctx: Context) -> Iterator[Finding]:
    """Plain http can be read and rewritten on the way, and browsers flag it. For hosts
    known to serve https (a list in rules/https_hosts.yaml, extendable) the upgrade is
    always right. Other hosts may not serve https at all: with a link-check run
    (`check --online`, `links`) their https address is asked too, and where it answers
    and ends on the same page as the http one, the upgrade is offered as well."""
    hosts = data.patterns("https_hosts", "hosts", ctx.option("extend-hosts"))
    verdicts = ctx.link_run.verdicts
    for link in web_links(ctx.links):
        if not link.url.lower().startswith("http://"):
            continue
        host = host_of(link.url)
        if host_matches(host, hosts):
            if ctx.link_run.links_only:
                continue  # check's finding: `links` reports what the run found
            reason = f"{host} serves https"
        elif _same_page_over_https(link.url.strip(), verdicts):
            reason = "its https address ends on the same page (checked online)"
        else:
            continue
        edit = dest_edit(ctx.doc, link, "https://" + link.url[len("http://") :])
        entry = ctx.entry_at(link.start)
        yield ctx.finding(
            link.start,
            link.end,
            f"link '{link.text}' uses http:// but {reason}",
            fix=Fix.safe(edit) if edit else None,
            entry=entry,
        )


def _same_page_over_https(url: str, verdicts: Mapping[str, Verdict]) -> bool:
    """Did the link's https twin answer, ending where the http link ends (or would have)?"""
    secure = verdicts.get(https_counterpart(url) or "")
    if secure is None or secure.kind not in (OK, REDIRECT):
        return False
    plain = verdicts.get(url)
    ends = plain.final_url if plain is not None and plain.final_url else url
    return _without_scheme(ends) == _without_scheme(secure.final_url or https_counterpart(url) or "")


def _without_scheme(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")
