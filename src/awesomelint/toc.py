"""The table of contents: where it is, its items, and the headings it should list.

A ToC is the list under a heading named like one ('## Contents', '## Table of Contents
📖', '## 目录'), or, in a list with no such heading, the first list whose every item is
only an in-page link. Both shapes are common in real lists; toc-sync, toc-position and
toc-depth read this one model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document, Node
from .entries import LIST_TYPES
from .headings import Heading, headings_of
from .linkspans import in_page_fragment

# sections a ToC leaves out by convention (awesome-lint's list, and the usual endings)
_UNLISTED = frozenset({"contributing", "contribute", "contributors", "license", "licence", "footnotes",
                       "related lists", "related", "acknowledgements", "acknowledgments", "star history",
                       "stargazers over time", "sponsors", "backers", "citation", "contact"})
_OMIT = re.compile(r"<!--\s*(?:omit (?:in|from) toc|toc:?\s*(?:skip|ignore|omit))\s*-->", re.I)
_MIN_ITEMS = 3  # a headless list of two in-page links is a "see also", not a ToC


@dataclass(frozen=True)
class TocItem:
    text: str  # the link's text
    fragment: str  # the anchor it points at, without '#'
    depth: int  # 0 for the top level
    line: int  # 1-based
    link_start: int  # offsets of the link '[text](#x)' in the document
    link_end: int
    children: tuple[TocItem, ...]
    has_sublist: bool
    lines: int  # source lines of the item without its sublist


@dataclass(frozen=True)
class TableOfContents:
    heading: Heading | None  # '## Contents', when there is one
    items: tuple[TocItem, ...]
    first_line: int  # 1-based lines of its lists, first and last (inclusive)
    last_line: int
    lists: int  # how many separate lists it spans (labels between them: 'AI & ML', 'Web')
    markers: dict[int, str]  # depth -> the bullet ('-', '*', '1.') its items use
    indents: dict[int, str]  # depth -> the indentation before the bullet
    loose: bool  # blank lines between top-level items

    def walk(self) -> list[TocItem]:
        found: list[TocItem] = []
        stack = list(reversed(self.items))
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(reversed(item.children))
        return found


def is_unlisted(heading: Heading, doc: Document) -> bool:
    """A section a ToC need not list: Contributing, License…, the ToC's own heading, or
    one marked '<!-- omit in toc -->'."""
    raw = "\n".join(doc.lines[heading.line - 1 : heading.end_line])
    return heading.is_toc or heading.name.casefold() in _UNLISTED or bool(_OMIT.search(raw))


def table_of_contents(doc: Document) -> TableOfContents | None:
    """The document's table of contents, found once (toc-sync, toc-position and
    toc-depth ask for it)."""
    return doc.derived(_find)


def _find(doc: Document) -> TableOfContents | None:
    headings = doc.derived(headings_of)
    named = next((h for h in headings if h.is_toc), None)
    lists = _top_lists(doc.tree)
    if named is not None:
        after = next((h.line for h in headings if h.line > named.end_line), len(doc.lines) + 1)
        chosen = [node for node in lists if named.end_line < _first_line(node) < after]
        chosen = [node for node in chosen if _is_nav_list(doc, node)]
        if not chosen:
            return None
    else:
        chosen = _headless(doc, lists, headings)
        if not chosen:
            return None
    markers: dict[int, str] = {}
    indents: dict[int, str] = {}
    items = tuple(item for node in chosen for item in _items(doc, node, 0, markers, indents))
    first = _first_line(chosen[0])
    last = doc.last_text_line(chosen[-1].token)
    top_lines = [item.line for item in items]
    loose = any(not doc.lines[line - 2].strip() for line in top_lines[1:] if line - 2 >= 0)
    return TableOfContents(named, items, first, last, len(chosen), markers, indents, loose)


def _top_lists(root: Node) -> list[Node]:
    """Lists that are not inside another list (a ToC may sit in <details> or a quote)."""
    found: list[Node] = []
    stack = list(reversed(root.children))
    while stack:
        node = stack.pop()
        if node.type in LIST_TYPES:
            if node.token.map:
                found.append(node)
            continue
        stack.extend(reversed(node.children))
    return found


def _headless(doc: Document, lists: list[Node], headings: list[Heading]) -> list[Node]:
    """The first run of navigation lists before the first content section: lists of
    in-page links, with only short paragraphs ('**AI & ML**') between them."""
    first = next((n for n in lists if _is_nav_list(doc, n)), None)
    if first is None:
        return []
    chosen = [first]
    for node in lists[lists.index(first) + 1 :]:
        gap = range(doc.last_text_line(chosen[-1].token) + 1, _first_line(node))
        if any(h.line in gap for h in headings) or not _is_nav_list(doc, node):
            break
        if any(doc.lines[n - 1].strip() and not _is_label(doc.lines[n - 1]) for n in gap):
            break
        chosen.append(node)
    items = sum(1 for node in chosen for item in node.walk() if item.type == "list_item")
    return chosen if items >= _MIN_ITEMS else []


def _is_label(line: str) -> bool:
    """A short line between ToC lists naming a group: '**AI & ML**'."""
    return len(line.strip()) <= 60 and "](" not in line


def _item_nodes(node: Node):
    for child in node.children:
        if child.type == "list_item":
            yield child


def _nav_link(doc: Document, item: Node):
    """(text, fragment, start, end) when the item's own text is one in-page link, with
    at most symbols or numbering around it; else None."""
    paragraphs = [c for c in item.children if c.type not in LIST_TYPES]
    if len(paragraphs) != 1:
        return None
    inlines = paragraphs[0].inline_tokens()
    if len(inlines) != 1:
        return None
    inline = inlines[0]
    children = inline.children or []
    opens = [i for i, c in enumerate(children) if c.type == "link_open"]
    if len(opens) != 1:
        return None
    open_at = opens[0]
    close_at = next(i for i in range(open_at, len(children)) if children[i].type == "link_close")
    outside = "".join(c.content for i, c in enumerate(children) if (i < open_at or i > close_at) and c.type == "text")
    if any(ch.isalpha() for ch in outside):
        return None
    fragment = in_page_fragment(str(children[open_at].attrs.get("href", "")))
    if fragment is None:
        return None
    if "span" not in children[open_at].meta:
        return None  # a link the parser did not place in the source (from an entity)
    text = "".join(c.content for c in children[open_at + 1 : close_at] if c.type in ("text", "code_inline"))
    start, end = doc.inline_span(inline, *children[open_at].meta["span"])
    return text, fragment, start, end


def _is_nav_list(doc: Document, node: Node) -> bool:
    items = list(_item_nodes(node))
    if not items:
        return False
    for item in items:
        if _nav_link(doc, item) is None:
            return False
        for sub in (c for c in item.children if c.type in LIST_TYPES):
            if not _is_nav_list(doc, sub):
                return False
    return True


def _items(doc: Document, node: Node, depth: int, markers: dict[int, str], indents: dict[int, str]) -> list[TocItem]:
    found = []
    for item in _item_nodes(node):
        link = _nav_link(doc, item)
        assert link is not None and item.token.map
        text, fragment, start, end = link
        sublists = [c for c in item.children if c.type in LIST_TYPES]
        children: list[TocItem] = []
        for sub in sublists:
            children.extend(_items(doc, sub, depth + 1, markers, indents))
        line = item.token.map[0] + 1
        source = doc.lines[line - 1]
        markers.setdefault(depth, item.token.markup if node.type == "bullet_list" else "ordered")
        indents.setdefault(depth, source[: len(source) - len(source.lstrip(" \t"))])
        own_end = sublists[0].token.map[0] if sublists and sublists[0].token.map else doc.last_text_line(item.token)
        found.append(TocItem(text, fragment, depth, line, start, end, tuple(children), bool(sublists),
                             max(1, own_end - line + 1)))
    return found


def _first_line(node: Node) -> int:
    assert node.token.map  # lists are kept only with a map
    return node.token.map[0] + 1
