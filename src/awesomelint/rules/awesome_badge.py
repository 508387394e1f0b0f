"""awesome-badge: no awesome badge on the title line, or a badge image not from awesome.re.

Profile awesome: lists in sindresorhus/awesome carry its badge beside the title."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.linkspans import dest_edit, parsed_links
from ..model.title import title_heading

_BADGE_TARGETS = ("https://awesome.re", "https://github.com/sindresorhus/awesome")
_BADGE_IMAGES = (
    "https://awesome.re/badge.svg",
    "https://awesome.re/badge-flat.svg",
    "https://awesome.re/badge-flat2.svg",
)
_BADGE = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"


@rule(
    "awesome-badge",
    summary="No awesome badge ([![Awesome](https://awesome.re/badge.svg)](https://awesome.re)) on the title line, or a badge image not from awesome.re.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe: a badge image from elsewhere to awesome.re's; unsafe: add a missing badge",
    bad="# Awesome Things",
    good="# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)",
    profile=AWESOME,
)
def awesome_badge(ctx: Context) -> Iterator[Finding]:
    """Lists in sindresorhus/awesome carry its badge beside the title, linking to
    awesome.re (or the awesome repository) with the image awesome.re serves; old
    copies point at a raw.githubusercontent/rawgit/jsDelivr copy of the SVG, which
    breaks when those services change. A list titled in HTML (a centred logo) is not
    judged."""
    doc = ctx.doc
    heading = title_heading(doc)
    if heading is None:
        return
    start, end = doc.line_span(heading.line)
    badges = [link for link in parsed_links(doc) if start <= link.start < end and link.kind == "image"]
    wrapped = [
        link
        for link in parsed_links(doc)
        if start <= link.start < end and link.kind != "image" and link.url.rstrip("/") in _BADGE_TARGETS
    ]
    for link in wrapped:
        images = [b for b in badges if link.start < b.start < link.end]
        for image in images:
            if image.url in _BADGE_IMAGES:
                return
            if "awesome" in image.url and image.url.endswith(".svg"):
                edit = dest_edit(doc, image, _BADGE_IMAGES[0])
                yield ctx.finding(
                    image.start,
                    image.end,
                    f"the awesome badge's image is '{image.url}', not awesome.re's",
                    fix=Fix.safe(edit) if edit else None,
                )
                return
    line_end = end if heading.line == heading.end_line else None
    fix = Fix.unsafe(Edit(line_end, line_end, " " + _BADGE)) if line_end is not None else None
    yield ctx.finding(start, end, "no awesome badge next to the title", fix=fix)
