"""The words: the record holds none; both catalogs say the same things with the same values; Spanish is Spanish."""

from __future__ import annotations

import io
import re
import string
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from levynav.core.analyze import analyze
from levynav.core.model.ability_to_pay import Allowance, Eligibility, LevyEffect
from levynav.core.model.analysis import Analysis, ListArg, Message, MessageArg, SentencesArg, TextArg
from levynav.explain import LANGS, catalog
from levynav.explain import terminal as render_text
from levynav.explain.html import analysis_html
from levynav.explain.render import Rendered, render
from levynav.intake.load import load_case
from levynav.lawbook import datafiles

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
AS_OF = date(2026, 11, 23)
# English words that never belong in a Spanish sentence
STOP = {"the", "and", "your", "you", "levy", "must", "will", "with", "this", "that", "for", "from", "not", "have"}
STOP |= {"are", "was", "which", "when", "would", "could", "should", "before", "after", "until", "days", "money"}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def leaves(node: Any, prefix: str = "") -> dict[str, str]:
    """Every sentence of a catalog section, by its dotted path."""
    if isinstance(node, dict):
        out: dict[str, str] = {}
        for k, v in node.items():
            out |= leaves(v, f"{prefix}.{k}" if prefix else str(k))
        return out
    if isinstance(node, list):
        return {f"{prefix}[{i}]": str(v) for i, v in enumerate(node)}
    return {prefix: str(node)}


@pytest.fixture(scope="module")
def records() -> dict[str, Analysis]:
    return {p.stem: analyze(load_case(p), AS_OF) for p in EXAMPLES}


def test_every_page_word_exists_in_every_language_with_the_same_values() -> None:
    # not ``notice_phrase``: each language's own determiners ("the" / "el", "del", "su" …); tests/test_notice_phrase.py
    # checks that every one a template uses exists for a letter and for a notice
    own = ("title", "notice_phrase")
    en = {s: catalog.messages("en")[s] for s in catalog.SECTIONS if s in catalog.messages("en") and s not in own}
    for lang in LANGS:
        for section, node in en.items():
            there = leaves(catalog.messages(lang).get(section) or {}, section)
            for path, sentence in leaves(node, section).items():
                assert path in there, f"{lang}: no {path}"
                assert placeholders(there[path]) == placeholders(sentence), f"{lang}: {path} fills other values"


def test_every_rule_has_a_title_and_every_question_a_prompt_in_every_language() -> None:
    for lang in LANGS:
        assert set(catalog.titles("en")) <= set(catalog.titles(lang)), lang
        assert set(catalog.question_texts("en")) <= set(catalog.question_texts(lang)), lang
        assert set(catalog.finance_texts("en")) == set(catalog.finance_texts(lang)), lang
        for name, step in catalog.finance_texts("en").items():
            for field in ("title", "action", "form"):
                got = catalog.finance_texts(lang)[name][field]
                assert placeholders(got) == placeholders(step[field]), f"{lang}: finance {name}.{field}"


def test_translated_rule_messages_and_steps_fill_the_same_values_as_the_english() -> None:
    """A rule's message in another language names exactly the values of the English one (so each sentence is
    filled from the same typed figures), and a translated plan step names only its situation's values."""
    en = catalog.messages("en")
    for lang in LANGS:
        for rule, keys in catalog.messages(lang).items():
            if rule in catalog.SECTIONS:
                continue
            assert rule in catalog.titles("en"), f"{lang}: messages for {rule}, which is no rule"
            for key, sentence in keys.items():
                assert key in en[rule], f"{lang}: {rule}.{key} is no English message"
                assert placeholders(str(sentence)) == placeholders(str(en[rule][key])), f"{lang}: {rule}.{key}"
        for rule, step in catalog.plan_texts(lang).items():
            english = catalog.plan_texts("en")[rule]
            assert set(step.get("variants") or {}) == set(english.get("variants") or {}), f"{lang}: {rule} variants"
            for field in ("title", "action", "form"):
                if isinstance(english.get(field), str):
                    assert placeholders(str(step[field])) == placeholders(english[field]), f"{lang}: {rule}.{field}"


def test_every_message_key_a_rule_uses_exists_in_english(records: dict[str, Analysis]) -> None:
    en = catalog.messages("en")
    for name, a in records.items():
        for f in a.findings:
            rule, _, key = f.message.key.partition(".")
            assert rule == f.rule and key == f.message_key, f"{name}: {f.message.key}"
            assert key in en[rule], f"{name}: no English message {f.message.key}"
            assert placeholders(str(en[rule][key])) <= set(f.message.args), f"{name}: {f.message.key} lacks a value"


def _has_sentence(m: dict[str, Any]) -> bool:
    """A message whose values quote verbatim text of more than a few words (a sentence, not a name or number)."""
    for a in m["args"].values():
        if a["type"] == "text" and len(a["value"].split()) > 4:
            return True
        if a["type"] == "message" and _has_sentence(a["value"]):
            return True
        if a["type"] == "list" and any(_has_sentence({"args": {"x": x}}) for x in a["value"]):
            return True
    return False


def test_the_json_record_holds_no_sentence(records: dict[str, Analysis]) -> None:
    """Findings, steps, questions, history, summary and notes carry ids and message references only."""
    for name, a in records.items():
        data = a.model_dump(mode="json")
        assert data["contract"] == "levynav.analysis/4"
        for f in data["findings"]:
            assert not {"explanation", "title", "status_note"} & set(f), name
        for s in data["plan"]:
            assert not {"title", "action", "have_ready", "form"} & set(s), name
            assert all(set(w) == {"key", "args"} for w in s["why"]), name
            assert s["text"]["key"].startswith(("plan.", "finance.")), name
        assert all(set(q) == {"path", "decides", "weight", "why"} for q in data["questions"]), name
        assert all(q["why"] is None or set(q["why"]) == {"key", "args"} for q in data["questions"]), name
        assert all(isinstance(item, dict) and "kind" in item for item in data["summary"]), name
        assert all(set(r) == {"id"} for r in data["resources"]), name
        assert "disclaimer" not in data, name
        for d in data["deadlines"]:  # title, protects and every clause of the count are references (contract 3)
            refs = [d["title"], d["protects"], *d["computation"]]
            refs += [d["alternative_reason"]] if d["alternative_reason"] else []
            assert d["computation"] and all(set(m) == {"key", "args"} for m in refs), f"{name}: {d['id']}"
            assert not any(_has_sentence(m) for m in refs), f"{name}: {d['id']} quotes a sentence"
        fin = a.finances
        if fin is not None:  # the ability-to-pay figures are typed: money a Decimal, kinds enumerations
            for line in fin.expenses.lines if fin.expenses else []:
                assert isinstance(line.rule, Allowance) and all(
                    v is None or isinstance(v, Decimal) for v in (line.standard, line.actual, line.allowed)
                ), f"{name}: {line.key}"
            for o in fin.options.options if fin.options else []:
                assert isinstance(o.eligibility, Eligibility) and isinstance(o.levy_effect, LevyEffect), name
                assert o.monthly_payment is None or isinstance(o.monthly_payment, Decimal), name
        saved = a.model_dump_json()
        again = Analysis.model_validate_json(saved)
        assert again.model_dump_json() == saved, f"{name}: the record does not round-trip"
        assert render(again, "en").plan == render(a, "en").plan, f"{name}: a saved record renders differently"


# Parts of the record that are source data, not words for a person: citations and parameters (their cite, source
# and note), the standards table values used (their row and source), the law data's editions, the ids of unverified
# citations/parameters/table values (an id may quote a table row), and the case facts a finding relied on.
SOURCE_DATA = {"citations", "parameters", "sources", "unverified_values", "unverified", "law_editions", "facts"}


def _case_strings(node: Any) -> set[str]:
    """Every string the case file gives: names, holders, addresses, descriptions — text the record may quote."""
    if isinstance(node, dict):
        return {s for v in node.values() for s in _case_strings(v)}
    if isinstance(node, list):
        return {s for v in node for s in _case_strings(v)}
    return {str(node)} if isinstance(node, str) else set()


def _words_in(node: Any, where: str = "") -> list[tuple[str, str]]:
    """Every string of three or more words in a record, by where it is (source data left out)."""
    if isinstance(node, dict):
        out = []
        for k, v in node.items():
            if k not in SOURCE_DATA:
                out += _words_in(v, f"{where}.{k}")
        return out
    if isinstance(node, list):
        return [hit for i, v in enumerate(node) for hit in _words_in(v, f"{where}[{i}]")]
    if isinstance(node, str) and len(node.split()) >= 3:
        return [(where, node)]
    return []


def test_no_example_record_holds_a_sentence_anywhere(records: dict[str, Analysis]) -> None:
    """Walk every example's whole record (findings, deadlines, plan, notes, the finances with its options, fees and
    hardship, the collection statute): a string of three or more words is allowed only as verbatim text the case
    itself gives (a holder's or person's name, a vehicle's description, a county from the case) or as the name of
    a county in the standards tables. Everything else is an id, an enumeration, a date, a number or a message
    reference — the words are the catalogs'."""
    for path in EXAMPLES:
        a = records[path.stem]
        given = _case_strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        if a.finances is not None and a.finances.county is not None:
            given.add(a.finances.county.name)
        data = a.model_dump(mode="json")
        leaked = [(where, s) for where, s in _words_in(data) if s not in given]
        assert not leaked, f"{path.stem}: English in the record: {leaked[:5]}"


def _text(view: Rendered) -> str:
    out = io.StringIO()
    console = Console(file=out, width=100, highlight=False, soft_wrap=False, no_color=True)
    original = render_text.console
    render_text.console = lambda: console  # type: ignore[assignment]
    try:
        render_text.print_analysis(view)
    finally:
        render_text.console = original  # type: ignore[assignment]
    return out.getvalue()


@pytest.mark.parametrize("lang", LANGS)
def test_every_example_renders_in_every_language_as_text_and_html(records: dict[str, Analysis], lang: str) -> None:
    for name, a in records.items():
        view = render(a, lang)
        text = _text(view)
        assert view.disclaimer in " ".join(text.split()) or view.disclaimer[:40] in " ".join(text.split()), name
        page = analysis_html(a, lang)
        assert page.startswith("<!DOCTYPE html>") and f'lang="{lang}"' in page, name
        for s in view.plan:
            assert s.title and s.action and s.why, f"{name} {lang}: step {s.order} has no words"


@pytest.mark.parametrize("lang", LANGS)
def test_a_finding_resting_on_an_unverified_source_names_it_without_any_internal_id(
    records: dict[str, Analysis], lang: str
) -> None:
    """The note a person reads names the source by its citation and says a figure is a figure: a citation id
    (LR-3) or a parameter id (standards.health_care[...]) is never on the page."""
    seen = 0
    for name, a in records.items():
        for f in render(a, lang).findings:
            record = f.record
            if not record.unverified:
                assert f.status_note is None, (name, f.rule)
                continue
            seen += 1
            assert f.status_note, (name, f.rule)
            for internal in record.unverified:
                assert internal not in f.status_note, (name, lang, f.rule, internal)
            for c in record.citations:
                if c.id in record.unverified:
                    assert c.cite in f.status_note, (name, lang, f.rule, c.id)
    assert seen > 0, "no example rests on an unverified source: the test checks nothing"


def _spanish_sentences(view: Rendered) -> list[tuple[str, str]]:
    """What a Spanish reader reads, without the bibliographic citations (English by nature), fact paths, names
    of banks and employers, and the ability-to-pay working notes (English, marked as such)."""
    out = [("summary", s) for s in view.summary] + [("disclaimer", view.disclaimer)]
    for f in view.findings:
        out += [(f"finding {f.rule}", f.title), (f"finding {f.rule}", f.explanation)]
    for s in view.plan:
        out += [(f"step {s.order}", t) for t in (s.title, s.action, s.why, s.form or "", s.contact or "")]
        out += [(f"step {s.order}", h) for h in s.have_ready]
    out += [(f"question {q.path}", q.prompt) for q in view.questions]
    out += [("history", e.event + " " + (e.note or "")) for e in view.history]
    out += [(f"deadline {d.id}", d.title + " " + d.protects) for d in view.deadlines]
    out += [(f"help {r.id}", f"{r.name} {r.how} {r.why}") for r in view.resources]
    return out


def test_no_english_word_in_a_spanish_rendering_of_any_example(records: dict[str, Analysis]) -> None:
    holders = set()
    for p in EXAMPLES:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        holders |= {str(lv.get("holder")) for lv in data.get("levies") or [] if lv.get("holder")}
    for name, a in records.items():
        for where, sentence in _spanish_sentences(render(a, "es")):
            for holder in {*holders, "Levy Navigator"}:  # names are not words of a language
                sentence = sentence.replace(holder, "")
            words = {w.casefold() for w in re.findall(r"[A-Za-z]+", sentence)}
            leaked = words & STOP
            assert not leaked, f"{name}: {where}: English {sorted(leaked)} in {sentence!r}"


def _not_words(path: Path, record: Analysis) -> list[str]:
    """What a page may hold in English without being an English sentence: the names and addresses the case
    gives (banks, employers, people, IRS offices), the legal citations (English by nature), and the names of
    the IRS form's boxes, which the Spanish pages quote «like this» as printed on the English form."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {"Levy Navigator"}
    people = [data.get("taxpayer") or {}, data.get("representative") or {}]
    for item in people + list(data.get("levies") or []) + list(data.get("notices") or []):
        for key in ("name", "address", "holder", "holder_address", "third_party_name", "third_party_address"):
            if item.get(key):
                out.add(" ".join(str(item[key]).split()))
        if item.get("third_party_interest"):
            out.add(" ".join(str(item["third_party_interest"]).split()))
        if item.get("property_description"):
            out.add(" ".join(str(item["property_description"]).split()))
    out |= {" ".join(c.cite.split()) for f in record.findings for c in f.citations}
    return sorted(out, key=len, reverse=True)


RAW_FIELD_PATH = re.compile(
    r"\b(?:taxpayer|household|tax_periods|notices|levies|payments|installment_agreements|offers|proceedings"
    r"|circumstances|finances|transcripts|representative)\s?(?:\[\d*\]|\.\s?[a-z_])"
)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_english_word_on_the_spanish_taxpayer_pages_of_any_packet(path: Path) -> None:
    """Every example's packet builds in Spanish; its cover, the reading copy of each letter and the last pages
    (checklist, confirm the release, timeline, still missing) hold no English word, every page carries the
    packet's page number in Spanish, and the letters and forms are the English packet's, byte for byte."""
    from pypdf import PdfReader

    from tests.example_packets import packet

    spanish, english = packet(path, "es"), packet(path)
    assert [i.pdf for i in spanish.items] == [i.pdf for i in english.items]
    kinds = spanish.page_kinds()
    texts = [p.extract_text() or "" for p in PdfReader(io.BytesIO(spanish.pdf)).pages]
    assert len(kinds) == len(texts)
    assert kinds.count("reading") >= sum(1 for i in spanish.items if i.letter is not None) > 0 or not any(
        i.letter for i in spanish.items
    )
    exempt = _not_words(path, analyze(load_case(path), AS_OF))
    for n, (kind, text) in enumerate(zip(kinds, texts, strict=True), start=1):
        assert f"Página {n} de {len(texts)} del paquete" in text, f"page {n}"
        if kind not in {"cover", "reading", "back"}:
            continue  # the letters and forms go to the IRS, a bank or an employer in English
        flat = " ".join(text.split())
        for name in exempt:
            flat = flat.replace(name, " ")
        flat = re.sub(r"«[^»]*»", " ", flat)
        raw = RAW_FIELD_PATH.search(flat)  # the "still missing" table names a case field in words, never by path
        assert raw is None, f"page {n} ({kind}): the field path {raw.group(0)!r} in {flat!r}"
        leaked = {w.casefold() for w in re.findall(r"[A-Za-z]+", flat)} & STOP
        assert not leaked, f"page {n} ({kind}): English {sorted(leaked)} in {flat!r}"
        if kind == "reading":
            assert "no la envíe" in flat, f"page {n}: a reading copy page that does not say not to send it"


def test_a_bank_charges_claim_gets_a_spanish_reading_copy_with_its_gaps_marked() -> None:
    """The one letter no example makes (Form 8546 cover) has its reading copy too; a fact the letter lacks is
    marked in the copy in Spanish (the English "[missing: …]" mark never reaches it)."""
    from pypdf import PdfReader

    from levynav.documents.packet import build_packet
    from levynav.intake.load import case_from_data

    levy = {"kind": "bank", "served_date": "2025-10-20", "owner": "taxpayer", "proceeds_sent": True}
    levy |= {"irs_error": True, "bank_charges": 1400, "bank_charges_date": "2025-11-03"}
    case = case_from_data({"taxpayer": {"kind": "individual"}, "levies": [levy]}, "test")
    record = analyze(case, date(2026, 1, 15))
    packet = build_packet(case, record, "es")
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(packet.pdf)).pages]
    kinds = packet.page_kinds()
    assert "form_8546_cover" in kinds
    copy = " ".join(text for kind, text in zip(kinds, pages, strict=True) if kind == "reading")
    assert "Formulario 8546" in copy and "$1,000.00" in copy and "$1,400.00" in copy
    assert "[falta: vea la carta en inglés]" in copy and "missing" not in copy
    for cite in sorted({" ".join(c.cite.split()) for f in record.findings for c in f.citations}, key=len)[::-1]:
        copy = copy.replace(cite, " ")  # legal citations are English by nature
    assert not {w.casefold() for w in re.findall(r"[A-Za-z]+", copy)} & STOP, copy


def test_a_nested_message_renders_in_the_reader_language() -> None:
    inner = Message(key="subject.offers")
    outer = Message(key="ui.about", args={"what": MessageArg(value=inner)})
    from levynav.explain.render import text

    assert text(outer, "en") == "(about your offer in compromise)"
    assert text(outer, "es") == "(sobre su oferta de transacción)"


def test_dates_money_and_plurals_follow_the_locale() -> None:
    from decimal import Decimal

    from levynav.explain import format

    assert format.date(date(2026, 11, 3), "en") == "November 3, 2026"
    assert format.date(date(2026, 11, 3), "es") == "3 de noviembre de 2026"
    assert format.money(Decimal("-465.4"), "en") == "\u2212$465.40"  # a true minus sign, never $-465.40
    assert f"{format.Count(1, 'es'):plural:día:días}" == "1 día"
    assert f"{format.Count(5, 'en'):plural:day:days}" == "5 days"


def test_outgoing_letters_are_the_same_whatever_the_language() -> None:
    from levynav.documents.packet import build_packet

    case = load_case(EXAMPLES[[p.stem for p in EXAMPLES].index("bank-levy-hardship-21-day-hold")])
    record = analyze(case, AS_OF)
    english, spanish = build_packet(case, record, "en"), build_packet(case, record, "es")
    assert [i.filename for i in english.items] == [i.filename for i in spanish.items]
    assert english.items and all(a.pdf == b.pdf for a, b in zip(english.items, spanish.items, strict=True))


def test_the_cli_reads_the_language_only_in_the_adapter() -> None:
    package = Path(datafiles.DATA).parent
    for module in (package / "core").rglob("*.py"):
        assert "LEVYNAV_LANG" not in module.read_text(encoding="utf-8"), module.name
    for module in (package / "explain").glob("*.py"):
        assert "environ" not in module.read_text(encoding="utf-8"), module.name


# Function words that mark English prose; a name, an address, a form or notice number, a tax period or a phone
# number has none of them twice.
ENGLISH = STOP | {"is", "of", "to", "in", "on", "by", "it", "be", "an", "or", "as", "at", "its", "only", "than", "more"}


def _text_args(msg: Message) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []

    def visit(a: Any, name: str) -> None:
        if isinstance(a, TextArg):
            out.append((f"{msg.key}.{name}", a.value))
        elif isinstance(a, MessageArg):
            out.extend(_text_args(a.value))
        elif isinstance(a, ListArg):
            for x in a.value:
                visit(x, name)
        elif isinstance(a, SentencesArg):
            for m in a.value:
                out.extend(_text_args(m))

    for name, a in msg.args.items():
        visit(a, name)
    return out


def test_no_finding_of_any_example_quotes_english_prose_as_a_value(records: dict[str, Analysis]) -> None:
    """Words are the catalogs': a finding's values are typed (dates, money, counts, labels, nested messages); verbatim
    text is only a name, an address, what the person typed, or an id — never an English sentence or clause."""
    for name, a in records.items():
        for f in a.findings:
            for where, value in _text_args(f.message):
                words = [w.casefold() for w in re.findall(r"[A-Za-z]+", value)]
                assert sum(w in ENGLISH for w in words) < 2, f"{name}: {where} quotes English: {value!r}"


def test_every_rule_message_exists_in_every_language_with_the_same_values() -> None:
    """Every key of the English rule catalog is translated (so no reader ever gets the "not yet translated"
    fallback), and every nested message a rule uses as a value exists too."""
    en = catalog.messages("en")
    for lang in LANGS:
        there = catalog.messages(lang)
        for rule, keys in en.items():
            if rule in catalog.SECTIONS:
                continue
            for key, sentence in keys.items():
                assert key in (there.get(rule) or {}), f"{lang}: no {rule}.{key}"
                assert placeholders(str(there[rule][key])) == placeholders(str(sentence)), f"{lang}: {rule}.{key}"


def test_every_nested_message_of_the_examples_renders_in_every_language(records: dict[str, Analysis]) -> None:
    def keys(msg: Message) -> set[str]:
        out = {msg.key}
        for a in msg.args.values():
            items = a.value if isinstance(a, ListArg | SentencesArg) else [a]
            for x in items:
                if isinstance(x, Message):
                    out |= keys(x)
                elif isinstance(x, MessageArg):
                    out |= keys(x.value)
        return out

    used = {k for a in records.values() for f in a.findings for k in keys(f.message)}
    for lang in LANGS:
        assert all(catalog.has(k, lang) for k in used), sorted(k for k in used if not catalog.has(k, lang))


def test_a_rule_message_missing_in_a_language_falls_back_to_the_rule_title_in_that_language() -> None:
    """The fallback stays for a catalog being extended: the rule's own title and a note, never English words."""
    from levynav.explain.render import text, title

    said = text(Message(key="R6343-A1.a_situation_not_in_any_catalog"), "es")
    assert title("R6343-A1", "es") in said
    assert not {w.casefold() for w in re.findall(r"[A-Za-z]+", said)} & STOP


def test_tax_periods_named_in_a_finding_are_a_list_joined_in_the_reader_language() -> None:
    """R6672-W1 and R6331-I1 name the employment tax periods as a list of ids (not an English ", " join): the
    renderer names and joins them per language ("Form 941, second quarter of 2025 and Form 941, third quarter of
    2025" / "Formulario 941, segundo trimestre de 2025 y …")."""
    data = yaml.safe_load((Path(__file__).parent.parent / "examples" / "business-bank-levy.yaml").read_text())
    second = dict(data["tax_periods"][0], id="941-2025Q2", period="2025-Q2")
    data["tax_periods"].insert(0, second)
    from levynav.core.model.case import Case
    from levynav.explain.render import text

    a = analyze(Case.model_validate(data), AS_OF)
    named = [f for f in a.findings if f.rule in {"R6672-W1", "R6331-I1"}]
    assert {f.rule for f in named} == {"R6672-W1", "R6331-I1"}
    for f in named:
        periods = f.message.args["periods"]
        assert isinstance(periods, ListArg) and [x.value for x in periods.value] == ["941-2025Q2", "941-2025Q3"]
        # each named as a person reads it (round 8; the ids were shown), joined per language
        en = "Form 941, second quarter of 2025 and Form 941, third quarter of 2025"
        assert en in text(f.message, "en")
        assert "Formulario 941, segundo trimestre de 2025 y Formulario 941, tercer trimestre de 2025" in text(
            f.message, "es"
        )


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_view_prints_the_finances_in_the_reader_language(records: dict[str, Analysis], lang: str) -> None:
    """The terminal view's ability-to-pay part (headings, columns, eligibility and levy effect) comes from the
    catalogs: Spanish readers get it in Spanish (it used to be shown in English only, and only to English readers)."""
    with_finances = [a for a in records.values() if a.finances is not None and a.finances.error is None]
    assert with_finances
    heading = catalog.template("ui.fin_options", lang)
    for a in with_finances:
        out = _text(render(a, lang))
        if a.finances is not None and a.finances.options is not None and a.finances.options.available:
            assert heading in out
        if lang == "es":
            part = out[out.find(heading) :] if heading in out else ""
            words = {w.casefold() for w in re.findall(r"[A-Za-z]+", part.split("\n\n")[0])}
            assert not words & (STOP | {"option", "qualify", "month", "effect", "eligible"}), sorted(words & STOP)


GENERATED_CASES = 200


def test_no_generated_record_holds_a_sentence_anywhere() -> None:
    """The walker of ``test_no_example_record_holds_a_sentence_anywhere`` over 200 synthetic cases from the screen
    generator (``levynav generate-cases``: individuals and businesses, finances, notices cut short, levies of every
    kind, agreements, offers, bankruptcies, hearings): every string of three or more words in the JSON record is
    verbatim text the case gives, or the county name; everything else is ids, enumerations, dates, numbers and
    message references. A rule that slips an English sentence into the record fails here even when no example
    reaches it."""
    import random

    from levynav.core.model.case import Case
    from levynav.screen import generate

    rng = random.Random(20261204)
    kinds: set[str] = set()
    for n in range(GENERATED_CASES):
        data = generate.generate_case(rng)
        data.pop("id", None)
        a = analyze(Case.model_validate(data), generate.ANCHOR)
        given = _case_strings(data)
        if a.finances is not None and a.finances.county is not None:
            given.add(a.finances.county.name)
        record = a.model_dump(mode="json")
        leaked = [(where, s) for where, s in _words_in(record) if s not in given]
        assert not leaked, f"generated case {n}: English in the record: {leaked[:5]}"
        kinds |= {f.rule for f in a.findings}
    assert len(kinds) > 40  # the cases reach many rules, not one path


ONE_WITH_A_PLURAL = re.compile(
    r"(?<![\d.,$])\b1 (days|business days|months|years|people|persons|person\(s\)|weeks|"
    r"días|días hábiles|meses|años|personas|semanas)\b"
)


@pytest.mark.parametrize("lang", LANGS)
def test_a_count_of_one_takes_the_singular_in_every_rendering_of_every_example(
    records: dict[str, Analysis], lang: str
) -> None:
    """ "a household of 1 personas" was printed: a count in a sentence agrees with its noun in the reader's language."""
    for name, a in records.items():
        flat = " ".join(_text(render(a, lang)).split()) + " " + " ".join(analysis_html(a, lang).split())
        wrong = ONE_WITH_A_PLURAL.findall(flat)
        assert not wrong, f"{name} ({lang}): '1 {wrong[0]}'"
