"""What a transcript row's transaction code means, in a language. English: the code table's own words
(``data/transcript/codes.yaml``); other languages: ``transcript.code.CODE``, ``transcript.action.CODE_AC`` (a TC 971
or 972 action code) and ``transcript.code.oic_returned`` in data/messages/<lang>/. A code not in the table has no
meaning to give: the row's explanation, printed beside it as the transcript prints it, is all there is."""

from __future__ import annotations

from levynav.core.model.message import message
from levynav.explain import catalog
from levynav.explain.render import text
from levynav.intake.transcript_codes import Meaning
from levynav.intake.transcript_parse import Problem


def meaning(code: str, m: Meaning, lang: str) -> str:
    if not m.known:
        return catalog.template("transcript.code_unknown", lang)
    if lang == "en":
        return m.meaning
    if m.event == "oic_returned":
        return catalog.template("transcript.code.oic_returned", lang)
    if m.action_code is not None and catalog.has(f"transcript.action.{code}_{m.action_code}", lang):
        return catalog.template(f"transcript.action.{code}_{m.action_code}", lang)
    return catalog.template(f"transcript.code.{code}", lang)


def problem(p: Problem, lang: str) -> str:
    """One problem of a transcript read, with its line when it has one ("line 47: …")."""
    if p.line is None:
        return text(p.what, lang)
    return text(message("transcript.problem.line", line=p.line, what=p.what), lang)
