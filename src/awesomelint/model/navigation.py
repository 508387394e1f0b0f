"""Navigation: blocks whose links all lead to places on this page.

A table of contents, a section's own index, a year's list of weeks: a maintainer writes
them to move around the list, not as entries of it. This is the one definition the
readers share — entries are not read from such a block, layout counts its bullets apart
from the entries', off-topic does not take it for the list's introduction, and the
table-of-contents model (toc.py) finds its lists among them.
"""

from __future__ import annotations

from collections.abc import Iterable

from .document import Document
from .linkspans import Link, links_by_inline
from .tree import Node


def is_navigation(links: Iterable[Link]) -> bool:
    """Some link, images aside, and every one of them to a place on this page."""
    found = False
    for link in links:
        if link.kind == "image":
            continue
        if not link.is_anchor:
            return False
        found = True
    return found


def links_elsewhere(links: Iterable[Link]) -> bool:
    """Does any link (images aside) lead off this page? A block without one is navigation
    or prose, never a block of entries."""
    return any(link.kind != "image" and not link.is_anchor for link in links)


def is_navigation_block(doc: Document, node: Node) -> bool:
    """Is this block (a list, a table, a paragraph) navigation, by the links the parser made in it?"""
    index = links_by_inline(doc)
    return is_navigation(link for inline in node.inline_tokens() for link in index.get(id(inline), ()))
