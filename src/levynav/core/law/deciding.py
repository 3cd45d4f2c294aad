"""Which findings decide something, and the rule functions whose findings never do (docs/adr/0017-informing-rules.md).

A finding *decides* when it applies, or is unknown, with an effect that releases, returns, bars or opens something —
a levy to be released (must or may), money to be returned (must or may), a levy made improperly, no new levy, a route
open today — or when it is of a rule whose every answer counts, whatever its effect: the premature-levy rule, the
rules that bar a levy, and economic hardship (a screening reads their "unknown" as an answer).

A rule function marked ``@informs`` gives only findings that do not decide: what a levy reaches, which exemption
statement to file, who acts for an estate, the notice clocks' own findings. ``decide(..., deciding_only=True)``
(the screen without the record) leaves them out: the flags read only deciding findings, and every deadline function
still runs. The full analysis runs them all; with ``CHECK_MARKS`` on (the test suite turns it on, tests/conftest.py)
it checks each marked function's answer (``check_informs``): a marked function that gives a deciding finding stops
the analysis, so a wrong mark fails every test that reaches it instead of silently changing a screened flag. Off (a
person's own analysis), the finding is kept and the analysis goes on: a wrong mark could only misstate a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Final, TypeVar

from levynav.core.model.analysis import Effect, Finding, Outcome

# The levy was made before the notices and waiting periods the law requires (§ 6330(a), § 6331(d)).
PREMATURE_RULES: Final = frozenset({"R6330-A1"})
# The levy was made while the law barred levy: offer or agreement pending, hearing pending, bankruptcy stay, refund
# suit, innocent-spouse claim, the Tax Court period on a notice of deficiency (§§ 6331(k), 6330(e), 362, 6331(i),
# 6015(e), 6213(a)).
BARRED_RULES: Final = frozenset({"R6331-K1", "R6331-K2", "R6330-E1", "RBK-362", "R6331-I1", "R6015-E1", "R6213-A1"})
# Economic hardship: the levy must be released (§ 6343(a)(1)(D)).
HARDSHIP_RULES: Final = frozenset({"R6343-A4"})
# The rules whose every applying or unknown finding decides, whatever its effect.
DECIDING_RULES: Final = PREMATURE_RULES | BARRED_RULES | HARDSHIP_RULES
# The effects that decide when a finding applies or is unknown.
DECIDING_EFFECTS: Final = frozenset(
    {
        Effect.MUST_RELEASE,
        Effect.MAY_RELEASE,
        Effect.MUST_RETURN,
        Effect.MAY_RETURN,
        Effect.LEVY_IMPROPER,
        Effect.NO_LEVY,
        Effect.ROUTE_OPEN,
    }
)
_ANSWERED: Final = frozenset({Outcome.APPLIES, Outcome.UNKNOWN})


def decides(finding: Finding) -> bool:
    """Whether ``finding`` decides (above): applies or is unknown, with a deciding effect or of a deciding rule."""
    return finding.outcome in _ANSWERED and (finding.effect in DECIDING_EFFECTS or finding.rule in DECIDING_RULES)


# Whether the full analysis checks the marked functions' answers (``check_informs``): on in the test suite
# (tests/conftest.py), off for a person's analysis, which a wrong mark must not stop.
CHECK_MARKS = False

F = TypeVar("F", bound=Callable[..., Any])
_INFORMING: set[Any] = set()


def informs(fn: F) -> F:
    """Mark a rule function whose findings never decide (``decides``); put it outermost, above ``once``."""
    _INFORMING.add(fn)
    return fn


def informing(fns: Iterable[Any]) -> frozenset[Any]:
    """The marked functions among ``fns`` (the catalog's rule functions)."""
    return frozenset(fn for fn in fns if fn in _INFORMING)


class InformingRuleDecided(AssertionError):
    """A rule function marked ``@informs`` gave a deciding finding: the mark is wrong (a defect of the code)."""


def check_informs(fn: Any, findings: list[Any]) -> None:
    """Stop when ``fn``, marked ``@informs``, gave a deciding finding (named by rule id, never by a fact)."""
    for finding in findings:
        if decides(finding):
            raise InformingRuleDecided(
                f"{getattr(fn, '__qualname__', fn)} is marked @informs but gave a deciding finding of {finding.rule}"
                f" ({finding.outcome.value}, {finding.effect.value if finding.effect else 'no effect'})"
            )
