"""A stored case that no longer passes the case model's checks (changed through the API, or saved before a check this
version makes): the one change the fix page makes to the stored data (a value given again, or cleared). Its problems,
one per field as message keys, are named by ``intake.case_problems`` (the command line says them too).
"""

from __future__ import annotations

import re
from typing import Any

SEGMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")


# ---------------------------------------------------------------- the stored data, changed at one path


def _steps(path: str) -> list[tuple[str, int | None]]:
    steps: list[tuple[str, int | None]] = []
    for part in path.split("."):
        m = SEGMENT.match(part)
        if m is None:
            raise KeyError(path)
        steps.append((m.group(1), int(m.group(2)) if m.group(2) is not None else None))
    return steps


def value_at(data: Any, path: str) -> Any:
    """The stored value at a path (None when absent or when the data is not shaped as the path says)."""
    node = data
    try:
        steps = _steps(path)
    except KeyError:
        return None
    for name, index in steps:
        if not isinstance(node, dict):
            return None
        node = node.get(name)
        if index is not None:
            if not isinstance(node, list) or index >= len(node):
                return None
            node = node[index]
    return node


def _parent(data: Any, path: str) -> tuple[Any, str | int]:
    """The container holding the last step of the path, and that step's key or index; KeyError when the stored data
    is not shaped as the path says (a missing mapping on the way is made)."""
    steps = _steps(path)
    node = data
    for i, (name, index) in enumerate(steps):
        last = i == len(steps) - 1
        if not isinstance(node, dict):
            raise KeyError(path)
        if last and index is None:
            return node, name
        if node.get(name) is None and index is None:
            node[name] = {}
        node = node.get(name)
        if index is not None:
            if not isinstance(node, list) or index >= len(node):
                raise KeyError(path)
            if last:
                return node, index
            node = node[index]
    raise KeyError(path)


def set_at(data: dict[str, Any], path: str, value: Any) -> None:
    container, key = _parent(data, path)
    container[key] = value


def clear_at(data: dict[str, Any], path: str) -> None:
    """Remove the value at a path: a field is left out (unknown), a list's item is taken out of the list."""
    container, key = _parent(data, path)
    if isinstance(container, list):
        container.pop(int(key))
    elif key in container:
        del container[key]
