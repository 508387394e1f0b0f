"""Small helpers the rules share."""

from __future__ import annotations

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
