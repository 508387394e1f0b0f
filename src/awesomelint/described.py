"""List entries read as awesome lists write them: '[Name](url) - Description.'

The separator, the description and where each sits in the source, for the rules that
judge that shape (entry-separator, description-period, description-case,
description-repeats-name, unbalanced-quotes). Read once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document
from .entries import entries_of, strip_symbols
from .linkspans import token_text

# what stands between the name and the description: ' - ', ' – ', ' — ', ': ', a
# hyphen between no-break spaces, '-' with a missing space
# (a colon only with a space after it: ':penguin:' is an emoji code, not a separator)
_SEPARATOR = re.compile(r"^[ \t\u00a0]*(?:[-\u2013\u2014\u2212]|:(?=[ \t\u00a0]))[ \t\u00a0]*")


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


def _read(doc: Document, inline, line: int) -> Described | None:
    children = inline.children or []
    position = 0
    while position < len(children) and children[position].type == "text" and not strip_symbols(children[position].content):
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
    match = _SEPARATOR.match(rest)
    if match is None or not rest[match.end() :].strip():
        return None
    title = "".join(token_text(c) for c in children[position + 1 : close])
    after = children[close + 1 :]
    text = "".join(token_text(c) for c in after)
    separator_text = match.group(0)
    text = text[len(separator_text):] if text.startswith(separator_text) else text.lstrip(" \t\u00a0-\u2013\u2014\u2212:")
    last = next((c for c in reversed(after) if not (c.type == "text" and not c.content.strip())
                 and c.type not in ("softbreak", "hardbreak")), None)
    ends_in = last.type if last is not None else "text"
    offsets = doc.inline_offsets(inline)  # inline source position -> document offset
    sep_start = offsets[link_to]
    sep_end = offsets[link_to + match.end() - 1] + 1 if match.end() else sep_start
    end = offsets[len(content.rstrip()) - 1] + 1
    return Described(title, line, separator_text, sep_start, sep_end, text.strip(), end, ends_in,
                     str(link_open.attrs.get("href", "")))
