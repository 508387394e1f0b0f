"""Python's cyclic collector during a link run: on, over what the run makes alone."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

GC_YOUNG = 20_000  # objects made before the young generation is collected (Python's default: 700)


@contextmanager
def collecting() -> Iterator[None]:
    """The cyclic collector on while links are checked, over what the check makes alone.

    The command line turns the collector off for the whole command (a document's millions
    of objects need no collecting, see cli.py and engine/gcpause.py); each request leaves
    cyclic garbage (httpx's and httpcore's objects, tasks), which then piled up: 130 MB at
    20,000 links checked in one process. Frozen, the objects made before (the documents,
    the modules) are not walked; collected every `GC_YOUNG` new objects rather than 700,
    the collector cost 1 s of CPU at 20,000 links instead of 2 (measured in the workers)."""
    was_enabled = gc.isenabled()
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_YOUNG, 20, 20)
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()
        gc.set_threshold(*thresholds)
        gc.unfreeze()
