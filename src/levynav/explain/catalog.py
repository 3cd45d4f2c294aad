"""The message catalogs: ``data/messages/<lang>/*.yaml`` (findings by rule id and message key, labels, page
words), plan steps and question prompts (English: ``data/plan``, ``data/questions``, ``data/finance_steps.yaml``;
other languages: ``data/messages/<lang>/plan/``, ``prompts/questions.yaml``, ``prompts/finance_steps.yaml``)."""

from __future__ import annotations

import functools
from typing import Any

from levynav.lawbook import datafiles

# top-level keys of data/messages/<lang>/*.yaml that are not rule ids
SECTIONS = (
    "title",
    "label",
    "ui",
    "summary",
    "history",
    "subject",
    "contact",
    "resource",
    "note",
    "deadline",
    "finance",
    "statute",  # the collection statute's timeline (Analysis.collection_statute)
    "finances",  # the ability-to-pay record's words (Analysis.finances: labels, notes, reasons)
    "reason",  # why a payment option fits or not (calc/alternatives.py, ``OptionResult.why``)
    "count",
    "notice_reading",
    "packet",
    "case_file",  # a case file the loader refuses (explain/case_file.py)
    "wage",  # the wage levy's exempt amount (calc/wage_exemption.py, ``WageExemption.notes`` and formula labels)
    "csed_timeline",  # the CSED engine's own timeline, notes and comparison (calc/csed*.py; `levynav transcript`)
    "transcript",  # the page words of `levynav transcript` (cli/transcript.py)
    "field",  # the case's fields in words (explain/field_names.py, fields.yaml)
    "notice_phrase",  # a notice named with its determiner ("{notice:el}": "la Carta 1058"; render.NoticeName)
)


class MessageMissing(KeyError):
    pass


@functools.cache
def messages(lang: str) -> dict[str, Any]:
    return datafiles.merged_mapping(f"messages/{lang}")


@functools.cache
def plan_texts(lang: str) -> dict[str, Any]:
    return datafiles.merged_mapping("plan" if lang == "en" else f"messages/{lang}/plan")


@functools.cache
def question_texts(lang: str) -> dict[str, Any]:
    if lang == "en":
        return datafiles.merged_mapping("questions")
    return dict(datafiles.load_yaml(f"messages/{lang}/prompts/questions.yaml") or {})


@functools.cache
def finance_texts(lang: str) -> dict[str, Any]:
    return dict(
        datafiles.load_yaml("finance_steps.yaml" if lang == "en" else f"messages/{lang}/prompts/finance_steps.yaml")
    )


@functools.cache
def document_texts(lang: str, name: str) -> dict[str, Any]:
    """The words of the packet's documents in a language other than English: ``messages/<lang>/documents/NAME.yaml``
    (checklist, letters and their reading copies, forms, gaps). English keeps them in ``data/documents``."""
    return dict(datafiles.load_yaml(f"messages/{lang}/documents/{name}.yaml") or {})


@functools.cache
def titles(lang: str) -> dict[str, str]:
    """Rule titles: English from the Rule records, other languages from their ``title`` section."""
    if lang != "en":
        return {str(k): str(v) for k, v in (messages(lang).get("title") or {}).items()}
    from levynav.core.law.catalog import MODULES
    from levynav.core.law.rule import Rule

    out: dict[str, str] = {}
    for module in MODULES:
        for value in vars(module).values():
            if isinstance(value, Rule):
                out.setdefault(value.id, value.title)
    return out


def template(key: str, lang: str) -> str:
    """The template of a message key: ``RULE-ID.situation`` or ``section.name[.more]``."""
    node: Any = messages(lang)
    head, _, rest = key.partition(".")
    if head not in node:
        raise MessageMissing(f"no message {key} in data/messages/{lang}")
    node = node[head]
    parts = rest.split(".") if rest else []
    while parts:  # a name may hold dots (a deadline id such as ``cdp.request``): the longest name that is there
        if not isinstance(node, dict):
            raise MessageMissing(f"no message {key} in data/messages/{lang}")
        n = next((n for n in range(len(parts), 0, -1) if ".".join(parts[:n]) in node), 0)
        if not n:
            raise MessageMissing(f"no message {key} in data/messages/{lang}")
        node, parts = node[".".join(parts[:n])], parts[n:]
    if not isinstance(node, str):
        raise MessageMissing(f"message {key} in data/messages/{lang} is not a sentence")
    return node


def has(key: str, lang: str) -> bool:
    try:
        template(key, lang)
    except MessageMissing:
        return False
    return True
