"""Bulk work: the cyclic garbage collector paused while a briefing loads, builds and renders.

A briefing of 10,000 stored extractions holds millions of small objects (models, tuples, strings), and keeps
them all until it is written. CPython's cyclic collector scans every tracked object at each full collection and
runs one each time the objects that survived grow by a quarter, so a bulk build pays for many scans of an ever
larger heap: about a third of the CPU time at 10,000 extractions, none of it freeing anything (these objects
hold no reference cycles; reference counting frees them). :func:`collector_paused` stops the automatic
collections for the duration of one such job and restores the collector's state after it, so a cycle made
meanwhile is still collected later. Nested uses leave the collector as the outermost found it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Automatic cyclic garbage collection off for the ``with`` block (or the decorated call), then as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
