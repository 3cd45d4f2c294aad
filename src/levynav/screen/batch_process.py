"""The settings of a process while it screens a partition, each undone when its last partition ends.

Screening runs the same ``decide`` as one case (ADR 0015); these settings change how the interpreter runs it, never
what it computes, and a caller's process gets its own settings back when its partitions end (``for_batch``).

- **The cycle collector.** Python runs a young collection every 700 net new container objects; one analysis holds a
  few thousand at its peak (the record being built) and leaves no cycles behind (measured: 0 unreachable objects
  after 400 analyses), so at the default it ran about 1.5 collections per case, each also promoting the half-built
  record, and the full collections walked the law data every time: 10 % of a screening's time. For a partition, the
  objects that exist already (law data, modules, schemas) are set aside (``gc.freeze``) and a young collection waits
  for 50,000 new objects. Memory stays flat: cycles, if any, are still collected, only less often.
- **Attribute reads of the input models** (docs/adr/0019-model-attribute-reads.md). pydantic's ``BaseModel`` defines
  ``__getattr__``, which serves only a model's private attributes and its extra fields kept with
  ``extra="allow"``; a class with ``__getattr__`` anywhere above it is one whose attribute reads CPython 3.11 does not
  specialise, so every ``case.levies`` or ``levy.served_date`` of the rules took the slow, generic way (about 5 % of
  a screened case's instructions). While a partition runs, ``BaseModel.__getattr__`` is set aside — only when no
  model class loaded in the process has a private attribute or keeps extra fields (so no read can need it) and no
  other task can run beside the partition in the process (a Dask worker with one thread, or not a Dask worker) —
  and put back when the last partition ends.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

BATCH_YOUNG_THRESHOLD = 50_000

_NAME = "__getattr__"
_GETATTR: Any = BaseModel.__dict__.get(_NAME)  # pydantic's, as its module defined it

_batches = [0]  # partitions running now in this process (a Dask worker may run several in threads)
_lock = threading.Lock()
_threshold_before: list[tuple[int, int, int]] = []
_getattr_set_aside = [False]


@contextlib.contextmanager
def for_batch() -> Iterator[None]:
    """The settings above while the block runs (a partition), as the process had them after its last one."""
    with _lock:
        _batches[0] += 1
        if _batches[0] == 1:
            before = gc.get_threshold()
            _threshold_before[:] = [before]
            gc.freeze()
            gc.set_threshold(max(before[0], BATCH_YOUNG_THRESHOLD), *before[1:])
            if _GETATTR is not None and BaseModel.__dict__.get(_NAME) is _GETATTR and _reads_plain():
                delattr(BaseModel, _NAME)
                _getattr_set_aside[0] = True
    try:
        yield
    finally:
        with _lock:
            _batches[0] -= 1
            if _batches[0] == 0:
                if _getattr_set_aside[0]:
                    setattr(BaseModel, _NAME, _GETATTR)
                    _getattr_set_aside[0] = False
                gc.set_threshold(*_threshold_before[0])
                gc.unfreeze()


def model_reads_need_getattr() -> list[str]:
    """The model classes loaded in this process whose attribute reads may need ``BaseModel.__getattr__``: those with
    a private attribute or keeping extra fields (none is levynav's own: a test holds it)."""
    found, seen, stack = [], set(), list(BaseModel.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        stack += cls.__subclasses__()
        config = getattr(cls, "model_config", None) or {}
        if getattr(cls, "__private_attributes__", None) or config.get("extra") == "allow":
            found.append(f"{cls.__module__}.{cls.__qualname__}")
    return sorted(found)


def _reads_plain() -> bool:
    """Whether ``BaseModel.__getattr__`` may be set aside in this process now (the module's docstring)."""
    return _alone_in_process() and not model_reads_need_getattr()


def _alone_in_process() -> bool:
    """Whether no other task can run beside this one: not a Dask worker, or a worker with one thread."""
    distributed = sys.modules.get("distributed")  # a Dask worker has it imported; a process without it is no worker
    if distributed is None:
        return True
    try:
        worker = distributed.get_worker()
    except ValueError:  # not in a worker's task
        return True
    return int(getattr(worker.state, "nthreads", 0) or 0) == 1
