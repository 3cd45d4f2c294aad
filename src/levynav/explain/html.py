"""The analysis as an HTML page in a language (``levynav render FILE.json --format html``)."""

from __future__ import annotations

import jinja2

from levynav.core.model.analysis import Analysis, Outcome
from levynav.explain.render import render
from levynav.lawbook import datafiles


def analysis_html(record: Analysis, lang: str) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(datafiles.path("explain"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    view = render(record, lang)
    shown = [f for f in view.findings if f.outcome in (Outcome.APPLIES, Outcome.UNKNOWN)]
    return env.get_template("analysis.html.j2").render(r=view, shown=shown, Outcome=Outcome)
