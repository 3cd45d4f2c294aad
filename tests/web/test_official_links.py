"""Every link on the result page that leaves the app goes to official text (``official_text.OFFICIAL_HOSTS``): the
law's sources are shown by their official text, never by the mirror or blog where the registry read them."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from levynav import analyze, load_case
from levynav.explain.official_text import is_official
from tests.test_official_text import external_links
from tests.web.conftest import AS_OF, EXAMPLES, example

NAMES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_the_result_page_links_only_official_text(client: TestClient, name: str, lang: str) -> None:
    result = analyze(load_case(EXAMPLES / name), AS_OF)
    code = client.post("/api/v1/cases", json=example(name)).json()["id"]
    page = client.get(f"/case/{code}/result?lang={lang}").text
    links = [h for h in external_links(page) if not h.startswith("http://testserver/")]  # the app's own pages
    off = [h for h in links if not is_official(h)]
    assert not off, (name, lang, off)
    # the page is not silent: a finding that rests on the Code links the Code's official text
    if any("U.S.C." in c.cite for f in result.findings for c in f.citations):
        assert any(h.startswith("https://uscode.house.gov/") for h in links), (name, lang)
    # where the registry read a text is provenance: off the page unless its host is official
    for f in result.findings:
        for c in f.citations:
            for word in c.source.split():
                if word.startswith("http") and not is_official(word.rstrip(";,.)")):
                    assert word.rstrip(";,.)") not in html.unescape(page), (name, lang, c.id)
