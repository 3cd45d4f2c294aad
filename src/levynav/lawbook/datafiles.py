"""Read the package's own data files (citation registry, parameters, messages, tables).

Files are read once per process and cached; rules never read files themselves.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA = Path(str(resources.files("levynav") / "data"))
# libyaml's loader parses the data files 10-20x faster than the pure-Python one; same safe constructors (dates,
# numbers, strings), so the values are the same. The pure-Python loader stands in where libyaml is missing.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: Any) -> Any:
    """YAML text (or an open file) to Python data, safely."""
    return yaml.load(text, Loader=SafeLoader)


def path(*parts: str) -> Path:
    return DATA.joinpath(*parts)


@functools.cache
def load_yaml(relative: str) -> Any:
    with path(relative).open(encoding="utf-8") as fh:
        return parse(fh)


@functools.cache
def merged_mapping(folder: str) -> dict[str, Any]:
    """Merge every ``*.yaml`` mapping in a data folder; a key defined twice is an error."""
    merged: dict[str, Any] = {}
    for file in sorted(path(folder).glob("*.yaml")):
        content = parse(file.read_text(encoding="utf-8")) or {}
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
        content = parse(file.read_text(encoding="utf-8")) or []
        if not isinstance(content, list):
            raise ValueError(f"{file.name}: expected a list at the top level")
        items.extend(content)
    return tuple(items)
