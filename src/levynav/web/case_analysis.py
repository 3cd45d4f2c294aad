"""The analysis of a case revision, made once: the pages of one interview step (the answer, the next question, its
banner) and the result page read the same Analysis and the same rendered words until the case changes.

A revision is the case's canonical JSON (its SHA-256) with the analysis date; the packaged law is loaded once per
process and passed in. Entries are values: nothing mutates an Analysis after ``analyze`` made it.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from levynav.core.analyze import analyze
from levynav.core.lawdata import Law
from levynav.core.model.analysis import Analysis
from levynav.core.model.case import Case
from levynav.interview.flow import InterviewQuestion, next_questions
from levynav.web import emergency, words

T = TypeVar("T")


class CaseAnalyses:
    """A bounded, thread-safe memo of what the pages need from ``analyze`` per case revision."""

    def __init__(self, law: Law, size: int = 1024) -> None:
        self.law = law
        self.size = size
        self._memo: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._recorded: OrderedDict[tuple[str, str, date], None] = OrderedDict()

    @staticmethod
    def revision(case: Case) -> str:
        return hashlib.sha256(case.model_dump_json(exclude_none=True).encode()).hexdigest()

    def _get(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                hit: T = self._memo[key]
                return hit
        value = make()  # outside the lock: two requests for one new revision may both compute it (same value)
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > self.size:
                self._memo.popitem(last=False)
        return value

    def analysis(self, case: Case, as_of: date) -> Analysis:
        return self._get(("analysis", self.revision(case), as_of), lambda: analyze(case, as_of, self.law))

    def questions(self, case: Case, as_of: date) -> list[InterviewQuestion]:
        def make() -> list[InterviewQuestion]:
            return next_questions(case, as_of, self.law, analysis=self.analysis(case, as_of))

        return self._get(("questions", self.revision(case), as_of), make)

    def view(self, case: Case, as_of: date, lang: str) -> dict[str, Any]:
        """What the pages show of the analysis, in ``lang`` (``words.render_analysis``)."""
        rev = self.revision(case)
        return self._get(("view", rev, as_of, lang), lambda: words.render_analysis(self.analysis(case, as_of), lang))

    def banner(self, case: Case, as_of: date, lang: str) -> dict[str, Any] | None:
        """The "act now" banner of the case in ``lang`` (``emergency.banner``)."""
        rev = self.revision(case)
        return self._get(("banner", rev, as_of, lang), lambda: emergency.banner(case, self.analysis(case, as_of), lang))

    def timeline(self, case: Case, as_of: date, lang: str) -> str:
        """The timeline picture (SVG) of the case's dates and deadlines, in ``lang``."""
        from levynav.documents.timeline import timeline_svg

        rev = self.revision(case)
        return self._get(
            ("timeline", rev, as_of, lang),
            lambda: timeline_svg(case, self.analysis(case, as_of), lang, today="packet.timeline_today_page"),
        )

    def first_record(self, code: str, case: Case, as_of: date) -> bool:
        """True the first time this process shows this revision of this case on this date: the page then saves the
        analysis, not at every view of the result page. Another worker process has its own memo and saves it too;
        the store keeps one row (``Store.record_analysis``)."""
        key = (code, self.revision(case), as_of)
        with self._lock:
            if key in self._recorded:
                return False
            self._recorded[key] = None
            while len(self._recorded) > self.size:
                self._recorded.popitem(last=False)
        return True
