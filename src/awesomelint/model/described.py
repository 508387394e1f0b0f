"""List entries read as awesome lists write them: '[Name](url) - Description.'

The separator, the description and where each sits in the source, for the rules that
judge that shape (entry-separator, description-period, description-case,
description-repeats-name, unbalanced-quotes). Read once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from .document import Document
from .entries import entries_of, strip_symbols
from .linkspans import token_text

# What stands between the name and the description, recognised whole: a dash (' - ',
# ' – ', ' — ', a minus, '-' with a missing space), a colon with a space after it
# (':penguin:' is an emoji code, not a separator), an arrow ('->', '-->', '=>', '→') or
# a run of dashes ('--', '---'). A mark glued to more mark characters ('---->', '-:')
# or followed by a second mark ('- - ', '- -text') is a shape this model does not know: such an
# entry is not read as described, so no rule rewrites a part of it.
_GAP = "[ \t\u00a0]"
_ARROWS = "\u2192\u27f6\u2794\u279c\u21d2"  # → ⟶ ➔ ➜ ⇒
_MARK = rf"(?:-{{1,3}}>|={{1,2}}>|[\u2013\u2014]>|[{_ARROWS}]|-{{1,3}}|[\u2013\u2014\u2212]|:(?={_GAP}))"
_SEPARATOR = re.compile(rf"^{_GAP}*(?P<mark>{_MARK}){_GAP}*")
_MARK_CHARACTERS = frozenset("-\u2013\u2014\u2212>=:~|" + _ARROWS)
DASHES = frozenset("-\u2013\u2014\u2212")  # one dash of any kind: the marks a safe fix may exchange


def separator_match(rest: str) -> re.Match[str] | None:
    """The separator at the start of ``rest`` (the text after the name link), recognised
    whole, or None when there is none or its shape is unknown."""
    match = _SEPARATOR.match(rest)
    if match is None:
        return None
    after_mark = rest[match.end("mark") : match.end("mark") + 1]
    if after_mark and after_mark in _MARK_CHARACTERS:
        return None  # '---->', '-:', '=>>': a longer mark than the model knows
    following = rest[match.end() : match.end() + 2]
    if following[:1] in _MARK_CHARACTERS and (following[:1] != ":" or following[1:2] in ("", " ", "\t", "\u00a0")):
        return None  # '- - text', '- > text', '- -text': a second mark, or a description that starts like one
    return match


def mark_of(separator: str) -> str:
    """The separator without the spaces around it: '-', '–', '->', ':'."""
    return separator.strip(" \t\u00a0")


@dataclass(frozen=True)
class Described:
    title: str
    line: int  # 1-based line of the item
    separator: str  # as written between the link and the description
    separator_start: int  # absolute offsets of the separator
    separator_end: int
    text: str  # the description as read (code spans as written, images by alt text)
    end: int  # absolute offset just past the description's last source character
    ends_in: str  # token type the description ends in: text, code_inline, link_close, image, html_inline…
    url: str  # the name link's target


def described_entries(doc: Document) -> list[Described]:
    return doc.derived(_described)


def entries_with_text(doc: Document) -> list[Described]:
    """The described entries whose description has text: what the description rules of
    `profile: awesome` judge (description-period, -case, -repeats-name, unbalanced-quotes)."""
    return [d for d in described_entries(doc) if d.text]


def _described(doc: Document) -> list[Described]:
    entry_lines = {e.line for e in entries_of(doc) if e.kind == "list-item"}
    found: list[Described] = []
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.type != "list_item_open" or not token.map or token.map[0] + 1 not in entry_lines:
            continue
        if index + 2 >= len(tokens) or tokens[index + 1].type != "paragraph_open":
            continue
        inline = tokens[index + 2]
        described = _read(doc, inline, token.map[0] + 1)
        if described is not None:
            found.append(described)
    return found


def _read(doc: Document, inline: Token, line: int) -> Described | None:
    children = inline.children or []
    position = 0
    while (
        position < len(children) and children[position].type == "text" and not strip_symbols(children[position].content)
    ):
        position += 1
    if position >= len(children) or children[position].type != "link_open" or "span" not in children[position].meta:
        return None
    link_open = children[position]
    close = next((i for i in range(position, len(children)) if children[i].type == "link_close"), None)
    if close is None or close + 1 >= len(children):
        return None
    content = inline.content
    link_to = link_open.meta["span"][1]
    rest = content[link_to:]
    match = separator_match(rest)
    if match is None or not rest[match.end() :].strip():
        return None
    title = "".join(token_text(c) for c in children[position + 1 : close])
    after = children[close + 1 :]
    text = "".join(token_text(c) for c in after)
    separator_text = match.group(0)
    if text.startswith(separator_text):
        text = text[len(separator_text) :]
    else:  # the source wrote the separator with an escape or entity: read it off the text as shown
        shown = separator_match(text)
        text = text[shown.end() :] if shown is not None else text.lstrip(" \t\u00a0")
    last = next(
        (
            c
            for c in reversed(after)
            if not (c.type == "text" and not c.content.strip()) and c.type not in ("softbreak", "hardbreak")
        ),
        None,
    )
    ends_in = last.type if last is not None else "text"
    offsets = doc.inline_offsets(inline)  # inline source position -> document offset
    sep_start = offsets[link_to]
    sep_end = offsets[link_to + match.end() - 1] + 1 if match.end() else sep_start
    end = offsets[len(content.rstrip()) - 1] + 1
    return Described(
        title,
        line,
        separator_text,
        sep_start,
        sep_end,
        text.strip(),
        end,
        ends_in,
        str(link_open.attrs.get("href", "")),
    )
