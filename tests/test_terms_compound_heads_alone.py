"""A one-word term's rendering learned from the compounds it heads is kept only when the
memory also shows it where the term stands alone (issue 8, the seeds' glossary, branch t20h):
``gebied`` learned ``territoire`` from ``grondgebied`` (one French word for the compound),
while ``gebied`` alone is ``zone`` in every unit of its own. Small crafted data; the
measurements are in ``bench/terms_bench.py quality`` and ``bench/seeds_judged.py``."""

from __future__ import annotations

from datetime import datetime, timezone

from tmtool.store import ImportedUnit, ImportSource, RunInfo, open_store
from tmtool.terms import TermOptions, extract_terms

ROWS = [
    ("Het grondgebied van België is klein.", "Le territoire de la Belgique est petit."),
    ("Het grondgebied van Frankrijk is groot.", "Le territoire de la France est grand."),
    ("Wij bewaken het grondgebied van de Unie.", "Nous surveillons le territoire de l'Union."),
    ("Het Europese grondgebied is open.", "Le territoire européen est ouvert."),
    ("Het grondgebied van beide landen telt.", "Le territoire des deux pays compte."),
    ("Het Syrische gebied is gevaarlijk.", "La zone syrienne est dangereuse."),
    ("Het gebied rond de stad is groen.", "La zone autour de la ville est verte."),
    (
        "De begrotingscommissie vergadert vandaag.",
        "La commission des budgets se réunit aujourd'hui.",
    ),
    (
        "De begrotingscommissie keurt het verslag goed.",
        "La commission des budgets approuve le rapport.",
    ),
    ("De begrotingscommissie stemt morgen.", "La commission des budgets vote demain."),
    ("De commissie vergadert morgen.", "La commission se réunit demain."),
    ("De commissie keurt het voorstel goed.", "La commission approuve la proposition."),
    ("De ministers vergaderen vandaag.", "Les ministres se réunissent aujourd'hui."),
    ("De rechters stemmen morgen.", "Les juges votent demain."),
    ("Het verslag is klaar.", "Le rapport est prêt."),
]


def _texts(row: tuple[str, str]) -> list[tuple[str, str]]:
    """A row's texts by language; an empty one is a unit without that language."""
    return list(zip(("nl", "fr"), row, strict=True))


def _renderings(tmp_path, rows=ROWS, min_units: int = 2) -> dict[str, list[str]]:
    with open_store(str(tmp_path / "m.db")) as store:
        store.import_units(
            (ImportedUnit({lang: text for lang, text in _texts(row) if text}) for row in rows),
            ImportSource("ab" * 32, "t.tmx", "t", "test"),
            RunInfo("none", "", {}, "test", datetime.now(timezone.utc)),
        )
        options = TermOptions(langs=("nl", "fr"), min_score=0.0, min_units=min_units)
        terms = extract_terms(store, options, None)
    return {e.text: [r.text for r in e.renderings.get("fr", [])] for e in terms.entries}


def test_a_compounds_rendering_never_shown_with_the_head_alone_is_not_the_heads(
    tmp_path,
) -> None:
    renderings = _renderings(tmp_path)
    assert renderings["grondgebied"][0] == "territoire"
    assert "territoire" not in renderings.get("gebied", [])


def test_a_compounds_rendering_shown_with_the_head_alone_stays(tmp_path) -> None:
    """``commission`` stands in ``commissie``'s own units too: learned with
    ``begrotingscommissie``'s, it stays."""
    assert _renderings(tmp_path)["commissie"][0] == "commission"


def test_a_head_alone_in_one_unit_keeps_its_compounds_rendering(tmp_path) -> None:
    """One unit of the head alone is too few to say the compounds' rendering is not the
    head's (``parts.ALONE_UNITS``): with ``--min-units 1`` and ``gebied`` alone in one unit,
    ``territoire`` stays (rd20b: no test failed without the bound)."""
    rows = [row for row in ROWS if "Syrische" not in row[0]]
    assert _renderings(tmp_path, rows, min_units=1)["gebied"][0] == "territoire"


def test_a_head_alone_only_in_untranslated_units_keeps_its_compounds_rendering(tmp_path) -> None:
    """Units of ``gebied`` alone with no French text show nothing against ``territoire``: it
    stays (rd20b: they counted as units without the rendering, and it was dropped)."""
    rows = [(nl, "" if " gebied " in nl else fr) for nl, fr in ROWS]
    rows += [("Het gebied rond de rivier is nat.", ""), ("Dat gebied is bekend.", "")]
    assert _renderings(tmp_path, rows)["gebied"][0] == "territoire"
