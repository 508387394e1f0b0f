"""placeholder-url and missing-link: entries that point nowhere real."""

from __future__ import annotations

import re
from functools import cache

from .. import data
from ..brokenlinks import broken_links
from ..entries import entry_name, linkless_tables
from ..findings import Fix, Severity
from ..registry import Context, FixAvailability, rule
from ..urls import OWNER_REPO, github_repo, host_matches, host_of, strip_www
from ..userpatterns import compile_user_pattern
from .common import dest_edit


@cache
def _compiled(extra: tuple[str, ...] = ()) -> list:
    """The shipped patterns (Python's engine), then the config's (RE2: see userpatterns)."""
    own = [re.compile(p, re.I) for p in data.patterns("placeholders", "url-patterns")]
    return own + [compile_user_pattern(p, ignore_case=True) for p in extra if p not in data.patterns("placeholders", "url-patterns")]


def placeholder_reason(url: str, extra_patterns: tuple[str, ...] = (), extra_hosts: tuple[str, ...] = ()) -> str | None:
    """Why ``url`` is a template rather than an address, or None."""
    stripped = url.strip()
    if stripped.lower() in data.load("placeholders")["targets"]:
        return "an empty target" if stripped in ("", "#") else f"the stand-in target '{stripped}'"
    host = host_of(stripped if "://" in stripped else "https://" + stripped)
    hosts = data.patterns("placeholders", "hosts", list(extra_hosts))
    if host and host_matches(host, hosts):
        return f"the placeholder host {host}"
    for pattern in _compiled(extra_patterns):
        if pattern.search(stripped):
            return "a template address that was never filled in"
    return None


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
def placeholder_url(ctx: Context):
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
            link.start, link.end, f"link '{link.text}' points to {reason} ({link.url or 'nothing'})",
            fix=fix, entry=entry,
        )
    for broken in broken_links(ctx.doc):
        for url, offset in broken.candidates:
            reason = placeholder_reason(url, patterns, hosts)
            if reason and offset not in seen:
                entry = ctx.entry_at(offset)
                yield ctx.finding(offset, offset + len(url), f"broken link '{broken.text}' holds {reason} ({url})",
                                  entry=entry)
    yield from _placeholder_texts(ctx)


def _filled(text: str, url: str) -> str | None:
    """github.com/org/repo with text 'owner/repo' -> github.com/owner/repo."""
    text = text.strip()
    if not OWNER_REPO.match(text) or github_repo(url) is None:
        return None
    return f"https://{strip_www(host_of(url))}/{text}"


def _placeholder_texts(ctx: Context):
    """'Coming soon' in a table column that otherwise holds links."""
    texts = set(data.patterns("placeholders", "texts", ctx.option("extend-texts")))
    by_table: dict[int, list] = {}
    for entry in ctx.entries:
        if entry.table is not None:
            by_table.setdefault(entry.table, []).append(entry)
    for rows in by_table.values():
        link_columns = {link.cell for row in rows for link in row.links if link.cell is not None}
        for row in rows:
            for column, header in enumerate(row.headers):
                value = row.fields.get(header, "")
                if column in link_columns and value.strip().lower().strip(".!") in texts:
                    line = row.line
                    start, end = ctx.doc.line_span(line)
                    found = ctx.doc.text.find(value, start, end)
                    if found < 0:
                        continue
                    yield ctx.finding(found, found + len(value),
                                      f"'{value}' stands where the {header} link belongs; link it or use the table's empty marker",
                                      entry=entry_name(row))


@rule(
    "missing-link",
    summary="An entry with no link at all, among entries that have theirs (not in link-less tables or prose bullets).",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="| Model | Paper |\n|---|---|\n| scGPT | [Cui et al., 2024](https://doi.org/10.1038/s41592-024-02201-0) |\n| Geneformer | [Theodoris et al., 2023](https://doi.org/10.1038/s41586-023-06139-9) |\n| BioLLM | Ping Qiu et al., 2024 |",
    good="| Model | Paper |\n|---|---|\n| scGPT | [Cui et al., 2024](https://doi.org/10.1038/s41592-024-02201-0) |\n| Geneformer | [Theodoris et al., 2023](https://doi.org/10.1038/s41586-023-06139-9) |\n| BioLLM | [Qiu et al., 2024](https://doi.org/10.1016/j.patter.2024.101129) |",
)
def missing_link(ctx: Context):
    """A curated list exists to send readers somewhere. An entry without a single link
    cannot be followed, checked or deduplicated by its address. An entry whose link is
    only broken is left to nested-link. Rows of a table without a single link (an
    overview) and bullets among prose bullets are not link entries, and pass."""
    broken = [b.start for b in broken_links(ctx.doc)]
    linkless = linkless_tables(ctx.entries)
    for entry in ctx.entries:
        if entry.web_links or not (entry.title or entry.text) or not entry.among_linked or entry.table in linkless:
            continue
        if any(entry.line <= ctx.doc.position(offset)[0] <= entry.end_line for offset in broken):
            continue  # its link is there but broken: nested-link says so
        start = entry.start
        end = ctx.doc.line_span(entry.line)[1]
        yield ctx.finding(start, end, f"entry '{entry.title or entry.text[:40]}' has no link", entry=entry_name(entry))
