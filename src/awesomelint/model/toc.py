"""The table of contents: where it is, its lists and items, and what its links reach.

A ToC is the list under a heading named like one ('## Contents', '## Table of Contents
📖', '## 目录'), or, in a list with no such heading, the first list whose every item is
only an in-page link. Real ToCs are often several lists: one per label ('**AI & ML**'),
one per group heading inside '## Contents' ('### Frontend', '### Backend'), or one per
year heading in a digest ('## 2025', '## 2024', … each over that year's weeks). Those are
one ToC here, each list with the heading it sits under, so no list is mistaken for the
whole. toc-sync, toc-position and toc-depth read this one model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote

from markdown_it.token import Token

from .document import Document
from .entries import LIST_TYPES
from .headings import Heading, bare_name, headings_of, html_anchors
from .linkspans import in_page_fragment, parsed_links
from .navigation import is_navigation_block
from .tree import Node

# sections a ToC leaves out by convention (awesome-lint's list, and the usual endings)
_UNLISTED = frozenset(
    {
        "contributing",
        "contribute",
        "contributors",
        "license",
        "licence",
        "footnotes",
        "related lists",
        "related",
        "acknowledgements",
        "acknowledgments",
        "star history",
        "stargazers over time",
        "sponsors",
        "backers",
        "citation",
        "contact",
    }
)
_OMIT = re.compile(r"<!--\s*(?:omit (?:in|from) toc|toc:?\s*(?:skip|ignore|omit))\s*-->", re.I)
_MIN_ITEMS = 3  # a headless list of two in-page links is a "see also", not a ToC
_ANCHOR_REACH = 3  # lines between an HTML anchor and the heading it marks
_BACK_LINK = re.compile(r"^\W*\[[^\]]{0,40}\]\(#[^)\s]*\)\W*$")  # '**[⬆ back to top](#contents)**'
_HTML_HREF = re.compile(r"""<a\s[^<>]*\bhref\s*=\s*["']#([^"'\s>]+)""", re.I)


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


def _walk(items: tuple[TocItem, ...]) -> list[TocItem]:
    found: list[TocItem] = []
    stack = list(reversed(items))
    while stack:
        item = stack.pop()
        found.append(item)
        stack.extend(reversed(item.children))
    return found


@dataclass(frozen=True)
class TocList:
    """One list of a ToC, written in its own style, with the heading it sits under
    when the ToC is split by headings ('## 2024' over that year's weeks)."""

    group: Heading | None
    items: tuple[TocItem, ...]
    first_line: int  # 1-based, inclusive
    last_line: int
    markers: dict[int, str]  # depth -> the bullet ('-', '*', '1.') its items use; 'ordered' for numbers
    indents: dict[int, str]  # depth -> the indentation before the bullet
    loose: bool  # blank lines between top-level items

    def walk(self) -> list[TocItem]:
        return _walk(self.items)


@dataclass(frozen=True)
class TableOfContents:
    # '## Contents', or the heading a headless ToC's first list sits under ('## 2025'), when there is one
    heading: Heading | None
    lists: tuple[TocList, ...]  # in document order; labels or group headings between them
    group_headings: frozenset[int]  # token_index of the headings inside the ToC ('## 2024', '### Frontend')

    @property
    def items(self) -> tuple[TocItem, ...]:
        return tuple(item for toc_list in self.lists for item in toc_list.items)

    @property
    def first_line(self) -> int:
        return self.lists[0].first_line

    @property
    def last_line(self) -> int:
        return self.lists[-1].last_line

    @property
    def markers(self) -> dict[int, str]:
        """depth -> bullet, as the first list that has that depth writes it."""
        return self._first_per_depth("markers")

    @property
    def indents(self) -> dict[int, str]:
        """depth -> the indentation before the bullet, as the first list that has that depth writes it."""
        return self._first_per_depth("indents")

    def _first_per_depth(self, name: str) -> dict[int, str]:
        merged: dict[int, str] = {}
        for toc_list in self.lists:
            for depth, value in getattr(toc_list, name).items():
                merged.setdefault(depth, value)
        return merged

    def walk(self) -> list[TocItem]:
        return _walk(self.items)

    def holds_line(self, line: int) -> bool:
        """Is this 1-based line inside one of the ToC's lists?"""
        return any(toc_list.first_line <= line <= toc_list.last_line for toc_list in self.lists)


def is_unlisted(heading: Heading, doc: Document) -> bool:
    """A section a ToC need not list: Contributing, License…, the ToC's own heading, a
    heading over navigation only ('## 2024' over that year's links), or one marked
    '<!-- omit in toc -->'."""
    raw = "\n".join(doc.lines[heading.line - 1 : heading.end_line])
    return (
        heading.is_toc
        or heading.name.casefold() in _UNLISTED
        or bool(_OMIT.search(raw))
        or heading.token_index in doc.derived(_navigation_headings)
    )


def table_of_contents(doc: Document) -> TableOfContents | None:
    """The document's table of contents, found once (toc-sync, toc-position and
    toc-depth ask for it)."""
    return doc.derived(_find)


# --- what an in-page link reaches ----------------------------------------------


class Target(NamedTuple):
    heading: Heading | None  # the heading the fragment reaches
    html_only: bool  # it reaches an HTML id/name that marks no heading ('<a name="x">' in text)


@dataclass(frozen=True)
class _Anchors:
    by_alias: dict[str, list[Heading]]  # case-folded fragment -> headings, first first
    html_ids: dict[str, int]  # case-folded HTML id/name -> line of its first use


def _anchors(doc: Document) -> _Anchors:
    by_alias: dict[str, list[Heading]] = {}
    for heading in doc.derived(headings_of):
        for alias in heading.aliases:
            by_alias.setdefault(alias.casefold(), []).append(heading)
    html_ids: dict[str, int] = {}  # GitHub matches fragments regardless of case
    for name, line in html_anchors(doc).items():
        if line:
            html_ids.setdefault(name.casefold(), line)
    return _Anchors(by_alias, html_ids)


def resolve(doc: Document, fragment: str) -> Target:
    """The heading an in-page fragment reaches, as GitHub resolves it: by any of the
    heading's anchors, regardless of case, or by an HTML anchor written just above it
    ('<span id="head2"></span>' over '## Papers')."""
    anchors = doc.derived(_anchors)
    key = unquote(fragment).casefold()
    found = anchors.by_alias.get(key) or anchors.by_alias.get(key.replace("\ufe0f", ""))
    if found:
        return Target(found[0], False)
    line = anchors.html_ids.get(key)
    if line is None:
        return Target(None, False)
    near = next((h for h in doc.derived(headings_of) if line <= h.line <= line + _ANCHOR_REACH), None)
    return Target(near, near is None)


def in_page_links(doc: Document) -> list[tuple[int, Heading]]:
    """(1-based line, heading) of every navigation link that reaches a heading: markdown
    links with no words around them (a list or table of links, '[A](#a) · [B](#b)') and
    HTML '<a href="#x">'. A ToC rewrite must not list a second time what other navigation
    on the page already leads to; a sentence that points at a section ('Also see [Web
    APIs](#web-apis)') is not navigation."""
    return doc.derived(_in_page_links)


def _in_page_links(doc: Document) -> list[tuple[int, Heading]]:
    found: list[tuple[int, Heading]] = []
    for link in parsed_links(doc):
        if link.inline is not None and _worded(link.inline):
            continue
        fragment = in_page_fragment(link.url) if link.kind != "image" else None
        heading = resolve(doc, fragment).heading if fragment else None
        if heading is not None:
            found.append((doc.position(link.start)[0], heading))
    for token in doc.tokens:
        if token.type in ("html_block", "inline") and token.map and "href" in token.content:
            for match in _HTML_HREF.finditer(token.content):
                heading = resolve(doc, match.group(1)).heading
                if heading is not None:
                    found.append((token.map[0] + 1 + token.content.count("\n", 0, match.start()), heading))
    return found


def _worded(inline: Token) -> bool:
    """Does the inline hold words outside its links (a sentence, not a row of links)?"""
    depth = 0
    for child in inline.children or ():
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif depth == 0 and child.type == "text" and any(c.isalpha() for c in child.content):
            return True
    return False


def navigation_lists(doc: Document) -> list[tuple[int, int, list[Heading]]]:
    """(first line, last line, headings it points at) of every list of only in-page
    links on the page: the ToC's lists and any other (a section's own index, a year's
    list of weeks further down). A heading another such list points at is not missing
    from the ToC."""
    return doc.derived(_navigation_lists)


def _navigation_lists(doc: Document) -> list[tuple[int, int, list[Heading]]]:
    found = []
    for node in doc.derived(_link_lists):
        targets = [t for t in (resolve(doc, f).heading for f in _fragments(doc, node)) if t is not None]
        found.append((_first_line(node), doc.last_text_line(node.token), targets))
    return found


def _navigation_headings(doc: Document) -> frozenset[int]:
    """token_index of headings whose section is a navigation list pointing elsewhere:
    group headings of a ToC, or a year's heading over its list of weeks."""
    headings = doc.derived(headings_of)
    found = set()
    for node in doc.derived(_link_lists):
        heading = _heading_over(doc, headings, node)
        if heading is not None and _heads_navigation(doc, headings, heading, node):
            found.add(heading.token_index)
    return frozenset(found)


def _link_lists(doc: Document) -> list[Node]:
    """The top-level lists of the page that are navigation made only of link items."""
    return [node for node in _top_lists(doc.tree) if _is_nav_list(doc, node)]


def label_fits(label: str, heading: Heading) -> bool:
    """Does a ToC label stand for this heading? Its name, or its name with words added
    ('Top Papers (Oct 21 - Oct 27) 2024' for a repeated weekly heading) or left out
    ('Tools' for 'Developer Tools'): a maintainer's deliberate wording, not drift."""
    if heading.named(label):
        return True
    words = _words(label)
    return bool(words) and any(
        _contains(words, _words(name)) or _contains(_words(name), words) for name in (heading.shown, heading.text)
    )


def names_within(label: str, heading: Heading) -> str | None:
    """The heading's name, loosely, when the label names it whole, or holds it with a few
    words added (a year: 'Top Papers (Oct 21 - Oct 27) 2024'); else None. 'Machine
    Learning Tools' does not name '## Tools'. The longer the name, the more the label
    says about the heading."""
    if heading.named(label):
        return _words(heading.shown) or _words(heading.text)
    words = _words(label)
    for name in (heading.shown, heading.text):
        inner = _words(name)
        if inner and _contains(words, inner) and 2 * len(inner.split()) >= len(words.split()):
            return inner
    return None


def _words(text: str) -> str:
    """Letters, marks and numbers only, case-folded, one space between words: '3D生成(3D
    Generation)' is the words '3d生成 3d generation'."""
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in bare_name(text))
    return " ".join(kept.split()).casefold()


def _contains(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


# --- finding the ToC -------------------------------------------------------------


def _find(doc: Document) -> TableOfContents | None:
    headings = doc.derived(headings_of)
    lists = _top_lists(doc.tree)
    nav = {id(node) for node in doc.derived(_link_lists)}
    named = next((h for h in headings if h.is_toc), None)
    if named is not None:
        after = next((h.line for h in headings if h.line > named.end_line), len(doc.lines) + 1)
        chosen: list[tuple[Heading | None, Node]] = [
            (None, node) for node in lists if named.end_line < _first_line(node) < after and id(node) in nav
        ]
        start = doc.last_text_line(chosen[-1][1].token) if chosen else named.end_line
        chosen += _continued(doc, lists, nav, headings, start, None, lambda h: h.level > named.level)
        if not chosen:
            return None
        heading: Heading | None = named
    else:
        first = next((node for node in lists if id(node) in nav), None)
        if first is None:
            return None
        heading = _heading_over(doc, headings, first)  # the ToC sits under it ('## 2025', '## Categories')
        group = heading if heading is not None and _heads_navigation(doc, headings, heading, first) else None
        level = group.level if group is not None else None
        chosen = [(group, first)]
        chosen += _continued(
            doc, lists, nav, headings, doc.last_text_line(first.token), group, lambda h: h.level == level
        )
        if sum(1 for _, node in chosen for item in node.walk() if item.type == "list_item") < _MIN_ITEMS:
            return None
    toc_lists = tuple(_toc_list(doc, group, node) for group, node in chosen)
    groups = frozenset(group.token_index for group, _ in chosen if group is not None and group is not heading)
    return TableOfContents(heading, toc_lists, groups)


def _continued(
    doc: Document,
    lists: list[Node],
    nav: set[int],
    headings: list[Heading],
    after: int,
    group: Heading | None,
    may_group: Callable[[Heading], bool],
) -> list[tuple[Heading | None, Node]]:
    """The navigation lists that go on from line ``after``: separated only by labels
    ('**AI & ML**', a back-to-top link) or by one group heading ``may_group`` accepts
    whose section is only such a list pointing elsewhere ('## 2024')."""
    chosen: list[tuple[Heading | None, Node]] = []
    for node in lists:
        if _first_line(node) <= after:
            continue
        if id(node) not in nav:
            break
        gap = range(after + 1, _first_line(node))
        between = [h for h in headings if h.line in gap]
        skip: range = range(0)
        if between:
            (new_group, *more) = between
            if more or not may_group(new_group) or not _heads_navigation(doc, headings, new_group, node):
                break
            group, skip = new_group, range(new_group.line, new_group.end_line + 1)
        if any(not _is_filler(doc.lines[n - 1]) for n in gap if n not in skip):
            break
        chosen.append((group, node))
        after = doc.last_text_line(node.token)
    return chosen


def _heading_over(doc: Document, headings: list[Heading], node: Node) -> Heading | None:
    """The heading directly above a list, with only labels between them."""
    start = _first_line(node)
    above = [h for h in headings if h.line < start]
    if not above:
        return None
    heading = above[-1]
    if any(not _is_filler(doc.lines[n - 1]) for n in range(heading.end_line + 1, start)):
        return None
    return heading


def _heads_navigation(doc: Document, headings: list[Heading], heading: Heading, node: Node) -> bool:
    """Is ``heading`` the title of a group of ToC links, not a section with its own
    index? Only labels between it and the list, and the list points mostly outside the
    heading's section ('## 2024' over weeks further down), not into it."""
    if any(not _is_filler(doc.lines[n - 1]) for n in range(heading.end_line + 1, _first_line(node))):
        return False
    end = next((h.line for h in headings if h.line > heading.line and h.level <= heading.level), len(doc.lines) + 1)
    inside = outside = 0
    for fragment in _fragments(doc, node):
        target = resolve(doc, fragment).heading
        if target is None:
            continue
        if heading.line < target.line < end:
            inside += 1
        else:
            outside += 1
    return outside > inside


def _fragments(doc: Document, node: Node) -> list[str]:
    found = []
    for item in node.walk():
        if item.type == "list_item":
            link = _nav_link(doc, item)
            if link is not None:
                found.append(link[1])
    return found


def _is_filler(line: str) -> bool:
    """A line that may sit between a ToC's lists: blank, a short label naming a group
    ('**AI & ML**', '<details>'), or a back-to-top link."""
    return not line.strip() or _is_label(line) or _BACK_LINK.match(line.strip()) is not None


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


def _is_label(line: str) -> bool:
    """A short line between ToC lists naming a group: '**AI & ML**'."""
    return len(line.strip()) <= 60 and "](" not in line


def _item_nodes(node: Node) -> Iterator[Node]:
    for child in node.children:
        if child.type == "list_item":
            yield child


def _nav_link(doc: Document, item: Node) -> tuple[str, str, int, int] | None:
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
    """Navigation (navigation.py) in the shape of a table of contents: every item one
    in-page link, with at most symbols or numbering around it, and its sub-lists the same."""
    items = list(_item_nodes(node))
    if not items or not is_navigation_block(doc, node):
        return False
    for item in items:
        if _nav_link(doc, item) is None:
            return False
        for sub in (c for c in item.children if c.type in LIST_TYPES):
            if not _is_nav_list(doc, sub):
                return False
    return True


def _toc_list(doc: Document, group: Heading | None, node: Node) -> TocList:
    markers: dict[int, str] = {}
    indents: dict[int, str] = {}
    items = tuple(_items(doc, node, 0, markers, indents))
    top_lines = [item.line for item in items]
    loose = any(not doc.lines[line - 2].strip() for line in top_lines[1:] if line - 2 >= 0)
    return TocList(group, items, _first_line(node), doc.last_text_line(node.token), markers, indents, loose)


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
        found.append(
            TocItem(
                text, fragment, depth, line, start, end, tuple(children), bool(sublists), max(1, own_end - line + 1)
            )
        )
    return found


def _first_line(node: Node) -> int:
    assert node.token.map  # lists are kept only with a map
    return node.token.map[0] + 1
