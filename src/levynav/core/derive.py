"""Facts the rules need that calculations decide: the CSED of each period, economic hardship.

Runs before the rules; the rules read the results from the ``Context``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from levynav.core import lawdata

# the finances' and the CSED engine's modules at module level: an import statement in a function ran the import
# machinery (a package's ``from … import`` goes through importlib's Python code) on every analysis
from levynav.core.calc import hardship as calc_hardship
from levynav.core.calc.csed import case_csed
from levynav.core.calc.csed_events import read_events
from levynav.core.calc.csed_types import AssessmentCsed, Events, PeriodCsed
from levynav.core.calc.expenses import FinancesInputError
from levynav.core.calc.options import options_result, options_section
from levynav.core.calc.standards import StandardsError
from levynav.core.law.rule import Context, CsedValue, Decided
from levynav.core.model.ability_to_pay import AbilityToPay
from levynav.core.model.analysis import Outcome
from levynav.core.model.case import Case, TaxpayerKind
from levynav.core.model.construct import builder, construct
from levynav.core.model.message import Message, field_arg, message, message_of

if TYPE_CHECKING:
    from levynav.core.calc.alternatives import AlternativesResult
    from levynav.core.calc.hardship import Picture


# made for every analysis: by their builders (model/construct.builder), without the ``object.__setattr__`` per field
# of a frozen dataclass's own ``__init__`` (about 1,500 machine instructions a field)
_context = builder(Context)
_csed_value = builder(CsedValue)


def stated_csed(case: Case) -> dict[str, CsedValue]:
    """The CSED of each period as the case states it (a fact, not computed)."""
    out: dict[str, CsedValue] = {}
    for p in case.tax_periods:
        stated = p.csed or p.irs_stated_csed
        if stated is not None:
            said = (message("statute.stated"),)
            out[p.id] = _csed_value(period_id=p.id, date=stated, basis="stated", explanation=said)
    return out


def _csed(case: Case, as_of: date, events: Events, computed: dict[str, PeriodCsed]) -> dict[str, CsedValue]:
    """CSED per tax period (owned by the CSED engine, issue 4).

    Computed (basis "computed") where the case gives assessment dates: the last CSED of the period's
    assessments, with each assessment's date and the suspensions in the explanation; the alternative is
    the date under the other counting reading (CSED-5, CSED-6) when it differs. Otherwise as stated.
    """
    out = stated_csed(case)
    for pid, pc in computed.items():
        last = pc.date  # a property (the latest assessment's): read once
        if last is None:
            continue
        parts: list[Message] = []
        said = lawdata.kept("derive.assessment_words")
        for a in pc.assessments:
            # the assessment's sentence follows from its dates and counts alone: made once per Law bundle and values,
            # kept on the bundle (a shared message record, never changed), as the no-value messages are (``message``)
            key = (a.original, a.assessed, a.suspended_days, a.date, a.provisional, a.alternative)
            words = said.get(key)
            if words is None:
                words = said[key] = _assessment_words(a)
            parts.append(words)
            if a.counted:
                named = {(s.ref, s.chapter, s.tc): s for s in a.counted if s.ref.startswith("CSED-3.")}
                parts.append(message("statute.paused_by", events=[s.name for s in named.values()]))
        if pc.differs:
            parts.append(message("statute.stated_differs", stated=pc.stated))
        out[pid] = _csed_value(
            period_id=pid, date=last, basis="computed", explanation=tuple(parts), alternative=pc.alternative
        )
    return out


def _assessment_words(a: AssessmentCsed) -> Message:
    """An assessment's CSED in words: the date, or both readings when the other counting reading differs."""
    kind = message("statute.kind.original" if a.original else "statute.kind.additional")
    # each message's values made in their order as one dict, which becomes the message's (``message_of``)
    other = a.alternative
    if other is not None and other > a.date:
        # Safer date first: the later reading leads, the other beside it (ADR 0002).
        later = _at_least(other, a.provisional)
        words: dict[str, Any] = {"kind": kind, "assessed": a.assessed, "days": a.suspended_days}
        words |= {"later": later, "other": a.date}
        return message_of("statute.assessment_two_readings", words)
    if other is not None:
        csed = _at_least(a.date, a.provisional)
        words = {"kind": kind, "assessed": a.assessed, "days": a.suspended_days, "csed": csed, "other": other}
        return message_of("statute.assessment_other_earlier", words)
    words = {"csed": _at_least(a.date, a.provisional), "kind": kind, "assessed": a.assessed}
    words["days"] = a.suspended_days
    return message_of("statute.assessment", words)


def _at_least(day: date, provisional: bool) -> date | Message:
    """A CSED, or "at least" it while a suspension is still running."""
    return message("statute.at_least", day=day) if provisional else day


Weighed = tuple[Decided | None, AbilityToPay | None, "AlternativesResult | None", "Picture | None", dict[str, Message]]


def _finances(case: Case, as_of: date, csed: dict[str, CsedValue], with_record: bool = True) -> Weighed:
    """Economic hardship, the finances section, the payment options (owned by the ability-to-pay work, issue 3), the
    household's picture and the case field that cannot be used as given, with why (``Context.problems``).

    ``(None, None, None, None, {})`` when the case has no finances (a business's payment plans are weighed without
    them).
    Finances that cannot be used (a county in no standards table, a damaged imported edition) leave hardship
    UNKNOWN with the reason, and the options unweighed. Without ``with_record`` (a screen's decision, ADR 0017) the
    section of a household's finances is not built: the hardship, the options and the picture are the same.
    """
    try:
        picture = calc_hardship.financial_picture(case, as_of)
    except FinancesInputError as err:
        why = err.why or message("finances.error.cannot_use", field=field_arg(err.path))
        decided = Decided(
            Outcome.UNKNOWN,
            message("finances.hardship.cannot_measure", field=field_arg(err.path), reason=why),
            missing=(err.path,),
        )
        return decided, construct(AbilityToPay, as_of=as_of, error=why), None, None, {err.path: why}
    except StandardsError:
        # the installation's problem, not the person's: the record says so by key (the CLI's ``data`` commands
        # name the file); no English text in the record
        decided = Decided(Outcome.UNKNOWN, message("finances.hardship.standards_unreadable"))
        error = message("finances.error.standards_unreadable")
        return decided, construct(AbilityToPay, as_of=as_of, error=error), None, None, {}
    if picture is None:
        if case.taxpayer.kind is TaxpayerKind.BUSINESS and case.tax_periods:
            # A business's payment plans (in-business trust fund express, Simple Payment Plan) need no financial
            # statement, so they are weighed even without household finances.
            options = options_result(case, as_of, csed, None)
            return None, construct(AbilityToPay, options=options_section(options)), options, None, {}
        return None, None, None, None, {}
    take = calc_hardship.levy_take(case, as_of)
    decided = calc_hardship.economic_hardship(case, picture, as_of, take)
    options = options_result(case, as_of, csed, picture)
    if not with_record:
        return decided, None, options, picture, {}
    section = calc_hardship.finances_record(picture, decided, take, options_section(options))
    return decided, section, options, picture, {}


def build_context(case: Case, as_of: date, finances_record: bool = True) -> Context:
    """What the rules read besides the case; without ``finances_record`` (a screen's decision, ADR 0017) the
    finances section is not built (``Context.finances`` None where a household's finances were weighed)."""
    events = read_events(case, as_of)
    # the dates alone: the timelines' words are the transcript report's (cli/transcript.py), not the record's
    computed = case_csed(case, as_of, events=events, words=False)
    csed = _csed(case, as_of, events, computed)
    hardship, finances, options, picture, problems = _finances(case, as_of, csed, finances_record)
    return _context(
        as_of=as_of,
        csed=csed,
        hardship=hardship,
        finances=finances,
        options=options,
        picture=picture,
        csed_events=events,
        csed_periods=computed,
        problems=problems,
    )
