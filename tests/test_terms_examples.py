"""Examples in a glossary from a memory whose units are whole paragraphs (branch rb20): a unit of
thousands of characters was shown whole in the CSV example cell, the TBX context and --json;
it is now cut to a window around the term and its rendering (``terms/examples.py``)."""

from __future__ import annotations

import csv
import io

from terms_support import imported_terms

from tmtool.exchange.glossary import glossary_csv
from tmtool.terms.examples import ELLIPSIS, EXAMPLE_CHARS, example_around

#: words of the filler sentences (Dutch, English): every unit mixes them, so none goes with a term
SUBJECTS = [
    ("bakker", "baker"),
    ("kat", "cat"),
    ("molen", "mill"),
    ("boer", "farmer"),
    ("vogel", "bird"),
]
VERBS = [("ziet", "sees"), ("zoekt", "seeks"), ("vindt", "finds"), ("volgt", "follows")]
OBJECTS = [("rivier", "river"), ("heuvel", "hill"), ("tuin", "garden"), ("brug", "bridge")]


def paragraph(nl_middle: str, en_middle: str, seed: int) -> tuple[str, str]:
    """A unit of some 80 sentences, the given one in the middle of filler sentences."""
    filler = [
        (f"De {s[0]} {v[0]} de {o[0]}.", f"The {s[1]} {v[1]} the {o[1]}.")
        for s in SUBJECTS
        for v in VERBS
        for o in OBJECTS
    ]
    chosen = [filler[(seed * 7 + 13 * i) % len(filler)] for i in range(80)]
    rows = [*chosen[:40], (nl_middle, en_middle), *chosen[40:]]
    return " ".join(nl for nl, _ in rows), " ".join(en for _, en in rows)


def test_a_short_text_is_shown_whole() -> None:
    text = "Het jaarverslag wordt aan het parlement bezorgd."
    assert example_around(text, "jaarverslag") == text


def test_a_long_text_is_cut_around_the_phrase_between_words() -> None:
    words = [f"woord{i}" for i in range(400)]
    words[300] = "jaarverslag"
    text = " ".join(words)
    shown = example_around(text, "Jaarverslag", limit=200)
    assert shown.startswith(ELLIPSIS) and shown.endswith(ELLIPSIS)
    assert "jaarverslag" in shown
    inner = shown.strip(ELLIPSIS)
    assert len(inner) <= 200
    assert all(word in words for word in inner.split())  # no word cut in two


def test_a_window_that_starts_or_ends_between_words_keeps_its_edge_words() -> None:
    """Words of four letters, ``term`` at character 250: a window of 44 characters is 230-274,
    which starts at ``w046`` and ends with ``w054`` (a space follows it). Both are whole in the
    window and stay; the cut used to skip past the first word and back before the last one
    (rd20)."""
    words = [f"w{i:03d}" for i in range(100)]
    words[50] = "term"
    text = " ".join(words)
    assert text.index("term") == 250 and text[229] == " " and text[274] == " "
    shown = example_around(text, "term", limit=44)
    assert shown == f"{ELLIPSIS}w046 w047 w048 w049 term w051 w052 w053 w054{ELLIPSIS}"


def test_another_form_of_the_phrase_is_found_by_its_longest_word() -> None:
    text = "x " * 500 + "les personnes âgées vivent" + " y" * 500
    assert "personnes âgées" in example_around(text, "personne âgée", limit=100)


def test_examples_of_paragraph_units_stay_short_and_show_the_term(tmp_path) -> None:
    rows = [
        paragraph("Het jaarverslag is klaar.", "The annual report is ready.", i) for i in range(4)
    ]
    rows += [
        paragraph("De begroting is goedgekeurd.", "The budget was approved.", i)
        for i in range(4, 8)
    ]
    assert min(len(nl) for nl, _ in rows) > 2 * EXAMPLE_CHARS
    terms = imported_terms(tmp_path, rows, ("nl", "en"), min_score=0.3)
    entry = next(e for e in terms.entries if e.text == "jaarverslag")
    rendering = entry.main("en")
    assert rendering is not None and rendering.text == "annual report"
    for example in rendering.examples:
        assert len(example.source) <= EXAMPLE_CHARS + 2 and "jaarverslag" in example.source
        assert len(example.target) <= EXAMPLE_CHARS + 2 and "annual report" in example.target
    cells = [row["example"] for row in csv.DictReader(io.StringIO(glossary_csv(terms)))]
    assert cells and all(len(cell) <= EXAMPLE_CHARS + 2 for cell in cells)


def test_the_readme_states_the_cut() -> None:
    """Users see the cut in their glossary: README says where it starts and how it is marked."""
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"a unit over {EXAMPLE_CHARS} characters" in readme
    assert f"with `{ELLIPSIS}` where text was left out" in readme
