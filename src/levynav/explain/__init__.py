"""Words for the record: message catalogs per language and the renderers that turn an Analysis into text.

The core (``levynav.core.analyze``) returns a language-free record: ids, outcomes, effects, dates, typed figures and
message references ``{key, args}``. Everything a person reads is put together here, from
``data/messages/<lang>/`` (English also reads ``data/plan`` and ``data/questions``), with dates, money and
plurals formatted per locale by Babel. Nothing here decides anything about the law.
"""

from __future__ import annotations

LANGS = ("en", "es")
