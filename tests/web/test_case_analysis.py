"""The pages' memo of analyses per case revision: the same record as ``analyze``, made again when the case changes."""

from __future__ import annotations

from levynav import analyze, lawbook, load_case
from levynav.core.model.case import Case
from levynav.web import words
from levynav.web.case_analysis import CaseAnalyses
from tests.web.conftest import AS_OF, EXAMPLES

BANK = "bank-levy-hardship-21-day-hold.yaml"


def test_one_analysis_per_revision_and_a_new_one_when_the_case_changes() -> None:
    memo = CaseAnalyses(lawbook.packaged(), size=4)
    case = load_case(EXAMPLES / BANK)
    first = memo.analysis(case, AS_OF)
    assert first == analyze(case, AS_OF)
    assert memo.analysis(Case.model_validate(case.model_dump()), AS_OF) is first  # same facts: same record
    assert memo.view(case, AS_OF, "es") == words.render_analysis(first, "es")
    released = case.model_copy(update={"levies": [case.levies[0].model_copy(update={"released_date": AS_OF})]})
    second = memo.analysis(released, AS_OF)
    assert second is not first and second == analyze(released, AS_OF)
    assert memo.analysis(case, AS_OF.replace(day=24)) == analyze(case, AS_OF.replace(day=24))  # the date is a key
    for n in range(6):  # bounded: old revisions are dropped, and made again when asked
        memo.analysis(case.model_copy(update={"levies": []}), AS_OF.replace(day=1 + n))
    assert memo.analysis(case, AS_OF) == first


def test_the_analysis_is_recorded_once_per_revision() -> None:
    memo = CaseAnalyses(lawbook.packaged())
    case = load_case(EXAMPLES / BANK)
    assert memo.first_record("code", case, AS_OF)
    assert not memo.first_record("code", case, AS_OF)
    assert memo.first_record("other", case, AS_OF)
