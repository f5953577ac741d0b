"""French and English complex prepositions as frames (issue 8, the seeds' glossary, branch
t19w): ``au sein du``, ``en matière de``, ``relative à``, ``on behalf of`` open the complement
that follows, so a rendering never takes in their words (``Raad`` → ``sein du Conseil``,
``partnerschap`` → ``partenariat en matière``, ``voorstel`` → ``proposition relative``). Small
crafted data; the measurements are in ``bench/terms_bench.py quality`` and
``bench/seeds_judged.py``."""

from __future__ import annotations

from terms_support import imported_terms

ROWS = [
    (
        "Wij overleggen in de Raad over de grenzen.",
        "Nous discutons au sein du Conseil des frontières.",
    ),
    ("In de Raad is een akkoord bereikt.", "Au sein du Conseil, un accord a été trouvé."),
    ("De lidstaten spreken in de Raad.", "Les États membres parlent au sein du Conseil."),
    (
        "Het partnerschap inzake terrorisme groeit.",
        "Le partenariat en matière de terrorisme croît.",
    ),
    (
        "Wij versterken het partnerschap inzake veiligheid.",
        "Nous renforçons le partenariat en matière de sécurité.",
    ),
    ("Het partnerschap inzake justitie is goed.", "Le partenariat en matière de justice est bon."),
    ("Het voorstel over de grenzen is klaar.", "La proposition relative aux frontières est prête."),
    (
        "Wij steunen het voorstel over de wacht.",
        "Nous soutenons la proposition relative à la garde.",
    ),
    ("Het voorstel over de visa komt.", "La proposition relative aux visas arrive."),
    ("De lidstaten en de grenzen.", "Les États membres et les frontières."),
    ("Terrorisme en veiligheid.", "Le terrorisme et la sécurité."),
]


def test_a_rendering_takes_in_no_word_of_a_french_complex_preposition(tmp_path) -> None:
    terms = imported_terms(tmp_path, ROWS, ("nl", "fr"), min_score=0.0)
    renderings = {
        entry.text: [r.text for r in entry.renderings.get("fr", [])] for entry in terms.entries
    }
    assert renderings.get("Raad") == ["Conseil"]
    assert renderings.get("partnerschap") == ["partenariat"]
    assert renderings.get("voorstel") == ["proposition"]


ENGLISH_ROWS = [
    ("Zij spreekt namens de Raad.", "She speaks on behalf of the Council."),
    ("Namens de Raad dank ik u.", "On behalf of the Council, I thank you."),
    ("Ik antwoord namens de Raad.", "I answer on behalf of the Council."),
]


def test_a_rendering_takes_in_no_word_of_an_english_complex_preposition(tmp_path) -> None:
    """``on behalf of`` (``namens``): the same rule for English."""
    terms = imported_terms(tmp_path, ENGLISH_ROWS, ("nl", "en"), min_score=0.0)
    renderings = {
        entry.text: [r.text for r in entry.renderings.get("en", [])] for entry in terms.entries
    }
    assert renderings.get("Raad") == ["Council"]
