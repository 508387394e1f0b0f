"""broken-anchor: in-page links that match no heading."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Fix, Severity
from ..model.document import Document
from ..model.headings import headings_of, html_anchors
from ..model.linkspans import dest_edit, in_page_fragment
from ..model.toc import table_of_contents


def heading_slugs(doc: Document) -> set[str]:
    """Every anchor the page has: each heading's fragments (GitHub's -1, -2 for repeats,
    with and without U+FE0F and image alt text) and HTML ids/names."""
    slugs: set[str] = {"top", "readme"}  # GitHub's own anchors: the page top, and the README box on a repository page
    for heading in doc.derived(headings_of):
        slugs |= heading.aliases
    slugs.update(html_anchors(doc))
    return slugs


@rule(
    "broken-anchor",
    summary="An in-page #link (also './#x', 'README.md#x') that matches no heading or anchor; a case-only mismatch is an info note.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe for a case-only mismatch; none otherwise",
    bad="- [Large Vision Models](#large-vision-model)\n- [Datasets](#datasets)\n\n## Large Vision Models\n\n## Benchmarks",
    good="- [Large Vision Models](#large-vision-models)\n- [Benchmarks](#benchmarks)\n\n## Large Vision Models\n\n## Benchmarks",
)
def broken_anchor(ctx: Context) -> Iterator[Finding]:
    """Tables of contents rot when headings are renamed. GitHub builds anchors from the
    heading text (lower-cased, punctuation dropped, spaces to '-', repeats numbered).
    It resolves fragments regardless of case, so '#Large-Vision-Models' works: a
    case-only mismatch is a style note with a safe fix to the exact slug. A heading
    with an emoji (`## ⬆️ Routers`) answers to its slug with and without U+FE0F. A
    table-of-contents item whose anchor misses is toc-sync's, which says more of it
    (the heading it should reach), so one defect is not reported twice."""
    slugs = heading_slugs(ctx.doc)
    lowered: dict[str, str] = {}
    for slug in slugs:
        lowered.setdefault(slug.lower(), slug)
    toc_items = _toc_items(ctx) if "toc-sync" in ctx.enabled else set()
    for link in ctx.links:
        fragment = in_page_fragment(link.url)
        if fragment is None or link.kind == "image":
            continue
        fragment = unquote(fragment)
        if fragment in slugs or fragment.replace("\ufe0f", "") in slugs:
            continue
        entry = ctx.entry_at(link.start)
        exact = lowered.get(fragment.lower())
        if exact is not None:
            prefix = link.url[: link.url.index("#")]
            edit = dest_edit(ctx.doc, link, prefix + "#" + exact)
            yield ctx.finding(
                link.start,
                link.end,
                f"anchor '#{fragment}' differs from the heading's '#{exact}' only in case (GitHub matches it anyway)",
                severity=Severity.INFO,
                fix=Fix.safe(edit) if edit else None,
                entry=entry,
            )
        elif link.start not in toc_items:  # a ToC item that misses is toc-sync's
            yield ctx.finding(
                link.start, link.end, f"anchor '#{fragment}' matches no heading on this page", entry=entry
            )


def _toc_items(ctx: Context) -> set[int]:
    """Where the table of contents' item links start."""
    toc = table_of_contents(ctx.doc)
    return {item.link_start for item in toc.walk()} if toc is not None else set()
