"""broken-anchor: in-page links that match no heading."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from ..document import Document
from ..entries import plain_text
from ..findings import Fix, Severity
from ..linkspans import in_page_fragment
from ..registry import Context, FixAvailability, rule
from .common import dest_edit

# a tag ends at ">" and cannot hold "<": scanning stops at the next "<", so a line of
# "<!--<!--…" is read once, not once per "<"
_HTML_ID = re.compile(r"""<[^<>]*\s(?:name|id)\s*=\s*["']?([^"'\s>]+)""", re.I)


def slugify(text: str) -> str:
    """GitHub's heading slug: lower-case, keep letters, marks, numbers, connector
    punctuation, '-' and spaces, then spaces to '-'."""
    kept = []
    for char in text.lower():
        category = unicodedata.category(char)
        if category[0] in "LMN" or category == "Pc" or char in "- ":
            kept.append(char)
    return "".join(kept).replace(" ", "-")


def heading_slugs(doc: Document) -> set[str]:
    """Every anchor the page has: heading slugs (with GitHub's -1, -2 for repeats),
    slugs of the heading text with and without image alt text, and HTML ids/names."""
    counts: dict[str, int] = {}
    slugs: set[str] = {"top", "readme"}  # GitHub's own anchors: the page top, and the README box on a repository page
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            texts = {plain_text(inline), _text_without_images(inline)}
            for variant_index, text in enumerate(sorted(texts)):
                base = slugify(text)
                if variant_index == 0:
                    number = counts.get(base, 0)
                    counts[base] = number + 1
                    slugs.add(base if number == 0 else f"{base}-{number}")
                slugs.add(base)
                slugs.add(slugify(text.strip()))
                # "## ⬆️ Routers": people write the slug with and without the variation selector
                slugs.add(base.replace("\ufe0f", ""))
        if token.type in ("html_block", "html_inline", "inline"):
            content = token.content
            if "<" in content:
                slugs.update(_HTML_ID.findall(content))
    return slugs


def _text_without_images(inline) -> str:
    return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))


@rule(
    "broken-anchor",
    summary="An in-page #link (also './#x', 'README.md#x') that matches no heading or anchor; a case-only mismatch is an info note.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe for a case-only mismatch; none otherwise",
    bad="- [Large Vision Models](#large-vision-model)\n- [Datasets](#datasets)\n\n## Large Vision Models\n\n## Benchmarks",
    good="- [Large Vision Models](#large-vision-models)\n- [Benchmarks](#benchmarks)\n\n## Large Vision Models\n\n## Benchmarks",
)
def broken_anchor(ctx: Context):
    """Tables of contents rot when headings are renamed. GitHub builds anchors from the
    heading text (lower-cased, punctuation dropped, spaces to '-', repeats numbered).
    It resolves fragments regardless of case, so '#Large-Vision-Models' works: a
    case-only mismatch is a style note with a safe fix to the exact slug. A heading
    with an emoji (`## ⬆️ Routers`) answers to its slug with and without U+FE0F."""
    slugs = heading_slugs(ctx.doc)
    lowered: dict[str, str] = {}
    for slug in slugs:
        lowered.setdefault(slug.lower(), slug)
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
                link.start, link.end, f"anchor '#{fragment}' differs from the heading's '#{exact}' only in case "
                "(GitHub matches it anyway)", severity=Severity.INFO,
                fix=Fix.safe(edit) if edit else None, entry=entry,
            )
        else:
            yield ctx.finding(link.start, link.end, f"anchor '#{fragment}' matches no heading on this page", entry=entry)
