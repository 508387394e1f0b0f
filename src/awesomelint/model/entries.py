"""Entries: the rows a list is made of (table rows, list items with their sub-bullets,
blockquote cards, heading entries), read from the one parsed Document.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from markdown_it.token import Token

from .. import data
from .brokenlinks import broken_links
from .document import Document
from .linkspans import Link, parsed_links, plain_text, token_text
from .navigation import is_navigation, links_elsewhere
from .tree import Node

__all__ = ["Entry", "Link", "entries_of", "links_of", "plain_text", "strip_symbols"]

LIST_TYPES = ("bullet_list", "ordered_list")


EntryKind = Literal["table-row", "list-item", "card", "heading"]  # how the list writes its entries


@dataclass
class Entry:
    path: str
    line: int
    end_line: int
    kind: EntryKind
    section: list[str]
    title: str
    links: list[Link] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    start: int = 0  # absolute offset of the entry's first character
    text: str = ""  # all plain text, for similarity rules
    table: int | None = None  # index of the table a row belongs to
    among_linked: bool = True  # siblings are link entries (not prose bullets, not a table without links)
    headers: list[str] = field(default_factory=list)

    @property
    def web_links(self) -> list[Link]:
        """Links that point somewhere other than this page (images themselves left out)."""
        return [l for l in self.links if not l.is_anchor and l.kind != "image"]

    @property
    def main_link(self) -> Link | None:
        """The link that names the work: the first with words for text, else the first."""
        links = self.web_links
        worded = [link for link in links if not link.badge]
        return (worded or links)[0] if links else None

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "end_line": self.end_line,
            "kind": self.kind,
            "section": self.section,
            "title": self.title,
            "links": [{"text": l.text, "url": l.url, "line": None} for l in self.links if l.kind != "image"],
            "fields": self.fields,
        }


# --- extraction ----------------------------------------------------------


def links_of(doc: Document) -> list[Link]:
    """Every link and image a reader sees, in order: what the parser made, less the bare
    URLs inside a broken link (``[t](u1](u2)``), which nested-link reports as one thing."""
    return doc.derived(_links_seen)


def _links_seen(doc: Document) -> list[Link]:
    broken = [(b.start, b.end) for b in broken_links(doc)]
    return [
        link
        for link in parsed_links(doc)
        if link.kind != "autolink" or not any(low <= link.start < high for low, high in broken)
    ]


def entries_of(doc: Document) -> list[Entry]:
    return doc.derived(_extract_entries)


def _extract_entries(doc: Document) -> list[Entry]:
    return _Extractor(doc).run()


def _entry_starts(doc: Document) -> list[int]:
    return [entry.line for entry in entries_of(doc)]


_LEADING_SYMBOLS = re.compile(r"^[\W_]+", re.UNICODE)
_FIELD = re.compile(r"^(?:\S{1,6}\s+)?(?P<key>[^\W\d][\w .&/()-]{0,40}?)\s*:\s*(?P<value>.*)$", re.S)
# a leading emoji, possibly gone through a wrong decode ("📜 ", "ğŸ“œ ", "ğŸ§‘â€ğŸ”¬ "): no ASCII letters,
# only Latin-1/Latin-extended letters, punctuation, arrows, symbols, emoji and joiners
_DECORATION = re.compile("^[\u0080-\u02ff\u2000-\u206f\u20ac\u2122\u2190-\u2bff\U0001f000-\U0001faff\ufe0f]{1,16}\\s+")


def strip_symbols(text: str) -> str:
    """Drop leading emoji, bullets and punctuation ("📜 Title" -> "Title")."""
    if text[:1].isascii() and text[:1].isalnum():
        return text.rstrip()  # nothing to drop (the common case)
    index = 0
    while index < len(text):
        char = text[index]
        if char.isalnum() or char in "[(\"'":
            break
        if unicodedata.category(char)[0] in "LN":
            break
        index += 1
    text = text[index:].strip()
    return _DECORATION.sub("", text, count=1)


class _Extractor:
    def __init__(self, doc: Document):
        self.doc = doc
        self.entries: list[Entry] = []
        self.headings: dict[int, str] = {}
        self.heading_entry: Entry | None = None
        self.table_count = 0
        self.categories: list[str] = []  # linked parents of entry sub-lists ("Cargo" above "cargo-edit")
        self.links_by_inline: dict[int, list[Link]] = {}
        for link in links_of(doc):
            self.links_by_inline.setdefault(id(link.inline), []).append(link)

    def run(self) -> list[Entry]:
        self.visit(self.doc.tree.children)
        self.entries.sort(key=lambda e: (e.line, e.start))
        return self.entries

    # structure ------------------------------------------------------------

    @property
    def section(self) -> list[str]:
        return [self.headings[level] for level in sorted(self.headings)] + self.categories

    def visit(self, nodes: list[Node]) -> None:
        for node in nodes:
            if node.type == "heading":
                self.heading(node)
            elif node.type == "table":
                self.heading_entry = None
                self.table(node)
            elif node.type in LIST_TYPES:
                self.heading_entry = None
                self.a_list(node)
            elif node.type == "blockquote":
                if any(c.type == "heading" for c in node.children) or self.link_led_quote(node):
                    self.heading_entry = None
                    self.card(node)
                elif self.heading_entry is not None:
                    self.attach(self.heading_entry, node)
                else:
                    self.visit(node.children)
            elif node.type in ("paragraph", "html_block") and self.heading_entry is not None:
                self.attach(self.heading_entry, node)

    def heading(self, node: Node) -> None:
        level = int(node.token.tag[1])
        inline = self.inline_of(node)
        text = plain_text(inline)
        for deeper in [l for l in self.headings if l >= level]:
            del self.headings[deeper]
        self.headings[level] = text
        self.heading_entry = None
        links = [l for l in self.links(node) if not l.is_anchor and l.kind != "image"]
        if level >= 2 and links and _starts_with_link(inline):
            entry = self.new_entry(node, "heading", text)
            entry.section = self.section[:-1]
            entry.links.extend(self.links(node))
            entry.text = text
            self.heading_entry = entry

    def attach(self, entry: Entry, node: Node) -> None:
        entry.links.extend(self.links(node))
        text = " ".join(plain_text(token) for token in node.inline_tokens())
        if text:
            entry.fields["description"] = (entry.fields.get("description", "") + " " + text).strip()
            entry.text = (entry.text + " " + text).strip()
        if node.map:
            entry.end_line = max(entry.end_line, node.map[1])

    # tables ---------------------------------------------------------------

    def table(self, node: Node) -> None:
        if is_navigation(self.links(node)):
            return  # a table of contents laid out as a table
        table_index = self.table_count
        self.table_count += 1
        headers: list[str] = []
        table = self.doc.table_index.starting_at(node.map[0]) if node.map else None
        for row in table.rows if table is not None else ():
            inlines = row.cells
            texts = [plain_text(i) for i in inlines]
            if row.header:
                headers = [t or f"column {i + 1}" for i, t in enumerate(texts)]
                continue
            entry = self.new_entry([row.line, row.line + 1], "table-row", "")
            entry.table = table_index
            entry.headers = headers
            for column, inline in enumerate(inlines):
                for link in self.links_by_inline.get(id(inline), []):
                    link.cell = column
                    entry.links.append(link)
            entry.fields = {h: texts[i] if i < len(texts) else "" for i, h in enumerate(headers)}
            title_column = _title_column(headers)
            title = texts[title_column] if title_column < len(texts) else ""
            if is_empty_marker(title) or not title:
                first = entry.main_link
                title = first.text if first else ""
            entry.title = title
            entry.text = " ".join(t for t in texts if not is_empty_marker(t))

    # lists ----------------------------------------------------------------

    def a_list(self, node: Node) -> None:
        items = [c for c in node.children if c.type == "list_item"]
        all_links = self.links(node)
        if not links_elsewhere(all_links):
            return  # prose bullets or navigation
        linked = [bool(self.own_links(item)) for item in items]
        among_linked = any(self.link_entry_like(item) for item in items)
        for item, has_own in zip(items, linked):
            sublists = [c for c in item.children if c.type in LIST_TYPES]
            sub_links = [l for s in sublists for l in self.links(s) if not l.is_anchor]
            if not has_own and sublists and sub_links and _entry_like(self, sublists):
                for sublist in sublists:
                    self.a_list(sublist)
            elif has_own and sublists and _entry_like(self, sublists, described=True):
                # "* [Cargo](…)" over "* [cargo-edit](…) - …": the parent is an entry and the
                # category of the entries under it
                parent = self.list_entry(item, [], among_linked)
                self.categories.append(parent.title)
                for sublist in sublists:
                    self.a_list(sublist)
                self.categories.pop()
            elif has_own or sub_links or ((any(linked) or among_linked) and self.inline_of(item) is not None):
                self.list_entry(item, sublists, among_linked)

    def link_entry_like(self, item: Node) -> bool:
        """Is this item shaped like a link entry: led by a web link, or with web links in
        its sub-bullets? Items whose only links sit inside a sentence are prose."""
        paragraphs = [c for c in item.children if c.type not in LIST_TYPES]
        inline = next((t for p in paragraphs for t in p.inline_tokens()), None)
        first = next((l for l in self.links_by_inline.get(id(inline), []) if l.kind != "image"), None)
        if _starts_with_link(inline) and first is not None and not first.is_anchor:
            return True
        sub_items = [c for s in item.children if s.type in LIST_TYPES for c in s.walk() if c.type == "list_item"]
        return any(self.labelled_link(self.inline_of(sub)) for sub in sub_items)

    def labelled_link(self, inline: Token | None) -> bool:
        """A sub-bullet that is a web link under a short label at most ("地址：https://…",
        "📄 [PDF](…)", "[Code](…)"), not a sentence that happens to hold one."""
        if inline is None:
            return False
        first = next((l for l in self.links_by_inline.get(id(inline), []) if l.kind != "image"), None)
        if first is None or first.is_anchor:
            return False
        label = strip_symbols(_text_before_first_link(inline, stripped=False))
        return len(label) <= 20 and len(label.split()) <= 3

    def list_entry(self, item: Node, sublists: list[Node], among_linked: bool = True) -> Entry:
        paragraphs = [c for c in item.children if c.type not in LIST_TYPES]
        first_inline = next((t for p in paragraphs for t in p.inline_tokens()), None)
        entry = self.new_entry(item, "list-item", _title_of(first_inline))
        entry.among_linked = among_linked
        texts: list[str] = []
        for paragraph in paragraphs:
            entry.links.extend(self.links(paragraph))
            texts.extend(plain_text(token) for token in paragraph.inline_tokens())
        own_text = " ".join(texts)
        description = _description(own_text, entry.title)
        if description:
            entry.fields["description"] = description
        extras: list[str] = []
        for sublist in sublists:
            for sub in (c for c in sublist.walk() if c.type == "list_item"):
                inline = next(iter(sub.inline_tokens()), None)
                links = self.own_links_all(sub)
                entry.links.extend(links)
                text = strip_symbols(plain_text(inline))
                texts.append(text)
                key, value = _field_of(text, links)
                if key and key not in entry.fields:
                    entry.fields[key] = value
                elif text:
                    extras.append(text)
        if extras:
            entry.fields["notes"] = "; ".join(extras)
        entry.text = " ".join(texts)
        return entry

    def own_links(self, item: Node) -> list[Link]:
        return [l for l in self.own_links_all(item) if not l.is_anchor and l.kind != "image"]

    def own_links_all(self, item: Node) -> list[Link]:
        links: list[Link] = []
        for child in item.children:
            if child.type not in LIST_TYPES:
                links.extend(self.links(child))
        return links

    # cards ----------------------------------------------------------------

    def link_led_quote(self, node: Node) -> bool:
        """``> **[Maven](…)** … <br>Description``: a card whose first paragraph is led by a link."""
        first = node.children[0] if node.children else None
        if first is None or first.type != "paragraph":
            return False
        inline = self.inline_of(first)
        return _starts_with_link(inline) and any(
            not l.is_anchor and l.kind != "image" for l in self.links_by_inline.get(id(inline), [])
        )

    def card(self, node: Node) -> None:
        heading = next((c for c in node.children if c.type == "heading"), None)
        if heading is None:
            self.quote_card(node)
            return
        title = strip_symbols(plain_text(self.inline_of(heading)))
        entry = self.new_entry(node, "card", title)
        venue = re.match(r"^\[([^\]]+)\]\s*(.+)$", title)
        if venue:
            entry.title = venue.group(2)
            entry.fields["venue"] = venue.group(1)
        texts = [title]
        entry.links.extend(self.links(node))
        for child in node.children:
            if child.type != "paragraph":
                continue
            text = strip_symbols(plain_text(self.inline_of(child)))
            texts.append(text)
            key, value = _field_of(text, self.links(child))
            if key:
                entry.fields[key] = value
        entry.text = " ".join(texts)

    def quote_card(self, node: Node) -> None:
        inline = self.inline_of(node)
        entry = self.new_entry(node, "card", _title_of(inline))
        entry.links.extend(self.links(node))
        text = " ".join(plain_text(token) for token in node.inline_tokens())
        description = _description(text, entry.title)
        if description:
            entry.fields["description"] = description
        entry.text = text

    # helpers --------------------------------------------------------------

    def new_entry(self, where: Node | list[int], kind: EntryKind, title: str) -> Entry:
        """An entry of the block at ``where`` (a node, or a table row's [first, last) lines)."""
        first, last = (where.map if isinstance(where, Node) else where) or (0, 1)
        entry = Entry(self.doc.path, first + 1, max(last, first + 1), kind, self.section, title)
        entry.start = self.doc.line_starts[first] if first < len(self.doc.line_starts) else 0
        self.entries.append(entry)
        return entry

    def inline_of(self, node: Node) -> Token | None:
        return next(iter(node.inline_tokens()), None)

    def links(self, node: Node) -> list[Link]:
        return [l for token in node.inline_tokens() for l in self.links_by_inline.get(id(token), [])]


def linkless_tables(entries: list[Entry]) -> set[int]:
    """Tables none of whose rows has a link: overviews and comparisons, not lists of works."""
    tables: dict[int, bool] = {}
    for entry in entries:
        if entry.table is not None:
            tables[entry.table] = tables.get(entry.table, False) or bool(entry.web_links)
    return {table for table, linked in tables.items() if not linked}


def is_empty_marker(text: str) -> bool:
    """A cell that says nothing about its entry: an empty-cell marker or a "no"."""
    return text.strip() in _says_nothing()


@lru_cache(maxsize=1)
def _says_nothing() -> frozenset[str]:
    return frozenset(data.patterns("empty_markers", "markers") + data.patterns("empty_markers", "negatives"))


_TITLE_HEADERS = {
    "name",
    "title",
    "model",
    "project",
    "dataset",
    "method",
    "tool",
    "library",
    "benchmark",
    "software",
    "package",
    "resource",
    "repository",
    "work",
    "paper title",
    "model name",
}


def _title_column(headers: list[str]) -> int:
    """The column that names the entry: the first headed Name, Title, Model ... else the first."""
    for index, header in enumerate(headers):
        words = strip_symbols(header).casefold()
        if words in _TITLE_HEADERS or words.rstrip("s") in _TITLE_HEADERS:
            return index
    return 0


def _starts_with_link(inline: Token | None) -> bool:
    """Is the first thing of this inline a link (inside emphasis, after emoji, counts)?"""
    for child in (inline.children if inline else None) or ():
        if child.type == "text" and not strip_symbols(child.content):
            continue
        if child.type in ("strong_open", "em_open"):
            continue
        return child.type == "link_open"
    return False


def _entry_like(extractor: _Extractor, sublists: list[Node], described: bool = False) -> bool:
    """Do the sub-bullets look like entries (each led by a link naming a work) rather
    than fields of their parent ("📄 [PDF](...)", "Journal: ...")? Under a linked parent
    (``described``) they must also say what the work is ("[cargo-edit](…) - adds …"):
    a bare "[Docs](…)" there is more likely the parent's own link."""
    items = [c for s in sublists for c in s.children if c.type == "list_item"]
    labels = set(data.load("link_labels")["labels"])
    led = 0
    for item in items:
        inline = extractor.inline_of(item)
        if _starts_with_link(inline):
            first = next((l for l in extractor.links_by_inline.get(id(inline), []) if l.kind != "image"), None)
            if first is None or first.text.strip().casefold() in labels:
                continue
            if described and not _description(plain_text(inline), first.text):
                continue
            led += 1
    return led * 2 > len(items)


def _title_of(inline: Token | None) -> str:
    if inline is None:
        return ""
    children = [c for c in inline.children or () if not (c.type == "text" and not strip_symbols(c.content))]
    if children and children[0].type in ("link_open", "strong_open", "em_open"):
        closing = children[0].type.replace("_open", "_close")
        parts = []
        for child in children[1:]:
            if child.type == closing:
                break
            parts.append(token_text(child))
        title = "".join(parts).strip()
        if title:
            return strip_symbols(title)
    text = strip_symbols(plain_text(inline))
    for separator in (" - ", " – ", " — ", ": ", "："):
        if separator in text:
            return text.split(separator, 1)[0].strip()
    before_link = _text_before_first_link(inline)
    if len(before_link) >= 3:
        return before_link  # "Title [[paper](…)] [[code](…)] (2024.07.11)"
    return text[:120]


def _text_before_first_link(inline: Token, stripped: bool = True) -> str:
    parts: list[str] = []
    for child in inline.children or ():
        if child.type == "link_open":
            text = "".join(parts)
            return strip_symbols(text).rstrip(" [(").strip() if stripped else text.strip()
        parts.append(token_text(child))
    return "" if stripped else "".join(parts)


def _description(text: str, title: str) -> str:
    text = strip_symbols(text)
    if title and text.startswith(title):
        text = text[len(title) :]
    return text.strip(" -–—:").strip()


def _field_of(text: str, links: list[Link]) -> tuple[str | None, str]:
    """``Journal: Nature`` -> ("Journal", "Nature"); ``[PDF](url)`` -> ("PDF", url)."""
    match = _FIELD.match(text)
    if match and len(match.group("key").split()) <= 4:
        return match.group("key").strip(), match.group("value").strip()
    web = [l for l in links if l.kind != "image"]
    if len(web) == 1 and text.strip() == web[0].text.strip() and web[0].text:
        return web[0].text.strip(), web[0].url
    return None, text


# --- which entry holds a place -------------------------------------------


def entry_of_offset(entries: list[Entry], doc: Document, offset: int) -> Entry | None:
    """The entry whose lines hold ``offset`` (entries are in line order, and do not overlap
    except a heading entry's span, so the last one starting at or before the line wins)."""
    starts = doc.derived(_entry_starts)
    if len(starts) != len(entries) or (entries and starts[0] != entries[0].line):  # another list of entries
        starts = [entry.line for entry in entries]
    line = doc.position(offset)[0]
    index = bisect.bisect_right(starts, line) - 1
    while index >= 0:
        entry = entries[index]
        if entry.line <= line <= entry.end_line:
            return entry
        if entry.kind != "heading":
            return None
        index -= 1
    return None


def entry_name(entry: Entry | None) -> str | None:
    """What a finding's ``entry`` field shows."""
    return entry.title or None if entry is not None else None
