"""broken-anchor: in-page links that match no heading."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from ..document import Document
from ..entries import plain_text
from ..findings import Fix, Severity
from ..registry import Context, rule
from .common import dest_edit

_HTML_ID = re.compile(r"""<[^>]*\s(?:name|id)\s*=\s*["']?([^"'\s>]+)""", re.I)


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
    slugs: set[str] = {"top"}
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
        if token.type in ("html_block", "html_inline", "inline"):
            content = token.content
            if "<" in content:
                slugs.update(_HTML_ID.findall(content))
    return slugs


def _text_without_images(inline) -> str:
    return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))


@rule(
    "broken-anchor",
    summary="An in-page #link that matches no heading or anchor; a case-only mismatch is reported apart.",
    severity=Severity.WARNING,
    fix="safe for a case-only mismatch",
    bad="- [Large Vision Models](#Large-Vision-Models)\n- [Datasets](#datasets)   <!-- no such heading -->",
    good="- [Large Vision Models](#large-vision-models)",
)
def broken_anchor(ctx: Context):
    """Tables of contents rot when headings are renamed. GitHub builds anchors from the
    heading text (lower-cased, punctuation dropped, spaces to '-', repeats numbered) and
    matches them exactly, so '#Large-Vision-Models' and '#large-vision-models' differ:
    a case-only mismatch gets a safe fix to the exact slug."""
    slugs = heading_slugs(ctx.doc)
    lowered = {}
    for slug in slugs:
        lowered.setdefault(slug.lower(), slug)
    for link in ctx.links:
        if not link.url.startswith("#") or link.kind == "image" or len(link.url) < 2:
            continue
        fragment = unquote(link.url[1:])
        if fragment in slugs:
            continue
        entry = ctx.entry_at(link.start)
        exact = lowered.get(fragment.lower())
        if exact is not None:
            edit = dest_edit(ctx.doc, link, "#" + exact)
            yield ctx.finding(
                link.start, link.end, f"anchor '#{fragment}' differs from the heading's '#{exact}' only in case",
                fix=Fix.safe(edit) if edit else None, entry=entry,
            )
        else:
            yield ctx.finding(link.start, link.end, f"anchor '#{fragment}' matches no heading on this page", entry=entry)
