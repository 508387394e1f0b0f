"""The document's headings with their GitHub anchors: what a table of contents, an
in-page link and the list's title are judged against.

Read once per document (``doc.derived(headings_of)``); the rules that need headings
(broken-anchor, toc-sync, toc-position, toc-depth, list-title, title-case, awesome-badge,
license-section) all see the same list. Which of them is the list's title
(``title_heading``) is here too: list-title, title-case, awesome-badge and toc-position ask.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from markdown_it.token import Token

from .. import data
from .document import Document
from .linkspans import plain_text

# "## Contents", "## Table of Contents 📖", "## 目录": the names a table of contents goes by
_TOC_NAMES = frozenset(
    {"contents", "table of contents", "table of content", "toc", "index", "目录", "目錄", "目次", "もくじ", "目次一覧"}
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# a tag ends at ">" and cannot hold "<": scanning stops at the next "<", so a line of
# "<!--<!--…" is read once, not once per "<"
HTML_ID = re.compile(r"""<[^<>]*\s(?:name|id)\s*=\s*["']?([^"'\s>]+)""", re.I)
_HTML_H1 = re.compile(r"<h1[\s>]", re.I)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for '#' and '===' headings
    text: str  # plain text, images by their alt text
    line: int  # 1-based
    end_line: int  # 1-based, inclusive (a setext heading spans two lines)
    slug: str  # GitHub's anchor, numbered for repeats ('faq-1')
    aliases: frozenset[str]  # every fragment that reaches it (with and without U+FE0F, images' alt text)
    token_index: int  # of its heading_open token
    shown: str  # the text without images' alt text: 'Awesome Elixir' for '# Awesome Elixir [![CI](…)](…)'

    @property
    def name(self) -> str:
        """The text without images, emoji, symbols and surrounding space: 'Contents' for '📖 Contents'."""
        return bare_name(self.shown)

    def named(self, text: str) -> bool:
        """Does ``text`` name this heading? Emoji, symbols, spacing, case and '-' or '_'
        for a space aside: 'Awesome Medical Dataset' names '# Awesome-Medical-Dataset'."""
        return _loose(text) in (_loose(self.shown), _loose(self.text))

    @property
    def is_toc(self) -> bool:
        return bare_name(self.text).casefold() in _TOC_NAMES


def slugify(text: str) -> str:
    """GitHub's heading slug: lower-case, keep letters, marks, numbers, connector
    punctuation, '-' and spaces, then spaces to '-'."""
    kept = []
    for char in text.lower():
        category = unicodedata.category(char)
        if category[0] in "LMN" or category == "Pc" or char in "- ":
            kept.append(char)
    return "".join(kept).replace(" ", "-")


def bare_name(text: str) -> str:
    """Text without HTML comments, emoji, symbols and outer punctuation or space."""
    text = _COMMENT.sub("", text)
    kept = "".join(c for c in text if unicodedata.category(c)[0] not in "SC" and c != "\ufe0f")
    return " ".join(kept.split()).strip(" -:|·•")


def _loose(text: str) -> str:
    return " ".join(bare_name(text).replace("-", " ").replace("_", " ").split()).casefold()


def headings_of(doc: Document) -> list[Heading]:
    """Every markdown heading in order, with GitHub's numbering of repeated slugs."""
    counts: dict[str, int] = {}
    found: list[Heading] = []
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or not token.map:
            continue
        inline = tokens[index + 1]
        text = plain_text(inline)
        without_images = "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))
        base = slugify(text)
        number = counts.get(base, 0)
        counts[base] = number + 1
        slug = base if number == 0 else f"{base}-{number}"
        aliases = {slug, base, slugify(without_images), slugify(without_images.strip()), slugify(text.strip())}
        aliases |= {a.replace("\ufe0f", "") for a in aliases}
        # an id written in the heading itself: '## <span id="head2">Papers</span>'
        aliases |= {m for c in inline.children or () if c.type == "html_inline" for m in HTML_ID.findall(c.content)}
        found.append(
            Heading(
                int(token.tag[1]),
                text,
                token.map[0] + 1,
                token.map[1],
                slug,
                frozenset(aliases),
                index,
                without_images.strip(),
            )
        )
    return found


def html_anchors(doc: Document) -> dict[str, int]:
    """Every id/name an HTML tag gives the page, as written -> the 1-based line of its
    first use (0 where the parser placed the text on no line): broken-anchor's targets,
    and what a ToC's '#head2' may point at."""
    return doc.derived(_html_anchors)


def _html_anchors(doc: Document) -> dict[str, int]:
    found: dict[str, int] = {}
    for token in doc.tokens:
        if token.type in ("html_block", "inline") and "<" in token.content:
            for match in HTML_ID.finditer(token.content):
                line = token.map[0] + 1 + token.content.count("\n", 0, match.start()) if token.map else 0
                found.setdefault(match.group(1), line)
    return found


def html_h1_lines(doc: Document) -> list[int]:
    """1-based lines of HTML blocks that hold an ``<h1>`` (a list's title written in HTML)."""
    return [t.map[0] + 1 for t in doc.tokens if t.type == "html_block" and t.map and _HTML_H1.search(t.content)]


_ALT = re.compile(r"""<img\b[^<>]*\balt\s*=\s*["']([^"'<>]+)["']""", re.I)
_HTML_TITLE = re.compile(r"<h1[^<>]*>(.*?)</h1>", re.I | re.S)
# the repository a list links as its own: 'github.com/kdeldycke/awesome-iam#readme'
_OWN_REPOSITORY = re.compile(r"https?://github\.com/[\w.-]+/([\w.-]+?)/?#readme\b", re.I)
_TAG = re.compile(r"<[^<>]*>")
_LEAD = 40  # lines at the top of a list where its title, logo and own links are
_SAYS_NOTHING = frozenset({"awesome", "awesomelist", "readme", "logo", "banner", "header"})


def list_names(doc: Document) -> frozenset[str]:
    """The names a list goes by, letters and digits only, lower-case: its title ('# Awesome
    IAM', an HTML <h1>, a title logo's alt text) and the repository its top lines link as
    its own ('github.com/kdeldycke/awesome-iam#readme'). Sponsor links name the list they
    were placed in (utm_campaign=awesome-iam-oss-sponsorship)."""
    return doc.derived(_list_names)


def _list_names(doc: Document) -> frozenset[str]:
    names: list[str] = []
    title = next((h for h in doc.derived(headings_of) if h.level == 1), None)
    if title is not None:
        names.append(title.shown)
    top = "\n".join(doc.lines[:_LEAD])
    names += [_TAG.sub("", match.group(1)) for match in _HTML_TITLE.finditer(top)]
    names += [match.group(1) for match in _OWN_REPOSITORY.finditer(top)]
    logo = _title_logo(doc)
    if logo:
        names.append(logo)
    squeezed = ("".join(c for c in name.casefold() if c.isalnum()) for name in names)
    return frozenset(name for name in squeezed if len(name) >= 4 and name not in _SAYS_NOTHING)


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


# --- the list's title --------------------------------------------------------------

# a tag ends at ">" and holds no "<": each try stops at the next "<", so the scan stays linear
_IMG_SRC = re.compile(r"""<img\b[^<>]*?\ssrc\s*=\s*["']?([^"'\s<>]+)""", re.I)


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


def has_words(heading: Heading) -> bool:
    """Does the heading say anything? A bare '#' line is a separator, not a title or section."""
    return bool(bare_name(heading.text))


def title_heading(doc: Document) -> Heading | None:
    """The list's title: its first top-level heading with words, unless the list is
    titled in HTML (an <h1>, or a logo standing for it) — then a later '# ' is a section."""
    first = next((h for h in doc.derived(headings_of) if h.level == 1 and has_words(h)), None)
    if first is None:
        return None
    html = html_h1_lines(doc)
    if (html and html[0] < first.line) or opens_with_logo(doc):
        return None
    return first
