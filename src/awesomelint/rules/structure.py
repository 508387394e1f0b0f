"""The list's frame: its title (list-title), and under `profile: awesome` the title's
case and badge, where the table of contents sits and how deep it goes, and the sections
and badges sindresorhus/awesome does not want in a README."""

from __future__ import annotations

import re
from functools import cache

from markdown_it.token import Token

from .. import data
from ..document import Document
from ..findings import Applicability, Edit, Fix, Severity
from ..headings import Heading, bare_name, headings_of, html_h1_lines
from ..linkspans import dest_edit, parsed_links
from ..registry import AWESOME, Context, FixAvailability, rule
from ..toc import table_of_contents

_TAG = re.compile(r"<[^<>]*>")
# a tag ends at ">" and holds no "<": each try stops at the next "<", so the scan stays linear
_IMG_SRC = re.compile(r"""<img\b[^<>]*?\ssrc\s*=\s*["']?([^"'\s<>]+)""", re.I)


def _title_image(doc: Document) -> bool:
    """Does the list open with a logo standing for its title? Comments, bare wrapper
    tags ('<div align="center">') and rows of badges before it are passed over: badges
    above '# Awesome X' are decoration, not its name."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.level != 0 or token.nesting == -1:
            continue
        if token.type == "html_block":
            html = _without_comments(token.content)
            sources = _IMG_SRC.findall(html)
            if any(not _badge(src) for src in sources):
                return True
            if not sources and _TAG.sub("", html).strip():
                return False  # HTML with words of its own
        elif token.type == "paragraph_open" and _only_images(tokens[index + 1]):
            if any(not _badge(child.attrs.get("src", "")) for child in tokens[index + 1].children or ()
                   if child.type == "image"):
                return True
        else:
            return False
    return False


def _without_comments(html: str) -> str:
    """The HTML with its '<!-- … -->' comments cut out (an unclosed one runs to the end)."""
    kept, at = [], 0
    while (start := html.find("<!--", at)) >= 0:
        kept.append(html[at:start])
        end = html.find("-->", start + 4)
        at = len(html) if end < 0 else end + 3
    kept.append(html[at:])
    return "".join(kept)


def _only_images(inline: Token) -> bool:
    children = [c for c in inline.children or () if not (c.type == "text" and not c.content.strip())]
    return bool(children) and all(c.type in ("image", "link_open", "link_close", "softbreak") for c in children)


@cache
def _badge_patterns() -> re.Pattern[str]:
    return re.compile("|".join(data.load("badges")["patterns"]), re.I)


def _badge(src: object) -> bool:
    """Is this image address a badge (shields.io, awesome.re's badge.svg, a CI status)?"""
    return bool(_badge_patterns().search(str(src)))


def _named(heading: Heading) -> bool:
    """Does the heading say anything? A bare '#' line is a separator, not a title or section."""
    return bool(bare_name(heading.text))


def title_heading(doc: Document) -> Heading | None:
    """The list's title: its first top-level heading with words, unless the list is
    titled in HTML (an <h1>, or a logo standing for it) — then a later '# ' is a section."""
    first = next((h for h in doc.derived(headings_of) if h.level == 1 and _named(h)), None)
    if first is None:
        return None
    html = html_h1_lines(doc)
    if (html and html[0] < first.line) or _title_image(doc):
        return None
    return first


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
    heading, stands for the title (a row of badges does not: it decorates the '# '
    title under it). A bare '#' line names nothing: lists use it as a separator, and
    it is neither title nor section."""
    doc = ctx.doc
    top = [h for h in doc.derived(headings_of) if h.level == 1 and _named(h)]
    if not top and not html_h1_lines(doc) and not _title_image(doc):
        first = next((h for h in doc.derived(headings_of) if _named(h)), None)
        line = first.line if first is not None else 1
        start, end = doc.line_span(line)
        yield ctx.finding(start, end, "the list has no top-level '# ' heading naming it")
        return
    extras = top[1:] if title_heading(doc) is not None else top  # titled in HTML: every '# ' is a section
    for heading in extras:
        start, end = doc.line_span(heading.line)
        yield ctx.finding(start, end, f"another top-level heading ('{heading.text}'); the list's title is its only "
                          "'# ' heading — sections are '##'", severity=Severity.INFO)


_SMALL_WORDS = frozenset("a an and as at but by en for from if in nor of on or per the to v vs via with".split())
_BADGE_TARGETS = ("https://awesome.re", "https://github.com/sindresorhus/awesome")
_BADGE_IMAGES = ("https://awesome.re/badge.svg", "https://awesome.re/badge-flat.svg", "https://awesome.re/badge-flat2.svg")
_BADGE = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"


def _title_words(heading: Heading, doc: Document) -> list[tuple[int, str]]:
    """(absolute offset, word) of the title's own words (not its badges' alt text)."""
    start, end = doc.line_span(heading.line)
    line = doc.text[start:end]
    found = []
    for match in re.finditer(r"[^\s\[\]()!]+", line):
        if match.start() == 0 and set(match.group(0)) == {"#"}:
            continue
        before = line[: match.start()]
        if before.count("[") > before.count("]") or before.count("(") > before.count(")"):
            continue  # inside a badge's brackets or a link target
        found.append((start + match.start(), match.group(0)))
    return found


@rule(
    "title-case",
    summary="The list's title is not in title case, or does not start with 'Awesome' ('# Awesome Name of List').",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="capitalize the title's lower-case words",
    bad="# awesome static site generators",
    good="# Awesome Static Site Generators",
    profile=AWESOME,
)
def title_case(ctx: Context):
    """sindresorhus/awesome asks for '# Awesome Name of List'. A word is judged only
    when it is all lower case: acronyms, names with inner capitals (iOS, Node.js) and
    small words (of, and, the…) between other words are left as written."""
    heading = title_heading(ctx.doc)
    if heading is None or heading.line != heading.end_line:
        return
    words = _title_words(heading, ctx.doc)
    if not words:
        return
    edits = []
    for index, (at, word) in enumerate(words):
        letters = [c for c in word if c.isalpha()]
        if not letters or not letters[0].islower() or word != word.lower():
            continue
        small = word.casefold() in _SMALL_WORDS and 0 < index < len(words) - 1
        if not small:
            first = next(i for i, c in enumerate(word) if c.isalpha())
            edits.append(Edit(at + first, at + first + 1, word[first].upper()))
    start, end = ctx.doc.line_span(heading.line)
    if edits:
        yield ctx.finding(start, end, f"the title '{heading.shown}' is not in title case", fix=Fix.unsafe(*edits))
    if not re.match(r"awesome(?![^\W_])", words[0][1].strip("*_"), re.I):
        yield ctx.finding(start, end, f"the title '{heading.shown}' does not start with 'Awesome'")


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
def awesome_badge(ctx: Context):
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
    wrapped = [link for link in parsed_links(doc) if start <= link.start < end and link.kind != "image"
               and link.url.rstrip("/") in _BADGE_TARGETS]
    for link in wrapped:
        images = [b for b in badges if link.start < b.start < link.end]
        for image in images:
            if image.url in _BADGE_IMAGES:
                return
            if "awesome" in image.url and image.url.endswith(".svg"):
                edit = dest_edit(doc, image, _BADGE_IMAGES[0])
                yield ctx.finding(image.start, image.end, f"the awesome badge's image is '{image.url}', not awesome.re's",
                                  fix=Fix.safe(edit) if edit else None)
                return
    line_end = end if heading.line == heading.end_line else None
    fix = Fix.unsafe(Edit(line_end, line_end, " " + _BADGE)) if line_end is not None else None
    yield ctx.finding(start, end, "no awesome badge next to the title", fix=fix)


@rule(
    "toc-position",
    summary="The table of contents is not the first section after the title.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="# Awesome Things\n\n## Tools\n\n## Contents\n\n- [Tools](#tools)",
    good="# Awesome Things\n\n## Contents\n\n- [Tools](#tools)\n\n## Tools",
    profile=AWESOME,
)
def toc_position(ctx: Context):
    """sindresorhus/awesome wants Contents as the first section, so a reader lands on
    the map of the list; an introduction in the lines under the title is fine, a
    section heading before Contents is not."""
    toc = table_of_contents(ctx.doc)
    if toc is None:
        return
    title = title_heading(ctx.doc)
    place = toc.heading.line if toc.heading is not None else toc.first_line
    before = [h for h in ctx.doc.derived(headings_of) if h.line < place and h is not title and h.level > 1]
    if before:
        start, end = ctx.doc.line_span(place)
        yield ctx.finding(start, end, f"the table of contents comes after '{before[0].text}' (line {before[0].line}); "
                          "it should be the first section")


@rule(
    "toc-depth",
    summary="A table of contents more than two levels deep.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="## Contents\n\n- [Tools](#tools)\n  - [Editors](#editors)\n    - [Vim](#vim)\n\n## Tools\n\n### Editors\n\n#### Vim",
    good="## Contents\n\n- [Tools](#tools)\n  - [Editors](#editors)\n\n## Tools\n\n### Editors\n\n#### Vim",
    profile=AWESOME,
)
def toc_depth(ctx: Context):
    """Two levels (sections and their subsections) are what a reader scans; a third
    makes the contents longer than some sections."""
    toc = table_of_contents(ctx.doc)
    if toc is None:
        return
    for item in toc.walk():
        if item.depth == 2:
            yield ctx.finding(item.link_start, item.link_end, f"ToC item '{item.text}' is a third level")


_LICENSE_HEADING = re.compile(r"^(licen[cs]e|licensing)$", re.I)


@rule(
    "license-section",
    summary="A License section in the README (the list's license belongs in a license file).",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="remove the section",
    bad="# Awesome Things\n\n## Tools\n\n## License\n\nCC0",
    good="# Awesome Things\n\n## Tools",
    profile=AWESOME,
)
def license_section(ctx: Context):
    """sindresorhus/awesome asks that the license live in a LICENSE file, where GitHub
    shows it, rather than in a section readers scroll past. Removing the section is
    unsafe: check the license file says the same first."""
    doc = ctx.doc
    headings = doc.derived(headings_of)
    for index, heading in enumerate(headings):
        if heading.level < 2 or not _LICENSE_HEADING.match(heading.name):
            continue
        following = next((h for h in headings[index + 1 :] if h.level <= heading.level), None)
        start = doc.line_starts[heading.line - 1]
        end = doc.line_starts[following.line - 1] if following is not None else len(doc.text)
        line_start, line_end = doc.line_span(heading.line)
        yield ctx.finding(line_start, line_end, "a License section in the README; the license belongs in a license file",
                          fix=Fix((Edit(start, end, ""),), Applicability.UNSAFE, restructures=True))


@cache
def _ci_badge_patterns() -> re.Pattern[str]:
    return re.compile("|".join(data.load("ci_badges")["patterns"]), re.I)


@rule(
    "ci-badge",
    summary="A CI or build-status badge (GitHub Actions, Travis, CircleCI…): it reports on the repository, not the list.",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="remove the badge",
    bad="# Awesome Things [![Build Status](https://travis-ci.org/me/awesome-things.svg)](https://travis-ci.org/me/awesome-things)",
    good="# Awesome Things",
    profile=AWESOME,
)
def ci_badge(ctx: Context):
    """A list's readers care whether its links work, not whether its CI passed; a red
    badge on a list looks like a broken list (sindresorhus/awesome asks for none).
    Badges of entries' own projects inside the list are not judged: only those above
    the first section."""
    doc = ctx.doc
    headings = [h for h in doc.derived(headings_of) if h.level > 1]
    limit = doc.line_starts[headings[0].line - 1] if headings else len(doc.text)
    pattern = _ci_badge_patterns()
    links = parsed_links(doc)
    for link in links:
        if link.kind != "image" or link.start >= limit or not pattern.search(link.url + " " + link.text):
            continue
        outer = next((l for l in links if l.kind != "image" and l.start <= link.start and link.end <= l.end), None)
        start, end = (outer.start, outer.end) if outer is not None else (link.start, link.end)
        if doc.text[end : end + 1] == " ":
            end += 1
        elif doc.text[start - 1 : start] == " ":
            start -= 1
        yield ctx.finding(start, end, f"a CI badge ('{link.text or link.url}'); a list does not show its build status",
                          fix=Fix.unsafe(Edit(start, end, "")))
