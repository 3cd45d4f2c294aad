"""The settings a process takes while it screens a partition (screen/batch_process.py; ADR 0019): each undone when
the partition ends, the models' attribute reads set aside only when no read can need pydantic's ``__getattr__``."""

from __future__ import annotations

import importlib
import json
import pkgutil
import threading
from datetime import date

import pytest
from pydantic import BaseModel, PrivateAttr

import levynav
from levynav.core.analyze import decide
from levynav.core.model.case import Case
from levynav.screen import batch_process, generate
from levynav.screen.flags import decision_flags
from levynav.screen.partition import screen_partition

AS_OF = date(2026, 11, 23)
GETATTR = BaseModel.__dict__["__getattr__"]


def _import_every_levynav_module() -> None:
    for module in pkgutil.walk_packages(levynav.__path__, "levynav."):
        if module.name.endswith("__main__") or module.name.startswith("levynav.store.migrations"):
            continue  # the command line's entry (it runs the CLI) and Alembic's scripts (they need Alembic's context)
        importlib.import_module(module.name)


def test_no_levynav_model_has_a_read_that_needs_pydantic_getattr() -> None:
    """What makes setting ``BaseModel.__getattr__`` aside safe for levynav's own models: none of them declares a
    private attribute or keeps extra fields (every module imported, the web's and the store's models among them)."""
    _import_every_levynav_module()
    assert [name for name in batch_process.model_reads_need_getattr() if name.startswith("levynav.")] == []


def test_the_getattr_is_set_aside_during_a_partition_and_put_back_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_process, "model_reads_need_getattr", lambda: [])
    with batch_process.for_batch():
        assert "__getattr__" not in BaseModel.__dict__
        with batch_process.for_batch():  # a second partition in another thread of the process: still aside
            assert "__getattr__" not in BaseModel.__dict__
        assert "__getattr__" not in BaseModel.__dict__  # until the last one ends
    assert BaseModel.__dict__["__getattr__"] is GETATTR


def test_the_getattr_is_put_back_when_a_partition_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_process, "model_reads_need_getattr", lambda: [])
    with pytest.raises(RuntimeError), batch_process.for_batch():
        raise RuntimeError("a fault inside the partition")
    assert BaseModel.__dict__["__getattr__"] is GETATTR


def test_a_loaded_model_with_a_private_attribute_keeps_the_getattr() -> None:
    """Another library's model in the process reads its private attribute through ``__getattr__``: it is kept."""

    class Holder(BaseModel):
        _secret: int = PrivateAttr(default=7)

    assert any(name.endswith("Holder") for name in batch_process.model_reads_need_getattr())
    with batch_process.for_batch():
        assert BaseModel.__dict__["__getattr__"] is GETATTR
        assert Holder()._secret == 7
    assert BaseModel.__dict__["__getattr__"] is GETATTR


def test_a_dask_worker_with_several_threads_keeps_the_getattr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another task may run beside the partition in a worker with threads: its models are not ours to change."""

    class State:
        nthreads = 4

    class Worker:
        state = State()

    class Distributed:
        @staticmethod
        def get_worker() -> Worker:
            return Worker()

    monkeypatch.setattr(batch_process, "model_reads_need_getattr", lambda: [])
    monkeypatch.setitem(__import__("sys").modules, "distributed", Distributed)
    with batch_process.for_batch():
        assert BaseModel.__dict__["__getattr__"] is GETATTR
    State.nthreads = 1
    with batch_process.for_batch():
        assert "__getattr__" not in BaseModel.__dict__
    assert BaseModel.__dict__["__getattr__"] is GETATTR


def test_the_flags_are_the_same_with_the_getattr_set_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Same code, same answers: a partition's flags, the reads set aside, are those of ``decide`` without."""
    monkeypatch.setattr(batch_process, "model_reads_need_getattr", lambda: [])
    cases = [data for _, data in generate.cases(60, seed=19)]
    lines = [json.dumps(c) for c in cases]
    result = screen_partition(0, "jsonl", 1, lines, AS_OF, False)
    assert BaseModel.__dict__["__getattr__"] is GETATTR
    for data, row in zip(cases, result.rows, strict=True):
        data = {k: v for k, v in data.items() if k not in ("id", "case_id")}
        try:
            case = Case.model_validate(data)
        except ValueError:
            assert row["status"] == "error"
            continue
        expected = decision_flags(decide(case, AS_OF, deciding_only=True)).as_row()
        assert row["status"] == "ok"
        assert {k: row[k] for k in expected} == expected


def test_partitions_in_threads_leave_the_process_as_they_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    monkeypatch.setattr(batch_process, "model_reads_need_getattr", lambda: [])
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    lines = [json.dumps(c) for _, c in generate.cases(12, seed=5)]
    results: list[int] = []
    threads = [
        threading.Thread(
            target=lambda i=i: results.append(
                sum(r["status"] == "ok" for r in screen_partition(i, "jsonl", 1, lines, AS_OF, False).rows)
            )
        )
        for i in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3 and len(set(results)) == 1
    assert BaseModel.__dict__["__getattr__"] is GETATTR
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen
