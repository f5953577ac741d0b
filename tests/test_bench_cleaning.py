"""The cleaning bench's renderer and scores, on the Dutch seeds' own sentences (no eval data)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from cleaning_bench import Score, score  # noqa: E402
from render_pdf_text import PAGE_LINES, WIDTH, Rendering, detokenise, render  # noqa: E402

from tmtool.prepare import prepare_document, prepare_text  # noqa: E402

SEEDS = sorted(p for p in (REPO / "seeds").glob("00?_*.txt") if p.name.count(".") == 1)


def seed_sentences(paths: list[Path] = SEEDS, *, bullets: bool = False) -> list[str]:
    """The seeds' segments; with ``bullets``, list items as the page shows them ("- ...")."""
    return [
        f"- {s.text}" if bullets and s.kind == "item" else s.text
        for path in paths
        for s in prepare_document(path, "nl").segments
    ]


def test_detokenise():
    assert detokenise("l' aube , et ( là ) .", "fr") == "l'aube, et (là)."
    assert detokenise('Hij zei " ja " .', "nl") == 'Hij zei "ja".'
    assert detokenise("It is n't Bob 's .", "en") == "It isn't Bob's."


def test_rendering_has_the_pdf_shape():
    sentences = seed_sentences()
    rendering = render(sentences, "nl", seed=2)
    lines = rendering.text.split("\n")
    assert max(len(line) for line in lines) <= WIDTH + 1
    headers = [line for line in lines if line.startswith(rendering.header_marks[0])]
    assert len(headers) >= len(lines) // (PAGE_LINES + 8)
    assert len({h for h in headers}) == len(headers)  # the date changes
    assert rendering.hyphenations and all(
        f"{left}-" in rendering.text for _, left, _ in rendering.hyphenations
    )
    assert render(sentences, "nl", seed=2).text == rendering.text  # reproducible


def test_scores_of_a_perfect_and_a_damaged_output():
    sentences = ["Dit is de eerste zin.", "De tweede zin volgt hier.", "En een derde."]
    rendering = Rendering("", sentences, ["KOP"], [("tweede", "twee", "de")], ["EU-land"])
    perfect = score(rendering, sentences)
    assert (perfect.f1(), perfect.exact, perfect.header_segments, perfect.unrepaired) == (
        1.0,
        3,
        0,
        0,
    )
    damaged = score(
        rendering, ["Dit is de eerste zin. De twee- de zin KOP 3 volgt hier.", "En een derde."]
    )
    assert damaged.exact == 1 and damaged.header_segments == 1 and damaged.unrepaired == 1
    assert 0.5 < damaged.f1() < 1.0


def test_seeds_rendered_as_pdf_text_come_back():
    """Each seed declaration (unseen by the tuning) as a PDF extraction, three renderings each."""
    total = Score()
    for path in SEEDS:
        sentences = seed_sentences([path])
        for seed in (1, 2, 3):
            rendering = render(seed_sentences([path], bullets=True), "nl", seed)
            rendering.sentences = sentences  # the cleaner takes the bullets off
            total.add(score(rendering, prepare_text(rendering.text, "nl").texts))
    assert total.f1() >= 0.98
    assert total.exact >= 0.97 * total.sentences
    assert total.unrepaired <= 0.03 * total.hyphenations
    assert total.wrongly_joined == 0
    assert total.header_segments == 0  # the one-page seeds' single header included
