"""The analysis as an HTML page in a language (``levynav render FILE.json --format html``)."""

from __future__ import annotations

import jinja2

from levynav.core.model.analysis import Analysis, Citation, Outcome
from levynav.explain import official_text
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

    def official(citations: list[Citation]) -> list[dict[str, str]]:
        """The official texts a finding's citations name (and a source read on an official host), each once."""
        out: list[dict[str, str]] = []
        for c in citations:
            out += [x for x in official_text.links_for(c.cite, c.source, lang) if x not in out]
        return out

    return env.get_template("analysis.html.j2").render(r=view, shown=shown, Outcome=Outcome, official=official)
