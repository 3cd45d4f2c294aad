"""Read the package's own data files (citation registry, parameters, messages, tables).

Files are read once per process and cached (their parsed form also across processes: ``parsed_cache``); the core
never reads files itself, it is given the Law bundle built from them.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from levynav.lawbook import parsed_cache

DATA = Path(str(resources.files("levynav") / "data"))
# libyaml's loader parses the data files 10-20x faster than the pure-Python one; same safe constructors (dates,
# numbers, strings), so the values are the same. The pure-Python loader stands in where libyaml is missing.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: Any) -> Any:
    """YAML text (or an open file) to Python data, safely."""
    return yaml.load(text, Loader=SafeLoader)


def path(*parts: str) -> Path:
    return DATA.joinpath(*parts)


def _parse_bytes(raw: bytes) -> Any:
    return parse(raw.decode("utf-8"))


def _packaged_yaml(file: Path) -> Any:
    """A YAML file of the package's data, parsed (or its parsed form from ``parsed_cache``, checked by digest)."""
    return parsed_cache.parsed(file, str(file.relative_to(DATA)), _parse_bytes)


@functools.cache
def load_yaml(relative: str) -> Any:
    return _packaged_yaml(path(relative))


@functools.cache
def merged_mapping(folder: str) -> dict[str, Any]:
    """Merge every ``*.yaml`` mapping in a data folder; a key defined twice is an error."""
    merged: dict[str, Any] = {}
    for file in sorted(path(folder).glob("*.yaml")):
        content = _packaged_yaml(file) or {}
        if not isinstance(content, dict):
            raise ValueError(f"{file.name}: expected a mapping at the top level")
        for key, value in content.items():
            if key in merged:
                raise ValueError(f"{folder}: key {key!r} is defined twice ({file.name})")
            merged[key] = value
    return merged


@functools.cache
def merged_list(folder: str) -> tuple[Any, ...]:
    """Concatenate every ``*.yaml`` list in a data folder."""
    items: list[Any] = []
    for file in sorted(path(folder).glob("*.yaml")):
        content = _packaged_yaml(file) or []
        if not isinstance(content, list):
            raise ValueError(f"{file.name}: expected a list at the top level")
        items.extend(content)
    return tuple(items)
