"""Hostile values in the words made from today's record parts (round 7): the reason a county is asked
(``Question.why``) and a notice named with its determiner (``{notice:el}``, render.NoticeName).

A county typed with braces, format specs and markup ('{0}', '{notice:el}', '%s', '[bold]') is a value, never part of
a template: every output — terminal text, JSON, the packet, the web result page (in
tests/web/test_result_why_missing.py) — shows it as typed, in both
languages, with no traceback. Every notice type has every determiner form a template may ask for. A county code of
another state than the one given is asked again, saying both (never the other state's housing figure). And the
renderer keeps nothing by a person's words: a long-lived server's memory does not grow with the texts it names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from levynav.cli.app import app
from levynav.core.model.case import NoticeType
from levynav.explain import catalog, render

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AS_OF = "2026-11-23"
runner = CliRunner()
FEW = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
LANGS = ("en", "es")
TRAPS = [
    "{0}",
    "{notice:el}",
    "{notice}",
    "%s",
    "%(x)s",
    "{",
    "}",
    "{{",
    "}}",
    '"',
    "'",
    "«",
    "[bold]",
    "[/]",
    "{county}",
]
# a county typed with the traps: printable, as a person could type it (no control characters, which the reader
# refuses on its own), and no name of a real county
COUNTIES = st.lists(
    st.sampled_from(TRAPS) | st.text(st.characters(categories=("L", "N", "Zs", "P", "S")), max_size=8),
    min_size=1,
    max_size=5,
).map(lambda parts: "Zzyzx " + "".join(parts) + " {0}")


def _case(tmp_path: Path, taxpayer: dict[str, Any]) -> Path:
    data = yaml.safe_load((EXAMPLES / "expensive-county-wage-levy-finances.yaml").read_text(encoding="utf-8"))
    data["taxpayer"] = {k: v for k, v in data["taxpayer"].items() if k not in ("county", "county_fips")} | taxpayer
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _folded(s: str) -> str:
    return " ".join(s.split())


def _why(output: str, path: str) -> dict[str, Any]:
    asked = {q["path"]: q for q in json.loads(output)["questions"]}
    why: dict[str, Any] = asked[path]["why"]
    return why


@FEW
@given(county=COUNTIES)
def test_a_county_with_format_characters_is_said_as_typed_everywhere(tmp_path_factory: Any, county: str) -> None:
    tmp = tmp_path_factory.mktemp("case")
    path = _case(tmp, {"state": "OH", "county": county})
    made = runner.invoke(app, ["analyze", str(path), "--as-of", AS_OF, "--format", "json"])
    assert made.exit_code == 0, made.output
    why = _why(made.output, "taxpayer.county")
    assert why["args"]["county"] == {"type": "text", "value": county}  # in the record as typed, by reference
    for lang in LANGS:
        shown = runner.invoke(app, ["analyze", str(path), "--as-of", AS_OF, "--lang", lang])
        assert shown.exit_code == 0, shown.output
        assert _folded(county) in _folded(shown.output), lang  # as typed: no brace doubled, eaten or filled
        out = tmp / f"packet-{lang}"
        packet = runner.invoke(app, ["packet", str(path), "--as-of", AS_OF, "--lang", lang, "--out", str(out)])
        assert packet.exit_code == 0, packet.output
        assert any(out.iterdir())


@pytest.mark.parametrize("lang", LANGS)
def test_a_county_code_of_another_state_is_asked_again_saying_both(tmp_path: Path, lang: str) -> None:
    """San Francisco's code (06075) with Texas as the state: the Local Standards are not read for either place (was:
    California's housing figure for a person the case says lives in Texas); the code is asked again, saying why."""
    path = _case(tmp_path, {"state": "TX", "county_fips": "06075"})
    made = runner.invoke(app, ["analyze", str(path), "--as-of", AS_OF, "--format", "json"])
    assert made.exit_code == 0, made.output
    why = _why(made.output, "taxpayer.county_fips")
    assert why["key"] == "finances.error.county_other_state"
    assert why["args"]["code"]["value"] == "06075" and why["args"]["state"]["value"] == "TX"
    assert why["args"]["county_state"]["value"] == "CA"
    shown = runner.invoke(app, ["analyze", str(path), "--as-of", AS_OF, "--lang", lang])
    assert shown.exit_code == 0, shown.output
    county = why["args"]["county"]["value"]
    template = catalog.template("finances.error.county_other_state", lang)
    # both states by their names, as a person reads them (round 8: the two letters were shown)
    california, texas = render.label("state", "CA", lang), render.label("state", "TX", lang)
    said = render.say(template, lang, code="06075", county=county, county_state=california, state=texas)
    assert said in _folded(shown.output)
    assert ", CA," not in _folded(shown.output) and " TX" not in _folded(shown.output)
    same = _case(tmp_path, {"state": "CA", "county_fips": "06075"})  # the code in its own state: read as before
    fine = runner.invoke(app, ["analyze", str(same), "--as-of", AS_OF, "--format", "json"])
    assert fine.exit_code == 0 and "taxpayer.county_fips" not in {
        q["path"] for q in json.loads(fine.output)["questions"]
    }


def _forms_asked(lang: str) -> set[str]:
    """Every determiner form the language's notice_phrase table gives, for any kind."""
    table = catalog.messages(lang).get("notice_phrase") or {}
    return {str(spec) for forms in (table.get("forms") or {}).values() for spec in forms}


@pytest.mark.parametrize("lang", LANGS)
def test_every_notice_type_has_every_form(lang: str) -> None:
    """Each notice type (and a value that is no type) named with each form any kind has: never a missing form."""
    for value in [t.value for t in NoticeType] + ["Notice of Levy (other)", "{0}", "{notice:el}", "%s"]:
        name = render.notice_name(value, lang)
        for spec in _forms_asked(lang):
            said = format(name, spec)
            assert str(name) in said and "{name}" not in said, (value, spec)
        assert f"{name}" == str(name)


def test_the_renderer_keeps_no_person_s_words() -> None:
    """Naming a thousand different texts keeps nothing by them: the forms are kept by language and kind only."""
    render.notice_name("CP504", "es")
    before = render._notice_forms.cache_info().currsize
    for i in range(1000):
        render.notice_name(f"Acme Corp {i} {{0}}", "es")
    assert render._notice_forms.cache_info().currsize == before
    assert not hasattr(render.notice_name, "cache_info")
