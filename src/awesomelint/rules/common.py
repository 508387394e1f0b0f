"""Small helpers the rules share."""

from __future__ import annotations

import bisect
from functools import cache

from .. import data
from ..document import Document
from ..findings import Edit
from ..linkspans import Link


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


def squeezed(text: str) -> str:
    """Letters and digits only, case-folded: 'Cutt.ly', 'cuttly' and 'CUTT-LY' compare equal."""
    return "".join(c for c in text.casefold() if c.isalnum())


@cache
def host_words() -> dict[str, list[str]]:
    """Words a link text uses for a site -> the hosts that fit it (rules/link_hosts.yaml):
    link-text-mismatch reports a contradiction, nested-link prefers the target it names."""
    return data.load("link_hosts")["names"]


def longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        at = bisect.bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[at] = value
            tail_index[at] = index
        previous[index] = tail_index[at - 1] if at else -1
    kept: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        kept.add(index)
        index = previous[index]
    return kept
