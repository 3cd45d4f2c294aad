"""The Rule record and the context every rule reads.

A rule is a plain function ``(case, ctx) -> list[Finding]`` (one finding per subject: the case, or
each levy). Next to it stands a ``Rule`` constant with its id, title and citation ids; the function
builds its findings with ``RULE.finding(...)``, so the citations travel with every answer. A finding holds
a message reference (``RULE-ID.key`` with typed values), never a sentence: the words live in
``data/messages/<lang>/*.yaml`` and are put together by ``levynav.explain``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Final, TypeVar

from levynav.core import lawdata
from levynav.core.calc.alternatives import AlternativesResult
from levynav.core.calc.csed_types import Events, PeriodCsed
from levynav.core.calc.decided import CsedValue as CsedValue
from levynav.core.calc.decided import Decided as Decided
from levynav.core.calc.decided import humanize as humanize
from levynav.core.law import registry
from levynav.core.model.ability_to_pay import AbilityToPay
from levynav.core.model.analysis import (
    Deadline,
    Effect,
    Finding,
    FindingShell,
    Outcome,
    ParamUse,
)
from levynav.core.model.case import Case
from levynav.core.model.message import Message, message_of

if TYPE_CHECKING:
    from levynav.core.calc.hardship import Picture


@dataclass(frozen=True, slots=True)  # slotted: made by a builder, once per analysis (derive.build_context)
class Context:
    """What a rule may read besides the case: the as-of date and facts derived by calculations."""

    as_of: date
    csed: dict[str, CsedValue] = field(default_factory=dict)
    hardship: Decided | None = None
    finances: AbilityToPay | None = None  # the typed ability-to-pay record (model/ability_to_pay.py)
    # the household's income and allowable expenses (calc/hardship.Picture), None without finances; a screen's
    # decision (``deciding_only``) reads its disposable income from here, the record not being built
    picture: Picture | None = None
    options: AlternativesResult | None = None  # the payment options, weighed once (law/payment_options.py reads)
    # the CSED engine's events and per-period results, computed once (law/csed_suspensions.py reads)
    csed_events: Events | None = None
    csed_periods: dict[str, PeriodCsed] = field(default_factory=dict)
    # case fields given but not usable as given (a county name that is two places, or none the tables know), each
    # with why, by reference: the open question for the field says it (``plan.questions``)
    problems: dict[str, Message] = field(default_factory=dict)
    # answers of rules already run for this case (``once``): a rule that needs another's answer reads it here
    answers: dict[Any, tuple[Case, list[Any]]] = field(default_factory=dict, compare=False, repr=False)


T = TypeVar("T")
RuleFunc = Callable[[Case, Context], list[Finding]]
DeadlineFunc = Callable[[Case, Context], list[Deadline]]


def once(rule: Callable[[Case, Context], list[T]]) -> Callable[[Case, Context], list[T]]:
    """Run a rule once per analysis: a rule that needs another rule's answer (the release grounds behind
    R6343-A7, the broken procedures behind the return rule) reads it from the context instead of re-running it.
    Also for what a rule and its deadline function both build (a notice's clock: the finding and the deadline).
    Every caller gets the same list, not a copy: read it, never change it."""

    @functools.wraps(rule)
    def answer(case: Case, ctx: Context) -> list[T]:
        hit = ctx.answers.get(rule)
        if hit is None or hit[0] is not case:
            hit = (case, rule(case, ctx))
            ctx.answers[rule] = hit
        return hit[1]  # the same list to every caller: they read it (the analysis copies what it keeps)

    return answer


def messages() -> dict[str, Any]:
    """The message catalog of the active Law bundle (``lawdata``)."""
    return lawdata.active().messages  # type: ignore[return-value]


def render(rule_id: str, key: str, variables: dict[str, Any]) -> str:
    try:
        template = messages()[rule_id][key]
    except KeyError:
        raise KeyError(f"no message {rule_id}.{key} in data/messages/en") from None
    return str(template).strip().format(**{k: humanize(v) for k, v in variables.items()})


# The members of Outcome and Effect as module constants, for the rules' function bodies (``rule.finding(APPLIES, …)``,
# ``outcome is UNKNOWN``): a member read from its class goes through the enum metaclass's ``__getattr__`` hook, about
# ten times the cost of reading a module constant, and the rules read one some 150 times an analysis.
APPLIES: Final = Outcome.APPLIES
DOES_NOT_APPLY: Final = Outcome.DOES_NOT_APPLY
NOT_APPLICABLE: Final = Outcome.NOT_APPLICABLE
UNKNOWN: Final = Outcome.UNKNOWN
MUST_RELEASE: Final = Effect.MUST_RELEASE
MAY_RELEASE: Final = Effect.MAY_RELEASE
PARTIAL_RELEASE: Final = Effect.PARTIAL_RELEASE
MUST_RETURN: Final = Effect.MUST_RETURN
MAY_RETURN: Final = Effect.MAY_RETURN
NO_LEVY: Final = Effect.NO_LEVY
LEVY_IMPROPER: Final = Effect.LEVY_IMPROPER
EXEMPT: Final = Effect.EXEMPT
ROUTE_OPEN: Final = Effect.ROUTE_OPEN
ROUTE_CLOSED: Final = Effect.ROUTE_CLOSED
DEADLINE: Final = Effect.DEADLINE
INFO: Final = Effect.INFO
# The release effects an IRS determination conditions (``Rule.on_determination``): a ground found on the facts that
# binds the IRS only once it agrees (§ 6343(a)(1)(B), (D); (E) on release of a part "without hindering").
_DETERMINED: Final = frozenset({MUST_RELEASE, PARTIAL_RELEASE})


# The types of the facts a shared finding may hold (``Rule.finding``): a flag, None, an enumeration member, whose
# equal values are the same value (a fact's path is a field of the case, of one type); and the others. Learnt type by
# type (``_learn``), checked by C calls over a finding's facts.
_FLAGS: set[type] = {bool, type(None)}
_OTHER: set[type] = set()


def _learn(facts: dict[str, Any]) -> bool:
    """Whether the facts are all of ``_FLAGS`` types, for types not met before: each put in ``_FLAGS`` or ``_OTHER``."""
    for value in facts.values():
        kind = type(value)
        (_FLAGS if issubclass(kind, Enum) else _OTHER).add(kind)
    return _FLAGS.issuperset(map(type, facts.values()))


# The most findings a rule shares under one bundle (``Rule.finding``): a rule meets a few dozen situations in a
# screening; keys hold a case's levy indexes, so the memo is emptied when full, as lawdata.kept, and a worker's memory
# stays flat (a quarter of lawdata.KEPT_LIMIT: a finding is larger than a kept value, and there is one memo a rule).
_SHARED_LIMIT: Final = 256


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    cites: tuple[str, ...]
    effect: Effect | None = None  # the effect when the rule applies
    # The effect holds only once the IRS determines the ground (e.g. § 6343(a)(1)(B), (D), and (E)'s "could be made
    # without hindering the collection"): every applying finding with a release effect (must or partial) carries
    # condition "irs_determination", so headlines and the summary say "if the IRS agrees".
    on_determination: bool = False
    # what every finding of the rule under one Law bundle shares, worked out on its first finding (``_said``):
    # (bundle, {extra ids of a situation: (citations, unverified ids)}, {message key: its message without values},
    # {a plain situation: its finding}); kept for the bundle last used; not a field
    _cited: ClassVar[tuple[Any, dict[tuple[str, ...], Any], dict[str, Message], dict[tuple[Any, ...], Any]] | None] = (
        None
    )

    def _said(self) -> tuple[Any, dict[tuple[str, ...], Any], dict[str, Message], dict[tuple[Any, ...], Any]]:
        """The rule's memo for the active Law bundle (``_cited``), made afresh when the bundle changed."""
        law = lawdata.active()
        memo = self._cited
        if memo is None or memo[0] is not law:
            memo = (law, {}, {}, {})
            object.__setattr__(self, "_cited", memo)  # a memo keyed by the (immutable) bundle, not a field
        return memo

    def finding(
        self,
        outcome: Outcome,
        key: str,
        *,
        effect: Effect | None = None,
        subject: str | None = None,
        facts: dict[str, Any] | None = None,
        params: Iterable[ParamUse] = (),
        missing: Iterable[str] = (),
        value: Any = None,
        deadline_ids: Iterable[str] = (),
        also_cites: Iterable[str] = (),
        **variables: Any,
    ) -> Finding:
        # ``also_cites``: a source that decides only this situation of the rule (one rule id, one question).
        # the citations and their unverified ids, worked out once per rule, Law bundle and situation (``_cited``;
        # read here without a method call: this runs for every finding)
        memo = self._cited
        if memo is None or memo[0] is not lawdata.running():  # checked with a C call (outside an analysis: _said)
            memo = self._said()
        _, sources, said, plain = memo
        extra = tuple(also_cites) if also_cites else ()
        situation: tuple[Any, ...] | None = None
        if not variables and not params and value is None and not deadline_ids:
            # a plain situation (no message values or parameters; facts, if any, only flags and enumeration members:
            # a third of the findings, most "unknown" or "not applicable") is the same finding in every analysis that
            # meets it, and a finding is frozen and read, never changed: made once per rule, Law bundle and
            # situation, held by every record that says it. The subject, missing fields and facts hold a case's levy
            # indexes: the memo is emptied when full, as lawdata.kept. (Facts of other kinds — dates — are made
            # afresh: a key of their values cost more than it saved.)
            missing = tuple(missing)  # once: an iterator would be spent by the key
            if not facts:
                situation = (key, outcome, effect, subject, missing, extra)
            elif _FLAGS.issuperset(map(type, facts.values())) or (
                _OTHER.isdisjoint(map(type, facts.values())) and _learn(facts)
            ):
                situation = (key, outcome, effect, subject, missing, extra, *facts.items())
            if situation is not None:
                found = plain.get(situation)
                if found is not None:
                    return found  # type: ignore[no-any-return]
        hit = sources.get(extra)
        if hit is None:
            hit = sources[extra] = registry.sources(self.cites, extra)
        cited, doubtful = hit
        params = [*params]
        unverified = [*doubtful]
        if params:
            unverified += [p.id for p in params if p.status not in {"V", "S"}]
        if effect is None and outcome is APPLIES:
            effect = self.effect
        if type(outcome) is not Outcome or (effect is not None and type(effect) is not Effect):
            raise TypeError(f"{self.id}: a finding's outcome is an Outcome and its effect an Effect")
        if variables:
            words = message_of(f"{self.id}.{key}", variables)  # this call's own keyword dict: not copied
        else:
            # a message without values is the same for every finding of the situation, and immutable (a frozen
            # record whose args no one changes): made once per rule and key, held by every finding that says it
            shared = said.get(key)
            if shared is None:
                shared = said[key] = message_of(f"{self.id}.{key}", {})
            words = shared
        # built from typed values without validating them again (model/construct.py; ADR 0014): a shell with
        # the finding's slots, filled, then made a Finding; the record test checks it is what validation makes
        built: Any = FindingShell()
        built.rule = self.id
        built.outcome = outcome
        built.effect = effect
        built.subject = subject
        built.message = words
        built.citations = [*cited]
        # the facts as given (a copy: the caller may go on filling its dict), shown as FactUse records when first read
        # (``Finding.facts``): a screen writing flags never reads them (ADR 0016)
        built.facts = facts.copy() if facts else []
        built.parameters = params
        built.missing = [*missing]
        built.value = value
        built.deadline_ids = [*deadline_ids]
        built.unverified = unverified
        built.message_key = key
        built.condition = (
            "irs_determination" if self.on_determination and outcome is APPLIES and effect in _DETERMINED else None
        )
        built.__class__ = Finding
        if situation is not None:
            if len(plain) >= _SHARED_LIMIT:
                plain.clear()
            plain[situation] = built
        return built  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Situation:
    """A rule in one of its situations, which an extra source decides (e.g. EH-1 with the reason-for-lateness
    source E-14): the same rule id and record, its findings cite the extra source too. Not a second Rule."""

    rule: Rule
    extra: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def title(self) -> str:
        return self.rule.title

    @property
    def effect(self) -> Effect | None:
        return self.rule.effect

    @property
    def cites(self) -> tuple[str, ...]:
        return self.rule.cites + tuple(c for c in self.extra if c not in self.rule.cites)

    def finding(self, outcome: Outcome, key: str, **kwargs: Any) -> Finding:
        return self.rule.finding(outcome, key, also_cites=self.extra, **kwargs)
