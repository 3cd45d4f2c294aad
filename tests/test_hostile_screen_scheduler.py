"""`levynav screen --scheduler` with an address that is not one, or that no scheduler answers: one line naming
--scheduler, exit 2, and no `.work` folder left beside OUT (found by tests/fuzz/drive_commands.py: a garbage
address was a traceback, an unanswered one took Dask's 30 s and then blamed --out, and both left OUT.work)."""

from __future__ import annotations

from pathlib import Path

import pytest

from levynav.screen import cluster, generate
from tests.helpers import run_cli


def _screen(tmp_path: Path, address: str) -> tuple[int, str]:
    source = tmp_path / "cases.jsonl"
    generate.write_cases(source, 5, seed=1, malformed_rate=0.0)
    code, _out, err = run_cli("screen", str(source), "--out", str(tmp_path / "o.csv"), "--scheduler", address)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.jsonl"], "nothing written beside OUT"
    return code, err


@pytest.mark.parametrize(
    "address",
    ["garbage:::", "foo://x:1", "", "tcp://", "tcp://host", "tcp://[::1]:99999", "host:0", "tcp://a b:1", "\u202e:1"],
)
def test_a_garbage_scheduler_address_is_refused_before_anything_is_written(tmp_path: Path, address: str) -> None:
    code, err = _screen(tmp_path, address)
    assert code == 2, err
    assert err.startswith("levynav: --scheduler: not a Dask scheduler address") and len(err.splitlines()) == 1, err


@pytest.mark.parametrize("address", ["tcp://10.0.0.5:8786", "tls://[::1]:8786", "sched-1.example.org:8786"])
def test_real_addresses_pass_the_check(address: str) -> None:
    assert cluster.scheduler_address_problem(address) is None


def test_an_address_no_scheduler_answers_is_one_line_and_leaves_no_work_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "SCHEDULER_CONNECT_SECONDS", 1)
    code, err = _screen(tmp_path, "tcp://127.0.0.1:1")  # port 1: nothing listens there
    assert code == 2, err
    assert err.startswith("levynav: --scheduler: no Dask scheduler answered") and len(err.splitlines()) == 1, err
