"""The parsed form of the package's data files kept across processes (lawbook/parsed_cache.py): it is used only
for the exact bytes it was parsed from, and a damaged or missing entry means the file is parsed again."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from levynav.lawbook import datafiles, parsed_cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(parsed_cache, "FOLDER", folder)
    return folder


def _parse(raw: bytes) -> object:
    return yaml.safe_load(raw.decode("utf-8"))


def test_an_entry_is_used_only_for_the_bytes_it_was_parsed_from(tmp_path: Path, cache: Path) -> None:
    file = tmp_path / "table.yaml"
    file.write_text("a: 1\nb: 2026-01-05\n", encoding="utf-8")
    first = parsed_cache.parsed(file, "table.yaml", _parse)
    assert first == _parse(file.read_bytes()) and len(list(cache.iterdir())) == 1
    calls: list[bytes] = []

    def counting(raw: bytes) -> object:
        calls.append(raw)
        return _parse(raw)

    assert parsed_cache.parsed(file, "table.yaml", counting) == first and calls == []  # from the entry
    file.write_text("a: 3\n", encoding="utf-8")  # the data changed: the entry no longer matches its digest
    assert parsed_cache.parsed(file, "table.yaml", counting) == {"a": 3} and len(calls) == 1


def test_a_damaged_entry_is_parsed_again(tmp_path: Path, cache: Path) -> None:
    file = tmp_path / "table.yaml"
    file.write_text("- x\n- y\n", encoding="utf-8")
    parsed_cache.parsed(file, "table.yaml", _parse)
    (entry,) = cache.iterdir()
    entry.write_bytes(b"not a pickle")
    assert parsed_cache.parsed(file, "table.yaml", _parse) == ["x", "y"]


def test_an_unwritable_cache_folder_only_means_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(parsed_cache, "FOLDER", blocker / "cache")  # a folder cannot be made under a file
    file = tmp_path / "table.yaml"
    file.write_text("k: v\n", encoding="utf-8")
    assert parsed_cache.parsed(file, "table.yaml", _parse) == {"k": "v"}


def test_the_packaged_data_reads_the_same_through_the_cache(cache: Path) -> None:
    """Every packaged YAML file: parsed directly and through the cache (written, then read back), the same data."""
    files = sorted(datafiles.DATA.rglob("*.yaml"))
    assert files
    for file in files:
        direct = datafiles.parse(file.read_text(encoding="utf-8"))
        relative = str(file.relative_to(datafiles.DATA))
        assert parsed_cache.parsed(file, relative, datafiles._parse_bytes) == direct, relative  # written
        assert parsed_cache.parsed(file, relative, datafiles._parse_bytes) == direct, relative  # read back
