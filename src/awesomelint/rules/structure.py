"""The list's frame: its title (list-title), and under `profile: awesome` the title's
case and badge, where the table of contents sits and how deep it goes, and the sections
and badges sindresorhus/awesome does not want in a README."""

from __future__ import annotations

from ..document import Document
from ..findings import Severity
from ..headings import Heading, headings_of, html_h1_lines
from ..registry import Context, FixAvailability, rule

AWESOME = "awesome"


def _title_image(doc: Document) -> bool:
    """Does the list open with an image standing for its title (a centred logo)?"""
    for token in doc.tokens:
        if token.type == "html_block":
            return "<img" in token.content.lower()
        if token.type == "inline":
            children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
            return bool(children) and all(c.type in ("image", "link_open", "link_close", "softbreak") for c in children)
        if token.type in ("heading_open", "bullet_list_open", "ordered_list_open", "table_open", "fence"):
            return False
    return False


def title_heading(doc: Document) -> Heading | None:
    """The list's title: its first top-level heading."""
    return next((h for h in doc.derived(headings_of) if h.level == 1), None)


@rule(
    "list-title",
    summary="No top-level heading naming the list (an HTML <h1> or a leading logo image counts), or more than one.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="## Tools\n\n- [Alpha](https://alpha.example/) - A tool.",
    good="# Awesome Tools\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A tool.",
)
def list_title(ctx: Context):
    """A list's title is its one '# ' heading: GitHub, search engines and the awesome
    index show it as the list's name. A README with none (it starts at '##') has no
    name; a second '# ' heading makes a section look like a new document (an info
    note: many lists do it on purpose). An '<h1>' in HTML, or a logo image before any
    heading, stands for the title."""
    doc = ctx.doc
    top = [h for h in doc.derived(headings_of) if h.level == 1]
    if not top and not html_h1_lines(doc) and not _title_image(doc):
        first = next((h for h in doc.derived(headings_of)), None)
        line = first.line if first is not None else 1
        start, end = doc.line_span(line)
        yield ctx.finding(start, end, "the list has no top-level '# ' heading naming it")
        return
    extras = top if html_h1_lines(doc) else top[1:]  # an HTML <h1> is the title, when there is one
    for heading in extras:
        start, end = doc.line_span(heading.line)
        yield ctx.finding(start, end, f"a second top-level heading ('{heading.text}'); the list's title is its only "
                          "'# ' heading — sections are '##'", severity=Severity.INFO)
