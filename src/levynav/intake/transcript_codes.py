"""The transaction-code table (``data/transcript/codes.yaml``) and the meaning of one transcript row.

Account transcripts print the code and its explanation, rarely the TC 971 action code or the TC 520
closing code, so those are read from the explanation wording where the table gives patterns (TX-3,
unverified). Every row gets a meaning; an unknown code keeps the explanation and is reported.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from levynav.intake.transcript_parse import Transaction
from levynav.lawbook import datafiles

TABLE = "transcript/codes.yaml"


@dataclass(frozen=True)
class CodeInfo:
    code: str
    meaning: str
    csed: str
    event: str
    status: str
    note: str | None = None


@dataclass(frozen=True)
class Meaning:
    """What one row means: its event, the code-table entry, and how sure we are."""

    event: str
    meaning: str
    status: str
    csed: str
    action_code: str | None = None
    kind: str | None = None  # for TC 520: bankruptcy | cdp | litigation | None (not known)
    closing_code: int | None = None
    known: bool = True
    note: str | None = None
    reverses: str | None = None  # TC 972 read as the reversal of a TC 971 action: the event it reverses


@functools.cache
def _table() -> dict[str, Any]:
    data = datafiles.load_yaml(TABLE)
    assert isinstance(data, dict)
    return data


@functools.cache
def codes() -> dict[str, CodeInfo]:
    return {
        str(e["code"]): CodeInfo(str(e["code"]), e["meaning"], e["csed"], e["event"], e["status"], e.get("note"))
        for e in _table()["codes"]
    }


def _matches(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text, re.I) for p in patterns)


def _action(tx: Transaction, code: str | None = None) -> dict[str, Any] | None:
    entries = [e for e in _table()["action_codes"] if str(e["code"]) == (code or tx.code)]
    if tx.action_code is not None:
        for e in entries:
            if str(e["ac"]) == tx.action_code:
                return dict(e)
        return None  # an action code printed that the table does not know is never read as another by its wording
    for e in entries:
        if _matches(e["patterns"], tx.text):
            return dict(e)
    return None


def _closing_kind(cc: int) -> str | None:
    for e in _table()["closing_codes"]:
        if int(e["from"]) <= cc <= int(e["to"]):
            return str(e["kind"])
    return None


def classify(tx: Transaction) -> Meaning:
    info = codes().get(tx.code)
    if info is None:
        return Meaning(
            "unknown",
            tx.explanation or "(no explanation printed)",
            "U",
            "none",
            known=False,
            note=f"TC {tx.code} is not in the code table; kept as printed",
        )
    if tx.code in {"971", "972"}:
        ac = _action(tx)
        if ac is None and tx.code == "972" and (undone := _action(tx, "971")) is not None:
            # A TC 972 reverses the TC 971 of the same action code (Document 6209): read by the reversed action's
            # code or wording, so a reversed suspension (a claim, a CDP notice) is never counted as still standing.
            return Meaning(
                "reversal",
                f"Reversal of TC 971 AC {undone['ac']} ({undone['meaning']})",
                "U",
                "none",
                action_code=str(undone["ac"]),
                note="action code read from the explanation (TX-3, unverified)" if tx.action_code is None else None,
                reverses=str(undone["event"]),
            )
        if ac is None:
            return Meaning(
                "notice" if tx.code == "971" else "other",
                info.meaning,
                info.status,
                "none",
                action_code=tx.action_code,
                note=(
                    "action code not printed and wording not recognized"
                    if tx.action_code is None
                    else "action code not in the table"
                ),
            )
        return Meaning(
            ac["event"],
            ac["meaning"],
            ac["status"],
            "suspends" if ac["event"] == "ia_pending" else "none",
            action_code=str(ac["ac"]),
            note="action code read from the explanation (TX-3, unverified)" if tx.action_code is None else None,
        )
    if tx.code in {"520", "521", "522"}:
        kind = _closing_kind(tx.closing_code) if tx.closing_code is not None else None
        note = None
        if kind is None and tx.closing_code is None:  # a printed closing code the table lacks is not guessed at
            for e in _table()["legal_action_patterns"]:
                if _matches(e["patterns"], tx.text):
                    kind, note = str(e["kind"]), "kind read from the explanation (TX-3, unverified)"
        return Meaning(
            info.event, info.meaning, info.status, info.csed, kind=kind, closing_code=tx.closing_code, note=note
        )
    if tx.code == "481" and _matches(_table()["offer_returned_patterns"], tx.text):
        return Meaning("oic_returned", "Offer in compromise returned", info.status, info.csed)
    csed = info.csed
    if csed == "own_csed_if_positive":
        csed = "own_csed" if tx.amount is not None and tx.amount > 0 else "none"
    return Meaning(info.event, info.meaning, info.status, csed, note=info.note)
