"""missing-scheme: a link to a site written without https:// ('www.example.org', 'github.com/o/r').

GitHub reads such a link as a path inside the repository, a 404."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import data
from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Fix, Severity
from ..model.linkspans import dest_edit
from ..model.urls import host_matches

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
def missing_scheme(ctx: Context) -> Iterator[Finding]:
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
        yield ctx.finding(
            link.start,
            link.end,
            f"link '{link.text}' has no scheme, so GitHub reads '{link.url}' as a file path; add https://",
            fix=fix,
            entry=ctx.entry_at(link.start),
        )
