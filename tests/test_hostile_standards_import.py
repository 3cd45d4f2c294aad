"""`levynav data import-standards` with hostile edition folders: bytes that are not UTF-8, a cell larger than
the CSV reader takes, a table named by a path outside the folder. Each is a problem line naming the file,
exit 2, nothing installed, nothing written outside the data folder, no traceback (found by
tests/fuzz/drive_commands.py; each failed on the old code)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers import run_cli
from tests.test_cli_finances import new_edition


def _refused(folder: Path, says: str) -> str:
    code, out, err = run_cli("data", "import-standards", str(folder))
    assert code == 2, (code, out, err)
    assert says in err, err
    assert "Traceback" not in err + out and "nothing was installed" in err
    assert all(len(line) < 400 for line in err.splitlines())  # a huge cell is not printed back
    return err


def test_a_table_that_is_not_utf8_is_named(tmp_path: Path, user_standards: Path) -> None:
    folder = new_edition(tmp_path)
    with (folder / "health_care.csv").open("ab") as fh:
        fh.write(b"2026-06-01,under_65,\xff\xfe84,V\n")
    _refused(folder, "health_care.csv: not UTF-8 text")
    assert not user_standards.exists() or not any(user_standards.iterdir())


def test_a_cell_larger_than_the_csv_reader_takes_is_named_by_its_line(tmp_path: Path, user_standards: Path) -> None:
    folder = new_edition(tmp_path)
    lines = (folder / "health_care.csv").read_text().splitlines()
    with (folder / "health_care.csv").open("a") as fh:
        fh.write("2026-06-01,under_65," + "9" * 200_000 + ",V\n")
    _refused(folder, f"health_care.csv: line {len(lines) + 1} is not a readable CSV row")


def test_a_long_cell_is_not_printed_back(tmp_path: Path, user_standards: Path) -> None:
    folder = new_edition(tmp_path)
    with (folder / "health_care.csv").open("a") as fh:
        fh.write("2026-06-01,under_65," + "x" * 100_000 + ",V\n")
    _refused(folder, "is not an amount")


@pytest.mark.parametrize("name", ["../outside.csv", "/tmp/levynav-outside.csv", "sub/health_care.csv", "..", ""])
def test_a_table_named_by_a_path_is_refused(tmp_path: Path, user_standards: Path, name: str) -> None:
    folder = new_edition(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "health_care.csv").write_bytes((folder / "health_care.csv").read_bytes())
    (tmp_path / "outside.csv").write_bytes((folder / "health_care.csv").read_bytes())
    meta = yaml.safe_load((folder / "edition.yaml").read_text())
    meta["tables"]["health_care"]["file"] = name
    (folder / "edition.yaml").write_text(yaml.safe_dump(meta))
    says = "tables.health_care.file is required" if not name else "tables.health_care.file must be the name of a file"
    _refused(folder, says)
    assert not user_standards.exists() or not any(user_standards.iterdir())
    assert sorted(p.name for p in user_standards.parent.iterdir() if p.suffix == ".csv") == ["outside.csv"]


def test_tables_that_are_not_a_mapping_are_a_problem(tmp_path: Path, user_standards: Path) -> None:
    folder = new_edition(tmp_path)
    meta = yaml.safe_load((folder / "edition.yaml").read_text())
    meta["tables"] = ["national_standards.csv"]
    (folder / "edition.yaml").write_text(yaml.safe_dump(meta))
    _refused(folder, "tables must be a mapping")
