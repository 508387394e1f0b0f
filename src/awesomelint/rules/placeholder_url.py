"""placeholder-url: a link target left as a template, or 'Coming soon' where a link belongs.

A contribution guide's template (github.com/org/repo, paper.link, '#', TODO) passes a
quick review because it looks like a link; what makes an address a template is the
model in ``awesomelint.model.placeholders``, which nested-link reads too."""

from __future__ import annotations

from collections.abc import Iterator

from .. import data
from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Fix, Severity
from ..model.brokenlinks import broken_links
from ..model.entries import entry_name
from ..model.linkspans import dest_edit
from ..model.placeholders import placeholder_reason
from ..model.urls import OWNER_REPO, github_repo, host_of, strip_www


@rule(
    "placeholder-url",
    summary="A link target left as a template (github.com/org/repo, paper.link, #, TODO) or 'Coming soon' where a link belongs.",
    severity=Severity.ERROR,
    fix=FixAvailability.UNSAFE,
    fix_note="owner/repo text fills a GitHub/HF template",
    bad="| IRENE | [RL4M/IRENE](https://github.com/org/repo) |\n| EchoCare | Coming soon |",
    good="| IRENE | [RL4M/IRENE](https://github.com/RL4M/IRENE) |\n| EchoCare | - |",
    options={"extend-patterns": [], "extend-hosts": [], "extend-texts": []},
)
def placeholder_url(ctx: Context) -> Iterator[Finding]:
    """Templates copied from a contribution guide look like links and pass a quick review,
    but send every reader to a 404 or to someone else's page. When the link text names
    the repository (owner/repo), the fix fills it into the template; it is unsafe because
    the text itself may be wrong."""
    patterns = tuple(ctx.option("extend-patterns") or ())
    hosts = tuple(ctx.option("extend-hosts") or ())
    seen: set[int] = set()
    for link in ctx.links:
        if link.kind == "image":
            continue
        reason = placeholder_reason(link.url, patterns, hosts)
        if reason is None:
            continue
        seen.add(link.start)
        entry = ctx.entry_at(link.start)
        fix = None
        filled = _filled(link.text, link.url)
        if filled:
            edit = dest_edit(ctx.doc, link, filled)
            fix = Fix.unsafe(edit) if edit else None
        yield ctx.finding(
            link.start,
            link.end,
            f"link '{link.text}' points to {reason} ({link.url or 'nothing'})",
            fix=fix,
            entry=entry,
        )
    for broken in broken_links(ctx.doc):
        for url, offset in broken.candidates:
            reason = placeholder_reason(url, patterns, hosts)
            if reason and offset not in seen:
                entry = ctx.entry_at(offset)
                yield ctx.finding(
                    offset, offset + len(url), f"broken link '{broken.text}' holds {reason} ({url})", entry=entry
                )
    yield from _placeholder_texts(ctx)


def _filled(text: str, url: str) -> str | None:
    """github.com/org/repo with text 'owner/repo' -> github.com/owner/repo."""
    text = text.strip()
    if not OWNER_REPO.match(text) or github_repo(url) is None:
        return None
    return f"https://{strip_www(host_of(url))}/{text}"


def _placeholder_texts(ctx: Context) -> Iterator[Finding]:
    """'Coming soon' in a table column that otherwise holds links."""
    texts = set(data.patterns("placeholders", "texts", ctx.option("extend-texts")))
    by_table: dict[int, list] = {}
    for entry in ctx.entries:
        if entry.table is not None:
            by_table.setdefault(entry.table, []).append(entry)
    for rows in by_table.values():
        link_columns = {link.cell for row in rows for link in row.links if link.cell is not None}
        for row in rows:
            linked = {link.cell for link in row.links}  # '[Coming soon](…)' is a link: its target is judged as one
            for column, header in enumerate(row.headers):
                value = row.fields.get(header, "")
                if column in link_columns and column not in linked and value.strip().lower().strip(".!") in texts:
                    line = row.line
                    start, end = ctx.doc.line_span(line)
                    found = ctx.doc.text.find(value, start, end)
                    if found < 0:
                        continue
                    yield ctx.finding(
                        found,
                        found + len(value),
                        f"'{value}' stands where the {header} link belongs; link it or use the table's empty marker",
                        entry=entry_name(row),
                    )
