"""A county given by its name in a case file (the terminal's way to say it: ``taxpayer.state`` and ``taxpayer.county``,
as the web stores a county the standards list without a code): the same county as its code, or a refusal naming the
field and the problem, with the names it could be. "Baltimore" used to be read as Baltimore County without a word,
though Baltimore City is another place with its own housing and utilities amount."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from levynav.cli.app import app
from levynav.core import derive
from levynav.core.model.analysis import Outcome
from levynav.explain import catalog
from levynav.explain.render import say
from levynav.intake.load import case_from_data
from tests.test_cli_finances import CASE

AS_OF = date(2025, 10, 1)
runner = CliRunner()
pytestmark = pytest.mark.usefixtures("user_standards")


def _finances(tmp_path: Path, taxpayer: dict[str, Any]) -> Any:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump({**CASE, "taxpayer": {"kind": "individual", **taxpayer}}), encoding="utf-8")
    return runner.invoke(app, ["finances", str(path), "--as-of", AS_OF.isoformat(), "--format", "json"])


@pytest.mark.parametrize(("state", "name", "fips"), [("OH", "Franklin", "39049"), ("MD", "baltimore county", "24005")])
def test_a_county_by_its_name_is_the_county_of_its_code(tmp_path: Path, state: str, name: str, fips: str) -> None:
    by_name = _finances(tmp_path, {"state": state, "county": name})
    by_code = _finances(tmp_path, {"county_fips": fips})
    assert by_name.exit_code == 0 and by_code.exit_code == 0, by_name.output + by_code.output
    a, b = json.loads(by_name.output), json.loads(by_code.output)
    assert a["expenses"] == b["expenses"] and a["county"]["fips"] == fips


@pytest.mark.parametrize(
    ("state", "name", "could_be"),
    [("MD", "Baltimore", "Baltimore City, Baltimore County"), ("VA", "Richmond", "Richmond city, Richmond County")],
)
def test_a_name_of_two_counties_is_refused_with_both(tmp_path: Path, state: str, name: str, could_be: str) -> None:
    result = _finances(tmp_path, {"state": state, "county": name})
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "taxpayer.county" in result.output and could_be in result.output


def test_a_misspelt_name_is_refused_with_close_names(tmp_path: Path) -> None:
    result = _finances(tmp_path, {"state": "OH", "county": "Frnaklin"})
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "taxpayer.county" in result.output and "Close names: Franklin County" in result.output


def test_a_name_unlike_any_keeps_the_plain_refusal(tmp_path: Path) -> None:
    result = _finances(tmp_path, {"state": "OH", "county": "Qzxw"})
    assert result.exit_code == 2 and "is not in any housing and utilities standards table" in result.output


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_analysis_keeps_it_unknown_and_says_which_names(lang: str) -> None:
    c = case_from_data({"taxpayer": {"kind": "individual", "state": "MD", "county": "Baltimore"}, "finances": {}})
    hardship, section, _, _, problems = derive._finances(c, AS_OF, {})
    assert hardship is not None and hardship.outcome is Outcome.UNKNOWN
    assert hardship.missing == ("taxpayer.county",)
    assert section is not None and section.error is not None
    assert section.error.key == "finances.error.county_ambiguous"
    assert problems == {"taxpayer.county": section.error}
    words = say(catalog.template("finances.error.county_ambiguous", lang), lang, county="Baltimore", names="A, B")
    assert "Baltimore" in words and "A, B" in words and "{" not in words


BALTIMORE = ["Baltimore City", "Baltimore County"]


def _analyze(tmp_path: Path, taxpayer: dict[str, Any], *args: str) -> Any:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump({**CASE, "taxpayer": {"kind": "individual", **taxpayer}}), encoding="utf-8")
    return runner.invoke(app, ["analyze", str(path), "--as-of", AS_OF.isoformat(), *args])


@pytest.mark.parametrize(
    ("taxpayer", "key", "names"),
    [
        ({"state": "MD", "county": "Baltimore"}, "finances.error.county_ambiguous", BALTIMORE),
        ({"state": "OH", "county": "Frnaklin"}, "finances.error.county_unknown_close", ["Franklin County"]),
    ],
)
def test_the_analysis_asks_for_the_county_and_says_why(
    tmp_path: Path, taxpayer: dict[str, Any], key: str, names: list[str]
) -> None:
    """``analyze`` used to list the county as a fact still missing without a word on why, where ``finances`` says it:
    the open question now carries the reason, by reference, with the names as typed values (no words in the record)."""
    result = _analyze(tmp_path, taxpayer, "--format", "json")
    assert result.exit_code == 0, result.output
    asked = {q["path"]: q for q in json.loads(result.output)["questions"]}
    why = asked["taxpayer.county"]["why"]
    assert why["key"] == key and why["args"]["county"] == {"type": "text", "value": taxpayer["county"]}
    assert why["args"]["field"] == {"type": "field", "value": "taxpayer.county"}
    assert [n["value"] for n in why["args"]["names"]["value"]] == names
    for lang, field in (("en", "Which county do you live in?"), ("es", "¿En qué condado vive?")):
        shown = _analyze(tmp_path, taxpayer, "--lang", lang)
        assert shown.exit_code == 0, shown.output
        words = " ".join(shown.output.split())
        at = words.index(field)  # the question names the field in words, and the reason follows it
        assert f"{taxpayer['county']}" in words[at:] and all(n in words[at:] for n in names), (lang, words[at:])
        assert "{" not in words[at : at + 600]


def test_a_fact_simply_not_given_has_no_why(tmp_path: Path) -> None:
    result = _analyze(tmp_path, {}, "--format", "json")
    assert result.exit_code == 0, result.output
    assert all(q["why"] is None for q in json.loads(result.output)["questions"])
