"""Dutch word classes the seeds' glossary showed as terms (issue 8, read by a translator).
Verbs that simplemma reads as noun plurals: ``voeren`` → ``voer``, ``sporen`` → ``spoor``,
``waarborgen`` → ``waarborg``. They are not their own lemma, so the infinitive rule
(``Language.infinitive_like``) misses them; the infinitive marker ``te`` (``in te voeren,``,
``op te sporen.``) shows them as verbs. Adjectives and adverbs with a Dutch adjective suffix
(``uiteindelijk``, ``noodzakelijk``), which the memory need not show inflected. And a noun made
from an -iseren verb (``modernisering``) rendered by that verb's cognate (``moderniser``).
Small crafted data; the measurements are in ``bench/terms_bench.py quality``."""

from __future__ import annotations

from terms_support import candidate_phrases, imported_terms


def test_a_word_after_te_is_a_verb_though_its_lemma_is_a_noun() -> None:
    phrases = candidate_phrases(
        [
            "Wij besluiten de grenscontroles in te voeren.",
            "De lidstaten beloven de grenscontroles uit te voeren, zoals afgesproken.",
            "Zij voeren de grenscontroles samen.",
            "Om de daders van aanslagen op te sporen.",
            "Het is nodig de daders sneller op te sporen en te vervolgen.",
            "De politie volgt de sporen van de daders.",
        ]
    )
    assert "grenscontrole" in phrases and "dader" in phrases
    assert not any(word in phrase.split() for phrase in phrases for word in ("voer", "voeren"))
    # ``sporen`` stands after ``te`` twice and after a determiner once: a verb in this memory
    assert not any(word in phrase.split() for phrase in phrases for word in ("spoor", "sporen"))


def test_a_dutch_word_with_an_adjective_suffix_is_no_term_alone() -> None:
    """``uiteindelijk``, ``noodzakelijk`` (-lijk, -isch, -baar, -zaam) are adjectives or adverbs
    even when the memory never shows them inflected; they may still start a term."""
    phrases = candidate_phrases(
        [
            "Het is noodzakelijk dat de lidstaten samenwerken.",
            "Die samenwerking is noodzakelijk.",
            "Zij vormen uiteindelijk geen dreiging.",
            "De lidstaten bereiken uiteindelijk een akkoord.",
            "De terroristische dreiging blijft groot.",
            "Een terroristische dreiging vraagt een antwoord.",
        ]
    )
    assert "lidstaat" in phrases and "terroristisch dreiging" in phrases
    adjectives = ("noodzakelijk", "uiteindelijk", "terroristisch")
    assert not any(phrase.split()[-1] in adjectives for phrase in phrases)


def test_an_isering_noun_is_not_rendered_by_its_verb(tmp_path) -> None:
    """``modernisering`` → ``moderniser`` where the translator turned the phrase round (``de
    modernisering van`` → ``pour moderniser``): the verb is no rendering of the noun; a noun
    rendering (``harmonisering`` → ``harmonisation``) stays."""
    rows = [
        ("De modernisering van de landbouw is nodig.", "Il est urgent de moderniser l'agriculture"),
        ("Wij steunen de modernisering van de vloot.", "Il est temps de moderniser la flotte."),
        ("De modernisering van de diensten kost geld.", "Le coût de moderniser les services."),
        ("De harmonisering van de regels is nodig.", "L'harmonisation des règles est nécessaire."),
        ("Wij steunen de harmonisering van de normen.", "Nous voulons l'harmonisation des normes"),
        ("De harmonisering van de tarieven volgt.", "L'harmonisation des tarifs suit."),
        ("De landbouw in Europa.", "L'agriculture en Europe."),
        ("De vloot van Europa.", "La flotte de l'Europe."),
    ]
    terms = imported_terms(tmp_path, rows, ("nl", "fr"), min_score=0.3)
    renderings = {
        entry.text: [r.text for r in entry.renderings.get("fr", [])] for entry in terms.entries
    }
    assert renderings.get("harmonisering") == ["harmonisation"]
    assert "moderniser" not in renderings.get("modernisering", [])
