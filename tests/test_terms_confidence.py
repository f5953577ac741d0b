"""Units' alignment confidence as term evidence (issue 8, stop 17): a rendering seen only in
units whose alignment is doubtful is not listed, and a memory imported from TMX without
confidences is read as before. Also the seeds' ``internetproviders``: a copied piece of a
compound gives way to the whole rendering. Small crafted data; the measurements are in
``bench/terms_bench.py quality`` and bench/RESULTS.md."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from xml.sax.saxutils import escape

import numpy as np
import pytest
from tmx_support import make_document, run_info

from tmtool.document import Unit
from tmtool.exchange.tmx_import import import_tmx
from tmtool.store import ImportedUnit, ImportSource, RunInfo, open_store
from tmtool.terms import TermOptions, extract_terms
from tmtool.terms import corpus as corpus_module
from tmtool.terms.equivalents import choice, filters
from tmtool.terms.equivalents.filters import copied_piece

#: Dutch, English and the unit's alignment confidence: ``werkgroep`` stands in two doubtful
#: units, ``begroting`` in two sure ones
ROWS = [
    ("De werkgroep vergadert in Brussel.", "The working party meets in Brussels.", 0.7),
    (
        "Gisteren besliste de werkgroep over het voorstel.",
        "Yesterday the working party decided on the proposal.",
        0.6,
    ),
    ("De begroting is aangenomen.", "The budget was adopted.", 0.95),
    ("Wij bespreken morgen de begroting.", "We discuss the budget tomorrow.", 0.9),
    ("Het verslag werd goedgekeurd.", "The report was approved.", 0.99),
    ("Het verslag is lang.", "The report is long.", 0.99),
]


def glossary(store) -> dict[str, list[tuple[str, int]]]:
    terms = extract_terms(store, TermOptions(langs=("nl", "en"), min_score=0.3))
    return {e.text: [(r.text, r.units) for r in e.renderings.get("en", [])] for e in terms.entries}


def imported(tmp_path, rows, scored: bool) -> dict[str, list[tuple[str, int]]]:
    with open_store(str(tmp_path / "m.db")) as store:
        store.import_units(
            (ImportedUnit({"nl": nl, "en": en}, score=s if scored else None) for nl, en, s in rows),
            ImportSource("ab" * 32, "t.tmx", "t", "test"),
            RunInfo("none", "", {}, "test", datetime.now(timezone.utc)),
        )
        return glossary(store)


def test_rendering_seen_only_in_doubtful_units_is_dropped(tmp_path) -> None:
    listed = imported(tmp_path, ROWS, scored=True)
    # (0.7 + 0.6) × the document's mean 0.855 = 1.11 expected rightly aligned units: too few
    assert "werkgroep" not in listed
    assert listed["begroting"] == [("budget", 2)]  # (0.95 + 0.9) × 0.855 = 1.58
    assert listed["verslag"] == [("report", 2)]


def test_more_doubtful_units_are_support_enough(tmp_path) -> None:
    third = ("Het advies van de werkgroep is klaar.", "The working party's opinion is ready.", 0.6)
    listed = imported(tmp_path, [*ROWS, third], scored=True)  # 1.9 × 0.82 = 1.56
    assert listed["werkgroep"] == [("working party", 3)]


#: a rewritten release: most of its units pair paraphrases or nothing (confidence 0.1), so
#: even its two surer units (0.95, 0.9) are weak evidence
REWRITTEN = [
    ("De werkgroep vergadert in Brussel.", "The working party meets in Brussels.", 0.95),
    (
        "Gisteren besliste de werkgroep over het voorstel.",
        "Yesterday the working party decided on the proposal.",
        0.9,
    ),
    ("Het weer was slecht.", "Ministers arrived late.", 0.1),
    ("De zaal was vol.", "Journalists asked questions.", 0.1),
    ("Niemand sprak.", "The vote follows in May.", 0.1),
    ("Dat duurde lang.", "Observers expect changes.", 0.1),
]


def test_units_of_a_loosely_parallel_document_weigh_less(tmp_path, monkeypatch) -> None:
    with open_store(str(tmp_path / "m.db")) as store:
        for number, rows in enumerate([ROWS[2:], REWRITTEN]):
            store.import_units(
                (ImportedUnit({"nl": nl, "en": en}, score=s) for nl, en, s in rows),
                ImportSource(f"{number}" * 64, f"{number}.tmx", f"{number}", "test"),
                RunInfo("none", "", {}, "test", datetime.now(timezone.utc)),
            )
        listed = glossary(store)
        # 0.95 + 0.9 units, weighed by their document's mean confidence (0.375): 0.69
        assert "werkgroep" not in listed
        assert listed["begroting"] == [("budget", 2)]  # its document is parallel (0.96)
        # each unit weighed by its own confidence only, the rendering would stay
        monkeypatch.setattr(corpus_module, "weigh_units", lambda corpus: _own_confidence(corpus))
        assert glossary(store)["werkgroep"] == [("working party", 2)]


def _own_confidence(corpus) -> None:
    for side in corpus.sides.values():
        for unit, value in enumerate(side.evidence):
            side.evidence[unit] = 1.0 if math.isnan(value) else value


@pytest.mark.parametrize(
    ("params", "listed"), [({"confidence": "posterior"}, False), ({"window": 3}, True)]
)
def test_only_calibrated_confidences_are_evidence(tmp_path, params, listed) -> None:
    """Runs of the score model (stored before the posterior confidence) are read as before."""
    docs = {
        lang: make_document(lang, [row[column] for row in ROWS], f"verklaring-{lang}")
        for column, lang in enumerate(("nl", "en"))
    }
    units = [Unit({"nl": (i,), "en": (i,)}, row[2]) for i, row in enumerate(ROWS)]
    with open_store(str(tmp_path / "m.db")) as store:
        store.save_alignment(docs, units, run_info(**params))
        assert ("werkgroep" in glossary(store)) is listed


def test_units_without_confidence_count_as_sure(tmp_path) -> None:
    listed = imported(tmp_path, ROWS, scored=False)
    assert listed["werkgroep"] == [("working party", 2)]


def tmx_file(path, rows) -> None:
    units = "".join(
        f'<tu><tuv xml:lang="nl-BE"><seg>{escape(nl)}</seg></tuv>'
        f'<tuv xml:lang="en-GB"><seg>{escape(en)}</seg></tuv></tu>\n'
        for nl, en, _ in rows
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="test" '
        'creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="nl-BE" '
        f'datatype="plaintext"/><body>\n{units}</body></tmx>\n',
        encoding="utf-8",
    )


def test_tmx_memory_without_confidences_reads_as_before(tmp_path, monkeypatch) -> None:
    """Without confidences every unit counts 1: the rule never fires, so the glossary (scores,
    counts and examples included) is the one the extractor gave before it."""
    tmx_file(tmp_path / "m.tmx", ROWS)
    with open_store(str(tmp_path / "m.db")) as store:
        import_tmx(store, tmp_path / "m.tmx")
        options = TermOptions(langs=("nl", "en"), min_score=0.3)
        with_rule = [e.to_json() for e in extract_terms(store, options).entries]
        monkeypatch.setattr(filters, "MIN_SUPPORT", 0.0)  # the rule off: the code before it
        without_rule = [e.to_json() for e in extract_terms(store, options).entries]
    assert with_rule == without_rule
    assert [e["text"] for e in with_rule] == ["werkgroep", "begroting", "verslag"]


def test_a_weaker_floor_keeps_the_doubtful_rendering(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(filters, "MIN_SUPPORT", 1.0)  # 1.11 expected rightly aligned
    assert imported(tmp_path, ROWS, scored=True)["werkgroep"] == [("working party", 2)]


#: a compound whose French rendering holds the compound's first part, written the same; one
#: unit renders it otherwise (``fournisseurs de services internet``), so the whole phrase
#: stands in five of the term's six units, under ``COVERED``
PROVIDERS = [
    (
        "De samenwerking met de internetproviders moet beter.",
        "La coopération avec les fournisseurs d'accès à internet doit être meilleure.",
    ),
    (
        "Wij spreken met de grote internetproviders over inhoud.",
        "Nous parlons du contenu avec les grands fournisseurs d'accès à internet.",
    ),
    (
        "De internetproviders zijn vaak in het buitenland gevestigd.",
        "Les fournisseurs d'accès à internet sont souvent établis à l'étranger.",
    ),
    (
        "Gebruikers van internetplatforms en hun internetproviders.",
        "Les utilisateurs des plateformes internet et leurs fournisseurs d'accès à internet.",
    ),
    (
        "De wettelijke vertegenwoordigers van internetproviders worden benoemd.",
        "Les représentants légaux des fournisseurs de services internet sont désignés.",
    ),
    (
        "Toegang tot gegevens via internet en de internetproviders.",
        "L'accès aux données sur internet et les fournisseurs d'accès à internet.",
    ),
    (
        "De samenwerking met de lidstaten moet beter.",
        "La coopération avec les États membres doit être meilleure.",
    ),
    ("Wij spreken met de lidstaten.", "Nous parlons avec les États membres."),
]


def compound_encoder():
    """``internet`` near ``internetproviders`` (cosine 0.8, the letters it shares), the whole
    rendering less so (0.55), every other text orthogonal to the rest."""
    near = {"internetproviders": (1.0, 0.0), "internet": (0.8, 0.6)}
    vectors: dict[str, np.ndarray] = {}

    def embed(texts):
        for text in texts:
            if text not in vectors:
                vector = np.zeros(512)
                if text in near:
                    vector[0], vector[1] = near[text]
                elif text.startswith("fournisseurs d'accès"):
                    vector[0], vector[2] = 0.55, (1 - 0.55**2) ** 0.5
                else:
                    vector[len(vectors) + 3] = 1.0
                vectors[text] = vector
        return np.array([vectors[text] for text in texts])

    return embed


def providers_rendering(folder) -> list[str]:
    folder.mkdir()
    with open_store(str(folder / "p.db")) as store:
        store.import_units(
            (ImportedUnit({"nl": nl, "fr": fr}) for nl, fr in PROVIDERS),
            ImportSource("cd" * 32, "p.tmx", "p", "test"),
            RunInfo("none", "", {}, "test", datetime.now(timezone.utc)),
        )
        terms = extract_terms(store, TermOptions(langs=("nl", "fr")), compound_encoder())
    entry = next(e for e in terms.entries if e.text == "internetproviders")
    return [r.text for r in entry.renderings["fr"]]


def test_a_copied_piece_of_a_compound_gives_way_to_the_whole_rendering(
    tmp_path, monkeypatch
) -> None:
    assert providers_rendering(tmp_path / "a") == ["fournisseurs d'accès à internet"]
    # scored as any phrase, the copied piece wins on the letters it shares
    monkeypatch.setattr(choice, "copied_piece", lambda source, target: False)
    assert providers_rendering(tmp_path / "b") == ["internet"]


def test_copied_piece() -> None:
    assert copied_piece("internetproviders", "internet")
    assert copied_piece("Europolverslag", "Europol")
    assert not copied_piece("modernisering", "modernise")  # -ring: an ending, not a word
    assert not copied_piece("internet", "internetproviders")
    assert not copied_piece("internetproviders", "fournisseurs d'accès à internet")
