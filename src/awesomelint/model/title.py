"""The list's title: how a list names itself at its top, in one model.

A list is titled by its '# ' heading, or in HTML (an ``<h1>``, or a logo image standing
for the title before any heading); its names also include a title logo's alt text and
the repository its top lines link as its own. list-title, title-case, awesome-badge and
toc-position ask which heading is the title; tracking-param asks for the names (a
sponsor's campaign names the list it was placed in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it.token import Token

from .. import data
from .document import Document
from .headings import Heading, bare_name, headings_of

_HTML_H1 = re.compile(r"<h1[\s>]", re.I)
_ALT = re.compile(r"""<img\b[^<>]*\balt\s*=\s*["']([^"'<>]+)["']""", re.I)
_HTML_TITLE = re.compile(r"<h1[^<>]*>(.*?)</h1>", re.I | re.S)
# the repository a list links as its own: 'github.com/kdeldycke/awesome-iam#readme'
_OWN_REPOSITORY = re.compile(r"https?://github\.com/[\w.-]+/([\w.-]+?)/?#readme\b", re.I)
_TAG = re.compile(r"<[^<>]*>")
# a tag ends at ">" and holds no "<": each try stops at the next "<", so the scan stays linear
_IMG_SRC = re.compile(r"""<img\b[^<>]*?\ssrc\s*=\s*["']?([^"'\s<>]+)""", re.I)
_LEAD = 40  # lines at the top of a list where its title, logo and own links are
_SAYS_NOTHING = frozenset({"awesome", "awesomelist", "readme", "logo", "banner", "header"})


@dataclass(frozen=True)
class ListTitle:
    """How a list names itself at its top."""

    heading: Heading | None  # the '# ' heading that is its title; None when titled in HTML or untitled
    top_headings: tuple[Heading, ...]  # every '# ' heading with words: the title, then any that act as sections
    first_top: Heading | None  # its first '# ' heading, even a bare '#' line
    html_lines: tuple[int, ...]  # 1-based lines of HTML blocks holding an <h1>
    html_names: tuple[str, ...]  # the text of the <h1> titles in its top lines
    logo: bool  # it opens with a logo (not a row of badges) standing for its title
    logo_alt: str | None  # the alt text of the image it opens with
    own_repositories: tuple[str, ...]  # repository names its top lines link as its own ('#readme')

    @property
    def titled(self) -> bool:
        """Does the list have a title at all: a '# ' heading with words, an <h1> or a logo?"""
        return bool(self.top_headings or self.html_lines or self.logo)

    @property
    def names(self) -> frozenset[str]:
        """The names it goes by, letters and digits only, lower-case, four or more of them,
        and saying more than 'awesome' or 'readme'."""
        names = [self.first_top.shown] if self.first_top is not None else []
        names += [*self.html_names, *self.own_repositories]
        if self.logo_alt:
            names.append(self.logo_alt)
        squeezed = ("".join(c for c in name.casefold() if c.isalnum()) for name in names)
        return frozenset(name for name in squeezed if len(name) >= 4 and name not in _SAYS_NOTHING)


def title_of(doc: Document) -> ListTitle:
    """The list's title, read once per document."""
    return doc.derived(_read_title)


def title_heading(doc: Document) -> Heading | None:
    """The list's title: its first top-level heading with words, unless the list is
    titled in HTML (an <h1>, or a logo standing for it) — then a later '# ' is a section."""
    return title_of(doc).heading


def list_names(doc: Document) -> frozenset[str]:
    """The names a list goes by: its title ('# Awesome IAM', an HTML <h1>, a title logo's
    alt text) and the repository its top lines link as its own
    ('github.com/kdeldycke/awesome-iam#readme'). Sponsor links name the list they were
    placed in (utm_campaign=awesome-iam-oss-sponsorship)."""
    return title_of(doc).names


def _read_title(doc: Document) -> ListTitle:
    headings = doc.derived(headings_of)
    top = tuple(h for h in headings if h.level == 1 and has_words(h))
    html_lines = tuple(
        t.map[0] + 1 for t in doc.tokens if t.type == "html_block" and t.map and _HTML_H1.search(t.content)
    )
    logo = opens_with_logo(doc)
    heading = top[0] if top and not (html_lines and html_lines[0] < top[0].line) and not logo else None
    lead = "\n".join(doc.lines[:_LEAD])
    return ListTitle(
        heading=heading,
        top_headings=top,
        first_top=next((h for h in headings if h.level == 1), None),
        html_lines=html_lines,
        html_names=tuple(_TAG.sub("", match.group(1)) for match in _HTML_TITLE.finditer(lead)),
        logo=logo,
        logo_alt=_title_logo(doc),
        own_repositories=tuple(match.group(1) for match in _OWN_REPOSITORY.finditer(lead)),
    )


def has_words(heading: Heading) -> bool:
    """Does the heading say anything? A bare '#' line is a separator, not a title or section."""
    return bool(bare_name(heading.text))


def _title_logo(doc: Document) -> str | None:
    """The alt text of the image a list opens with, before any heading or list: its logo."""
    for token in doc.tokens:
        if token.type == "html_block":
            found = _ALT.search(token.content)
            if found or "<img" in token.content.lower():
                return found.group(1) if found else None
        elif token.type == "inline":
            image = next((c for c in token.children or () if c.type == "image"), None)
            return image.content if image is not None else None
        elif token.type in ("heading_open", "bullet_list_open", "ordered_list_open", "table_open"):
            return None
    return None


def opens_with_logo(doc: Document) -> bool:
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
            if any(
                not _badge(child.attrs.get("src", ""))
                for child in tokens[index + 1].children or ()
                if child.type == "image"
            ):
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
