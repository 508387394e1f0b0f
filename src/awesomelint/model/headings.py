"""The document's headings with their GitHub anchors: what a table of contents, an
in-page link and the list's title are judged against.

Read once per document (``doc.derived(headings_of)``); the rules that need headings
(broken-anchor, toc-sync, toc-position, toc-depth, list-title, title-case, awesome-badge,
license-section) all see the same list. Which of them is the list's title is title.py's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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
