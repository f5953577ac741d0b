"""Untranslated copies (``tmtool.terms.copies``): a target side that repeats the source text is no
evidence of how a term is translated, while names, acronyms, numbers and shared words written the
same in both languages stay evidence (issue 8; found by rb20 on a half-translated TMX)."""

from __future__ import annotations

import json
import unicodedata
import warnings
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from tmtool.cli import cli
from tmtool.errors import TmtoolWarning
from tmtool.store import ImportedUnit, ImportSource, RunInfo, open_store
from tmtool.terms import TermList, TermOptions, copies, extract, extract_terms
from tmtool.terms.copies import untranslated_copy

#: ``jaarverslag`` translated in 8 units, its units' French sides copies of the Dutch in 10 more
TRANSLATED = [
    ("Het jaarverslag werd gisteren goedgekeurd.", "Le rapport annuel a été approuvé hier."),
    ("Wij lezen het jaarverslag van de minister.", "Nous lisons le rapport annuel du ministre."),
    ("Het jaarverslag telt honderd bladzijden.", "Le rapport annuel compte cent pages."),
    ("De commissie bespreekt het jaarverslag.", "La commission examine le rapport annuel."),
    ("Het nieuwe jaarverslag is klaar.", "Le nouveau rapport annuel est prêt."),
    ("Het jaarverslag komt in mei uit.", "Le rapport annuel paraît en mai."),
    ("Het jaarverslag bevat veel cijfers.", "Le rapport annuel contient beaucoup de chiffres."),
    ("Wij sturen het jaarverslag naar Europol.", "Nous envoyons le rapport annuel à Europol."),
]
COPIED = [
    "Het jaarverslag van vorig jaar was korter.",
    "Zij vragen om het jaarverslag te vertalen.",
    "Het jaarverslag ligt op tafel.",
    "Het jaarverslag is openbaar.",
    "Wij schrijven het jaarverslag samen.",
    "Het jaarverslag staat op de website.",
    "Het jaarverslag wordt gedrukt.",
    "Zonder jaarverslag geen begroting.",
    "Het jaarverslag werd gelezen door iedereen.",
    "Ook Europol leest het jaarverslag.",
]
#: units written the same in Dutch and French because they are names, acronyms and numbers
SAME = [
    ("Europol", "Europol"),
    ("Europol", "Europol"),
    ("OK", "OK"),
    ("2023", "2023"),
    ("COVID-19", "COVID-19"),
    ("Charles de Gaulle", "Charles de Gaulle"),
]
OTHERS = [
    ("De minister spreekt vandaag.", "Le ministre parle aujourd'hui."),
    ("De minister leest een brief.", "Le ministre lit une lettre."),
    ("Wij schrijven de minister een brief.", "Nous écrivons une lettre au ministre."),
]


def terms_of(folder, rows: list[tuple[str, str]]) -> TermList:
    folder.mkdir()
    with open_store(str(folder / "m.db")) as store:
        store.import_units(
            (ImportedUnit({"nl": nl, "fr": fr}) for nl, fr in rows),
            ImportSource("ab" * 32, "t.tmx", "t", "test"),
            RunInfo("none", "", {}, "test", datetime.now(timezone.utc)),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TmtoolWarning)
            return extract_terms(store, TermOptions(langs=("nl", "fr")))


def renderings(terms: TermList, term: str) -> list[str]:
    return [r.text for e in terms.entries if e.text == term for r in e.renderings["fr"]]


def never_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "untranslated_copy", lambda *args: False)


def test_copied_french_sides_do_not_make_the_term_its_own_rendering(tmp_path, monkeypatch) -> None:
    rows = TRANSLATED + [(text, text) for text in COPIED] + SAME
    assert renderings(terms_of(tmp_path / "new", rows), "jaarverslag") == ["rapport annuel"]
    never_a_copy(monkeypatch)
    assert renderings(terms_of(tmp_path / "old", rows), "jaarverslag")[0] == "jaarverslag"


def test_a_term_only_copied_gets_no_rendering(tmp_path, monkeypatch) -> None:
    rows = OTHERS + [(text, text) for text in COPIED]
    assert renderings(terms_of(tmp_path / "new", rows), "jaarverslag") == []
    assert renderings(terms_of(tmp_path / "new2", rows), "minister") == ["ministre"]
    never_a_copy(monkeypatch)
    assert renderings(terms_of(tmp_path / "old", rows), "jaarverslag") == ["jaarverslag"]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Europol", "nl", "fr"),
        ("Europol", "en", "hu"),  # no Hungarian word, but a name
        ("OK", "nl", "fr"),
        ("2023", "en", "ro"),
        ("COVID-19", "de", "fr"),
        ("Charles de Gaulle", "nl", "fr"),  # ``de`` is as common in French
        ("Brussel, 12/03/2024", "nl", "en"),  # a place and a date
        ("internet", "nl", "fr"),  # a word both languages share
        ("wifi", "nl", "en"),
        ("Hotel Europa", "nl", "en"),
        ("Willy Auf der Maur , Seewen ( sz )", "de", "fr"),  # Text+Berg: one German word of 6
        ("Ora pro nobis.", "en", "hu"),  # Steinbeck: Latin, ``nobis`` unknown to Hungarian
        ("Jan van Eyck", "nl", "en"),
        ("Hanspeter Sigrist , Oberbalm", "de", "fr"),  # Text+Berg: names only
    ],
)
def test_names_acronyms_numbers_and_shared_words_are_no_copies(text, source, target) -> None:
    assert not untranslated_copy(text, text, source, target)


@pytest.mark.parametrize(
    ("source_text", "target_text", "source", "target"),
    [
        ("Het jaarverslag is klaar.", "Het jaarverslag is klaar.", "nl", "fr"),
        ("Het jaarverslag is klaar.", "het  JAARVERSLAG is klaar", "nl", "en"),  # case, spaces
        ("Ook Europol leest het jaarverslag.", "Ook Europol leest het jaarverslag.", "nl", "fr"),
        ("1 februari 2016", "1 februari 2016", "nl", "fr"),  # one word of letters
        ("Jahresbericht der Kommission", "Jahresbericht der Kommission", "de", "fr"),
        (  # seeds: many names, but half the lower-case words are Dutch ones
            "De eerste ministers van de Franse Republiek en het Koninkrijk België, Manuel Valls "
            "en Charles Michel, in het bijzijn van",
        )
        * 2
        + ("nl", "fr"),
        ("4. Overleg op Europees niveau", "4. Overleg op Europees niveau", "nl", "fr"),
        ("jaarverslag", "jaarverslag", "nl", "fr"),  # a lower-case word French lacks
        ("Brussel, 12 maart 2024", "Brussel, 12 maart 2024", "nl", "en"),  # ``maart``
        ("Der Bericht liegt vor.", "Der Bericht liegt vor.", "de", "fr"),
        ("The report is ready.", "The report is ready.", "en", "hu"),
        ("The report is ready.", "The report is ready.", "en", "ro"),
        ("The report is ready.", "The report is ready.", "en", "is"),
    ],
)
def test_text_left_untranslated_is_a_copy(source_text, target_text, source, target) -> None:
    assert untranslated_copy(source_text, target_text, source, target)


@pytest.mark.parametrize(
    "written",
    [
        "E\u0301e\u0301n jaarverslag is klaar.",  # ``Één`` with combining accents (NFD)
        "\uff28\uff45\uff54 jaarverslag is klaar.",  # ``Het`` in full-width letters
    ],
)
def test_a_first_word_written_in_another_unicode_form_is_the_same_word(written) -> None:
    """The quick first-word test reads text in NFKC as the full comparison does: a side that
    writes its first word decomposed or in compatibility forms is still a copy (rd20: the first
    word was compared unnormalised, and such a copy was missed)."""
    normal = unicodedata.normalize("NFKC", written)
    assert normal != written
    assert untranslated_copy(written, normal, "nl", "fr")
    assert untranslated_copy(normal, written, "nl", "fr")


def test_a_translation_or_the_same_language_is_no_copy() -> None:
    dutch = "Het jaarverslag is klaar."
    assert not untranslated_copy(dutch, "Le rapport est prêt.", "nl", "fr")
    assert not untranslated_copy(dutch, "Het jaarverslag.", "nl", "fr")
    assert not untranslated_copy(dutch, dutch, "nl", "nl")


def test_a_shared_word_needs_the_margin(monkeypatch) -> None:
    # without the margin any known lower-case word would make a copy, ``internet`` too
    assert not untranslated_copy("internet", "internet", "nl", "fr")
    monkeypatch.setattr(copies, "SOURCE_WORD_MARGIN", 0.0)
    assert untranslated_copy("internet", "internet", "nl", "fr")


def terms_json(path, rows: list[tuple[str, str]]):
    """``tmtool terms --json`` over a memory of the rows: the result and its JSON answer."""
    with open_store(str(path)) as store:
        store.import_units(
            (ImportedUnit({"nl": nl, "fr": fr}) for nl, fr in rows),
            ImportSource("ab" * 32, "t.tmx", "t", "test"),
            RunInfo("none", "", {}, "test", datetime.now(timezone.utc)),
        )
    result = CliRunner().invoke(
        cli, ["terms", "--db", str(path), "--langs", "nl,fr", "--encoder", "none", "--json"]
    )
    assert result.exit_code == 0, result.output
    return result, json.loads(result.stdout)


def test_many_copies_warn_in_one_line_and_names_do_not(tmp_path) -> None:
    rows = TRANSLATED + [(text, text) for text in COPIED] + SAME
    result, answer = terms_json(tmp_path / "copies.db", rows)
    expected = (  # 23 units: the store keeps one of the two identical Europol units
        "10 of 23 units have a fr side that repeats the nl text untranslated; "
        "they are not read as fr translations"
    )
    assert result.stderr.splitlines() == [f"tmtool: warning: {expected}"]
    assert answer["warnings"] == [expected]
    # identical names, acronyms and numbers are 5 of 13 units, and no copies
    result, answer = terms_json(tmp_path / "names.db", TRANSLATED + SAME)
    assert result.stderr == "" and answer["warnings"] == []


def test_a_few_copies_are_no_pattern_to_warn_about() -> None:
    assert copies.copies_warning(0, 14, "nl", "fr") is None
    assert copies.copies_warning(1, 14, "nl", "fr") is None  # one copy
    assert copies.copies_warning(4, 100, "nl", "fr") is None  # under 5 %
    assert copies.copies_warning(5, 100, "nl", "fr") is not None


def test_source_words_must_make_half_the_readable_words(monkeypatch) -> None:
    """Two source words among five readable ones are the odd words of a quotation, not a copy;
    three are (``found >= len(read) / 2``: no other test failed without it)."""
    source_words = {"een", "twee", "drie"}
    monkeypatch.setattr(copies, "_source_word", lambda word, *langs: word in source_words)
    quotation, copy = "een twee vier vijf zes", "een twee drie vijf zes"
    assert not untranslated_copy(quotation, quotation, "nl", "fr")
    assert untranslated_copy(copy, copy, "nl", "fr")
