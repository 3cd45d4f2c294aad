"""The core: ``analyze(case, as_of, law) -> Analysis``. Pure — no clock, no environment, no words; it imports
nothing outside ``levynav.core`` (tests/test_import_direction.py). Inside it: ``model`` (facts in, the decision
record out) ← ``calc`` (dates, CSED, standards, money) ← ``law`` (one module per legal question) ← ``derive``,
``plan``, ``analyze``. ``lawdata`` is the Law bundle the adapters build and pass in."""
