"""url-shortener: a link through a shortener (t.co, bit.ly, tinyurl.com, goo.gl ...).

A shortened link hides where it goes and dies with the service; with a link-check run
the fix writes the address it resolves to."""

from __future__ import annotations

from collections.abc import Iterator

from .. import data
from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Fix, Severity
from ..model.linkspans import dest_edit, web_links
from ..model.urls import host_of, is_login, squeezed, strip_www


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
def url_shortener(ctx: Context) -> Iterator[Finding]:
    """A shortened link hides where it goes, dies with the shortening service, and often
    tracks the click. A curated list should show its readers the real address. An entry
    about the shortener itself ('[Cutt.ly](https://cutt.ly/api-documentation)') links to
    the service, not through it, and passes."""
    hosts = data.patterns("shorteners", "hosts", ctx.option("extend-hosts"))
    resolved = ctx.link_run.verdicts
    for link in web_links(ctx.links):
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
                link.start,
                link.end,
                f"link '{link.text}' goes through the shortener {host}{where}",
                entry=entry,
                fix=fix,
            )


def _names_the_service(text: str, host: str) -> bool:
    """'Cutt.ly', 'cuttly' or 'Bitly API' for cutt.ly / bit.ly: the text is about the service."""
    said, name, label = squeezed(text), squeezed(host), squeezed(host.split(".")[0])
    return bool(said) and (said.startswith(name) or (len(label) >= 4 and said.startswith(label)))
