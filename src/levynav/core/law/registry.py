"""The citation registry: every reference id the code uses, with its citation, source and status.

Entries live in ``data/references/*.yaml`` as ``ID: {cite, source, summary, status}``; ids are the
rule ids of the shared reference (R6343-A1, CDP-5, CSED-3, …). Status: V verified against a primary
source, S secondary sources only, U unverified.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from levynav.core import lawdata
from levynav.core.model.analysis import Citation

STATUSES = {"V", "S", "U"}


def registry() -> dict[str, Citation]:
    """The citation registry of the active Law bundle (``lawdata``)."""
    return lawdata.active().citations  # type: ignore[return-value]


def citations_from(entries: Mapping[str, Any]) -> dict[str, Citation]:
    """The citations of the merged data/references (read by the adapter's loader, ``levynav.lawbook``)."""
    out: dict[str, Citation] = {}
    for rid, entry in entries.items():
        out[rid] = Citation(
            id=rid,
            cite=entry["cite"],
            source=entry["source"],
            summary=entry["summary"],
            status=entry["status"],
        )
    return out


def cite(rid: str) -> Citation:
    try:
        return registry()[rid]
    except KeyError:
        raise KeyError(f"citation id {rid!r} is not in the registry (data/references)") from None


def cites(ids: tuple[str, ...] | list[str]) -> list[Citation]:
    """The citations of ``ids``, in order; resolved once per Law bundle and id list (an index kept on the bundle),
    so a rule's findings do not look its sources up again and again. A fresh list each call (callers may add)."""
    index: dict[tuple[str, ...], tuple[Citation, ...]] = lawdata.active().index.setdefault("cites", {})
    key = tuple(ids)
    hit = index.get(key)
    if hit is None:
        hit = index[key] = tuple(cite(i) for i in key)
    return list(hit)


def sources(ids: tuple[str, ...], extra: tuple[str, ...] = ()) -> tuple[tuple[Citation, ...], tuple[str, ...]]:
    """A finding's sources: the citations of ``ids`` followed by those of ``extra`` not already among them, and the
    ids of the unverified ones (status U), in order. Worked out once per Law bundle and pair of id lists (an index
    kept on the bundle), as ``cites`` is: every finding of a rule has the same sources."""
    index: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[tuple[Citation, ...], tuple[str, ...]]]
    index = lawdata.active().index.setdefault("sources", {})
    hit = index.get((ids, extra))
    if hit is None:
        every = ids + tuple(c for c in extra if c not in ids) if extra else ids
        citations = tuple(cite(i) for i in every)
        hit = index[(ids, extra)] = (citations, tuple(c.id for c in citations if c.status == "U"))
    return hit
