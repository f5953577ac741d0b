"""A term with no rendering in one target language (branch t19g): the CSV's empty cell says so.

In the seeds' glossary 35 of 175 lines had an empty French or English cell, 18 of them a right
term with a right rendering in the other language (``Ministerie van Justitie`` → – / ``Ministry of
Justice``): worth listing, but an empty cell under ``consistent`` read as a value lost on the
way. The status names the language instead; TBX has no ``langSet`` and OmegaT no line for it.
"""

from __future__ import annotations

import csv

from terms_support import imported_terms

from tmtool.exchange.glossary import glossary_csv, glossary_omegat
from tmtool.exchange.tbx import glossary_tbx

# ``rechtbank`` is ``tribunal`` in every French unit; the English never says it the same way
ROWS = [
    ("De rechtbank beslist nu.", "Le tribunal décide maintenant.", "The court decides now."),
    ("Wij vertrouwen de rechtbank.", "Nous faisons confiance au tribunal.", "We trust the judges."),
    ("De rechtbank is gesloten.", "Le tribunal est fermé.", "The courthouse is closed."),
    ("Hij gaat naar de rechtbank.", "Il va au tribunal.", "He goes before the bench."),
    ("De minister beslist nu.", "Le ministre décide maintenant.", "The minister decides now."),
    ("Wij steunen de minister.", "Nous soutenons le ministre.", "We support the minister."),
    ("De minister is weg.", "Le ministre est parti.", "The minister has left."),
]


def test_a_term_without_an_english_rendering_says_so(tmp_path) -> None:
    terms = imported_terms(tmp_path, ROWS, ("nl", "fr", "en"), min_score=0.3)
    rows = {row[0]: row for row in csv.reader(glossary_csv(terms).splitlines()[1:])}
    court = rows["rechtbank"]
    assert court[1:3] == ["tribunal", ""]
    assert court[6] == "consistent; no rendering in en-GB"
    minister = rows["minister"]
    assert minister[1:3] == ["ministre", "minister"] and minister[6] == "consistent"
    tbx = glossary_tbx(terms).decode()
    entry = tbx[tbx.index("rechtbank") : tbx.index("</termEntry>", tbx.index("rechtbank"))]
    assert 'xml:lang="fr-BE"' in entry and 'xml:lang="en-GB"' not in entry
    assert "rechtbank\t" not in glossary_omegat(terms, "en")
    assert "rechtbank\ttribunal\t" in glossary_omegat(terms, "fr")
