"""Link syntax that broke, read from what the parser made of it.

The token stream says what became a link and what stayed text; these shapes are what
hand-merged lists leave behind:

    [t](u1](u2)      stays text                 -> candidates u1, u2
    [t]([u1](u2))    a link whose target is "[u1](u2)"
    [t]([u1](u2)     text "[t](" then a link whose text is u1
    [t] (u)          text: a space between ] and (
    [t](u            text: never closed
    [t]([u)          a link whose target starts with a stray "["
    [t]((u)          text: a second "(" before the address
    [t](words here)  text: the target is words, not an address (GitHub shows it all as text)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from markdown_it.token import Token

from .document import Document
from .linkspans import Link, links_by_inline
from .spans import Spans

_URL = r"(?:https?://|www\.)[^\s()\[\]<>]*"
_MERGED = re.compile(
    r"\[(?P<text>[^\[\]\n]*)\]\(\s*(?P<u1>" + _URL + r")\]\((?P<u2>" + _URL + r"(?:\([^\s()]*\))?[^\s()\[\]<>]*)\)"
)
_SPACED = re.compile(r"\[(?P<text>[^\[\]\n]*[^\[\]\n\d][^\[\]\n]*)\][ \t]+\((?P<u1>" + _URL + r")\)")
_UNCLOSED = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\((?P<u1>" + _URL + r")(?=[\s|]|$)")
_INNER = re.compile(r"^\[?(?P<u1>" + _URL + r")\]\((?P<u2>" + _URL + r")\)?$")
_STRAY_BRACKET = re.compile(r"^\[(?P<u1>" + _URL + r")$")
# every text shape has a "]" then "(" (perhaps spaced) that no parsed link holds
_CLOSE_OPEN = re.compile(r"\][ \t]*\(")
_OPEN_BEFORE = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\(\s*$")
_DOUBLE_OPEN = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\(\((?P<u1>" + _URL + r")\)")
# '[BioRxiv](DoubletDecon: Cell-State Aware Removal …)': words where the address belongs
# (two words at least, the first not an address; a task box '[ ]'/'[x]' is not a link)
_WORDS_TARGET = re.compile(
    r"\[(?P<text>[^\[\]\n]*[^\[\]\n\sxX][^\[\]\n]*)\]\((?P<words>(?![a-z][a-z0-9+.-]*:/|www\.|/|#|\.)[^()\s<>\x00]+(?:[ \t]+[^()\s<>\x00]+)+)\)",
    re.I,
)


# how a link was broken: two links run together, '[[', '] (', never closed, words as the
# target, a link wrapped in another, a stray ']', an unclosed wrap
BrokenShape = Literal[
    "merged", "double-open", "spaced", "unclosed", "words-target", "wrapped", "stray-bracket", "unclosed-wrap"
]


@dataclass
class BrokenLink:
    start: int  # absolute span of the whole broken construct
    end: int
    text: str
    candidates: list[tuple[str, int]]  # (url, absolute offset where it is written)
    shape: BrokenShape
    label: str = ""  # the "[…]" as written, images and all, where the parser read one

    @property
    def written_label(self) -> str:
        return self.label or f"[{self.text}]"


def broken_links(doc: Document) -> list[BrokenLink]:
    return doc.derived(_find)


def _find(doc: Document) -> list[BrokenLink]:
    found: list[BrokenLink] = []
    by_inline = links_by_inline(doc)
    for token in doc.tokens:
        if token.type != "inline":
            continue
        taken: list[tuple[int, int]] = []
        for link in by_inline.get(id(token), []):
            broken = _from_link(doc, link)
            if broken is not None:
                found.append(broken)
                taken.append((broken.start, broken.end))
        content = token.content
        # what the parser did make into links, images and code is masked, so the text
        # patterns below only ever look at text
        masks = [
            child.meta["span"]
            for child in token.children or ()
            if child.markup != "linkify"  # a bare URL: the shapes below are made of them
            and "span" in child.meta
            and child.type in ("link_open", "image", "code_inline", "html_inline")
        ]
        if _only_inside(_CLOSE_OPEN.finditer(content), masks):
            continue  # every "](" belongs to a parsed link: no shape below can match
        found.extend(_text_shapes(doc, token, masks, taken))
    found.sort(key=lambda b: b.start)
    return found


def _only_inside(matches: Iterable[re.Match[str]], masks: list[tuple[int, int]]) -> bool:
    """Does every match start inside a mask? (Masks merged once and bisected: a paragraph
    of thousands of links stays linear.)"""
    merged = Spans.merged(masks)
    return all(merged.touches(match.start(), match.start() + 1) for match in matches)


def _text_shapes(
    doc: Document, token: Token, masks: list[tuple[int, int]], taken: list[tuple[int, int]]
) -> list[BrokenLink]:
    """The shapes that stayed text ("merged", "spaced", "unclosed") in one inline token."""
    offsets = doc.inline_offsets(token)
    masked = list(token.content)
    for low, high in masks:
        masked[low:high] = ["\x00"] * (high - low)
    text = "".join(masked)
    found = []
    shapes: tuple[tuple[BrokenShape, re.Pattern[str]], ...] = (
        ("merged", _MERGED),
        ("double-open", _DOUBLE_OPEN),
        ("spaced", _SPACED),
        ("unclosed", _UNCLOSED),
        ("words-target", _WORDS_TARGET),
    )
    for shape, pattern in shapes:
        for match in pattern.finditer(text):
            start, end = offsets[match.start()], offsets[match.end() - 1] + 1
            if any(low < end and start < high for low, high in taken):
                continue
            candidates = [
                (match.group(g), offsets[match.start(g)])
                for g in ("u1", "u2")
                if g in match.groupdict() and match.group(g)
            ]
            found.append(BrokenLink(start, end, match.group("text"), candidates, shape))
            taken.append((start, end))
    return found


def _label(doc: Document, link: Link) -> str:
    """The link's "[…]" as written: from its start to the "(" that opens its destination."""
    assert link.dest is not None
    return doc.text[link.start : doc.text.rindex("(", link.start, link.dest[0])]


def _from_link(doc: Document, link: Link) -> BrokenLink | None:
    if link.kind != "inline" or link.dest is None:
        return None
    written = doc.text[link.dest[0] : link.dest[1]]
    inner = _INNER.match(written)
    if inner and "](" in written:  # [t]([u1](u2))
        base = link.dest[0] + (1 if written.startswith("[") else 0)
        u1 = inner.group("u1")
        u2 = inner.group("u2")
        candidates = [(u1, base), (u2, link.dest[0] + written.index("](") + 2)]
        return BrokenLink(link.start, link.end, link.text, candidates, "wrapped", _label(doc, link))
    stray = _STRAY_BRACKET.match(written)
    if stray:  # [t]([u1): a bracket opened before the address and never closed
        return BrokenLink(
            link.start, link.end, link.text, [(stray.group("u1"), link.dest[0] + 1)], "stray-bracket", _label(doc, link)
        )
    # [t]([u1](u2): the parser made "[t](" text and a link whose text is u1
    if re.fullmatch(_URL, link.text or "") and link.text.startswith(("http", "www.")):
        line_start = doc.line_starts[doc.position(link.start)[0] - 1]
        before = doc.text[line_start : link.start]
        opened = _OPEN_BEFORE.search(before)
        if opened:
            start = line_start + opened.start()
            end = link.end + (1 if doc.text[link.end : link.end + 1] == ")" else 0)
            u1_offset = link.start + 1
            candidates = [(link.text, u1_offset), (link.url, link.dest[0])]
            return BrokenLink(start, end, opened.group("text"), candidates, "unclosed-wrap")
    return None
