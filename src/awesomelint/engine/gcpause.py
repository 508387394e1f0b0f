"""Python's cyclic garbage collector paused while a file is processed.

A list of 100,000 entries makes millions of long-lived objects (markdown-it tokens,
the syntax tree, entries, links); the collector walks them again and again as they are
made, which cost a quarter of `check` on such a list. Nothing made while one file is
processed needs collecting before it is done, so the collector is off and runs once
between files, on the youngest generation only: the objects the last file made, not
the documents kept from earlier ones (their reports are printed at the end).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")


def collected_between(items: Iterable[Item]) -> Iterator[Item]:
    """Yield each item with the collector paused; collect the young objects between items."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for index, item in enumerate(items):
            if index:
                gc.collect(0)
            yield item
    finally:
        if was_enabled:
            gc.enable()
