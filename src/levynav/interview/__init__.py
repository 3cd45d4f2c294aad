"""The guided interview: a table (questions.yaml) and one function, ``next_questions(case, as_of, law)``."""

from levynav.interview.flow import InterviewQuestion, next_questions

__all__ = ["InterviewQuestion", "next_questions"]
