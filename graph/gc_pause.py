"""Pausing Python's cyclic garbage collector around work that makes many long-lived objects at once.

The collector runs whenever allocations outnumber deallocations by a few hundred, and each run of its oldest
generation walks every tracked object alive. Extracting a file, unpickling an extraction or converting the
graph's facts makes hundreds of thousands of tuples, terms and dicts that stay alive until the work ends: the
collector then walks them again and again for nothing, as they are not garbage yet. Paused over one piece of work
(one file, one message, one index build) and resumed after it, it still collects the cycles that the work left,
once (bench/README.md, "Bulk load": the RNA extracts' ingest -24 % of CPU, an index build's conversion -33 %).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (reference counting still frees what it can).

    >>> with cyclic_gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
