"""English ``May`` with a capital is the month, a content word (issue 8, the seeds' glossary,
branch t19n): ``may`` is a function word (the modal), so ``mei`` was rendered by a neighbour
(``force`` of ``entry into force on 25 May``). Small crafted data; the measurements are in
``bench/terms_bench.py quality`` and ``bench/seeds_judged.py``."""

from __future__ import annotations

from datetime import datetime, timezone

from tmtool.store import ImportedUnit, ImportSource, RunInfo, open_store
from tmtool.terms import TermOptions, extract_terms
from tmtool.terms.text import language

ROWS = [
    ("De verordening treedt op 25 mei in werking.", "The regulation enters into force on 25 May."),
    ("De aanslag van 29 mei 2018 in Luik.", "The attack of 29 May 2018 in Liège."),
    ("Sinds mei werken de diensten samen.", "Since May the services have worked together."),
    ("De diensten kunnen samenwerken.", "The services may work together."),
    ("De ministers bespreken het terrorisme.", "The ministers discuss terrorism."),
    ("De ministers bezoeken de diensten.", "The ministers visit the services."),
]


def test_may_with_a_capital_is_a_content_word() -> None:
    english = language("en")
    assert english.describe("May")[1] is False
    assert english.describe("may")[1] is True


def test_a_month_is_rendered_by_the_month(tmp_path) -> None:
    with open_store(str(tmp_path / "m.db")) as store:
        store.import_units(
            (ImportedUnit({"nl": nl, "en": en}) for nl, en in ROWS),
            ImportSource("ab" * 32, "t.tmx", "t", "test"),
            RunInfo("none", "", {}, "test", datetime.now(timezone.utc)),
        )
        terms = extract_terms(store, TermOptions(langs=("nl", "en"), min_score=0.0))
    renderings = {
        entry.text: [r.text for r in entry.renderings.get("en", [])] for entry in terms.entries
    }
    assert renderings.get("mei") == ["May"]
