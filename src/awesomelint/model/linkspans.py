"""Links as the parser made them: inline, reference, autolinks, bare URLs and images,
each with its exact source span, read once per document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from markdown_it.common.normalize_url import normalizeLinkText
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token

from ..findings import Edit
from .document import Document

SAME_PAGE = re.compile(r"^(?:\./|(?:\./)?readme\.md)?#", re.I)  # '#x', './#x', 'README.md#x'
# labels in brackets that are not link references: GitHub alerts ('[!NOTE]') and footnotes
# ('[^1]'); neither undefined-reference nor unused-definition judges them
NOT_REFERENCES = re.compile(r"^(?:!(?:note|tip|important|warning|caution)|\^.+)$", re.I)


def in_page_fragment(url: str) -> str | None:
    """The fragment of a link to this page ('#x', './#x', 'README.md#x'), else None."""
    match = SAME_PAGE.match(url)
    if match is None or len(url) <= match.end():
        return None
    return url[match.end() :]


LinkKind = Literal["inline", "reference", "autolink", "image"]


@dataclass
class Link:
    text: str
    url: str
    start: int  # absolute offsets of the whole link in the document text
    end: int
    dest: tuple[int, int] | None = None  # where the destination is written, for inline links
    kind: LinkKind = "inline"
    badge: bool = False  # a link whose text is only an image
    cell: int | None = None  # table column index, for links in table rows
    inline: Token | None = field(default=None, repr=False)

    @property
    def is_anchor(self) -> bool:
        """A link to a place on this page: '#x', './#x' or 'README.md#x' (navigation).
        Most addresses hold no '#': asked for every link by several readers, the pattern
        runs only on those that do."""
        url = self.url
        return url[:1] == "#" or ("#" in url and SAME_PAGE.match(url) is not None)


def parsed_links(doc: Document) -> list[Link]:
    """Every link and image the parser made, in order (code never yields tokens)."""
    return doc.derived(_parsed_links)


def _parsed_links(doc: Document) -> list[Link]:
    return [link for token in doc.tokens if token.type == "inline" for link in _inline_links(doc, token)]


def links_by_inline(doc: Document) -> dict[int, list[Link]]:
    """The parsed links of each inline token, by ``id(token)``: built once per document for
    every reader that walks the tokens and asks which links one holds."""
    return doc.derived(_links_by_inline)


def _links_by_inline(doc: Document) -> dict[int, list[Link]]:
    index: dict[int, list[Link]] = {}
    for link in parsed_links(doc):
        index.setdefault(id(link.inline), []).append(link)
    return index


def _inline_links(doc: Document, inline: Token) -> list[Link]:
    links: list[Link] = []
    children = inline.children or []
    for index, child in enumerate(children):
        if child.type not in ("link_open", "image") or "span" not in child.meta:
            continue
        start, end = doc.inline_span(inline, *child.meta["span"])
        dest = None
        kind: LinkKind
        if "dest" in child.meta:
            dest = doc.inline_span(inline, *child.meta["dest"])
        if child.type == "image":
            url = child.attrs.get("src", "")
            text = child.content
            kind = "image"
        else:
            url = str(child.attrs.get("href", ""))
            text, badge = _link_text(children, index)
            kind = (
                "autolink"
                if child.markup in ("autolink", "linkify")
                else ("reference" if child.meta.get("reference") else "inline")
            )
        if dest is not None:
            written = doc.text[dest[0] : dest[1]]
            if written.startswith("<") and written.endswith(">"):
                written = written[1:-1]
            url = unescapeAll(written)
        else:
            url = normalizeLinkText(str(url))
        link = Link(text, url, start, end, dest, kind, inline=inline)
        if kind != "image":
            link.badge = badge
        links.append(link)
    return links


def _link_text(children: list[Token], open_index: int) -> tuple[str, bool]:
    """The link's text, and whether it is only an image (a badge). Reads the link's own
    children only: an inline with thousands of links stays linear."""
    parts: list[str] = []
    only_images = True
    has_image = False
    depth = 0
    for index in range(open_index + 1, len(children)):
        child = children[index]
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            if depth == 0:
                break
            depth -= 1
        if child.type == "image":
            has_image = True
            continue
        if child.type in ("text", "code_inline") and child.content.strip():
            only_images = False
        parts.append(token_text(child))
    return "".join(parts).strip(), only_images and has_image


def token_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type == "image":
        return token.content
    return ""


def plain_text(inline: Token | None) -> str:
    if inline is None:
        return ""
    return "".join(token_text(c) for c in inline.children or ()).strip()


def dest_edit(doc: Document, link: Link, new_url: str) -> Edit | None:
    """An edit that rewrites a link's destination, when it is written plainly."""
    if link.dest is None:
        return None
    start, end = link.dest
    written = doc.text[start:end]
    if written.startswith("<") and written.endswith(">"):
        start, end, written = start + 1, end - 1, written[1:-1]
    if written != link.url:
        return None  # escapes or entities in the source: leave it to a person
    return Edit(start, end, new_url)


def web_links(links: list[Link]) -> Iterator[Link]:
    """The links to a web address (http or https), images aside: the links tracking-param,
    url-shortener and insecure-url read."""
    for link in links:
        if link.kind != "image" and link.url.lower().startswith(("http://", "https://")):
            yield link
