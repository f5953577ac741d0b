"""Words of fixed phrases, and Dutch words, that the seeds' glossary listed as terms though
they are none (issue 8, branch t20n): the noun of a complex preposition a term may hold whole
(``gebied van veiligheid`` of ``op het gebied van``; English ``field of security``), the noun
of a light-verb idiom beside its verb (``een beroep doen op``, ``ten volle gebruik maken
van``), a separable verb's infinitive after ``het`` (``het opsporen``) and an uninflected
adjective before a neuter noun (``op hoog niveau``). Small crafted data; the measurements are
in ``bench/terms_bench.py quality`` and ``bench/seeds_judged.py``."""

from __future__ import annotations

from collections import Counter

from tmtool.terms.candidates import count_candidates
from tmtool.terms.corpus import build_corpus


def counted(texts: list[str], lang: str = "nl", max_words: int = 6) -> Counter[str]:
    """Units per candidate phrase (its lemmas joined) in a memory of ``lang`` texts alone."""
    corpus = build_corpus(((i, "doc", {lang: text}) for i, text in enumerate(texts)), [lang])
    vocab = corpus.source.vocab
    return Counter(
        {
            " ".join(vocab.key_text(key)): units
            for key, units in count_candidates(corpus, max_words).items()
        }
    )


def test_no_term_starts_or_ends_inside_a_complex_preposition_a_term_may_hold() -> None:
    """``op het gebied van``, ``op grond van``: the noun names nothing there, so no candidate
    starts or ends on it (``gebied van veiligheid``, ``gebied`` there), but a term may hold
    the whole frame (``samenwerking op het gebied van veiligheid``); elsewhere the noun is a
    word like any other (``het gebied``)."""
    phrases = counted(
        [
            "De samenwerking op het gebied van veiligheid groeit.",
            "Wij steunen de samenwerking op het gebied van veiligheid en justitie.",
            "Het gebied is groot.",
            "Discriminatie op grond van leeftijd is verboden.",
            "Het verbod op discriminatie op grond van leeftijd.",
        ]
    )
    assert phrases["samenwerking op het gebied van veiligheid"] == 2
    assert phrases["discriminatie op grond van leeftijd"] == 2
    assert phrases["gebied"] == 1
    assert "gebied van veiligheid" not in phrases
    assert "grond van leeftijd" not in phrases
    assert "grond" not in phrases


def test_the_noun_of_a_light_verb_idiom_is_no_term_beside_its_verb() -> None:
    """``een beroep doen op``, ``gebruik maken van``: with its verb, after it (``beroep te
    doen``) or before it in a main clause (``maken ten volle gebruik van``), the noun names
    nothing; without it, or after a definite determiner, it is a noun (``in beroep gaan``,
    ``het gebruik van``)."""
    phrases = counted(
        [
            "Wij willen vaker een beroep doen op het team.",
            "Zij doen vaker een beroep op de dienst.",
            "Het is nodig een beroep te doen op de diensten.",
            "Zij maken ten volle gebruik van de middelen.",
            "Wij besluiten ten volle gebruik te maken van de instrumenten.",
            "Het gebruik van persoonsgegevens is beperkt.",
            "Het gebruik van wapens is verboden.",
            "Zij gaan in beroep bij het hof.",
        ]
    )
    assert phrases["beroep"] == 1
    assert phrases["gebruik"] == 2
    assert not [phrase for phrase in phrases if "volle" in phrase.split()]


def test_a_separable_infinitive_after_het_is_a_verbal_noun() -> None:
    """``het opsporen en verwijderen van``: every Dutch infinitive is a verbal noun after
    ``het``, so where the memory writes the verb split (``op te sporen``) the joined
    infinitive stays a verb; a noun the form is the plural of keeps its uses (``de
    voorstellen`` beside ``voor te stellen``)."""
    phrases = counted(
        [
            "Het opsporen en verwijderen van inhoud is nodig.",
            "Wij willen deze personen kunnen opsporen.",
            "Wij helpen om de daders op te sporen.",
            "De voorstellen van de Commissie zijn goed.",
            "Wij vragen de Commissie om maatregelen voor te stellen.",
        ]
    )
    assert "opsporen" not in phrases
    assert phrases["voorstel"] == 1
    assert phrases["inhoud"] == 1


def test_an_uninflected_adjective_before_a_neuter_noun_is_no_term() -> None:
    """``op hoog niveau``, ``een hoog niveau van``: the memory never writes ``hoge``, but the
    dictionary knows it as the adjective's form and the word stands only before a noun; a noun
    before a clause-final verb or another noun has no such form (``lidstaten maatregelen``)."""
    phrases = counted(
        [
            "Wij willen samenwerken op hoog niveau.",
            "Het behoud van een hoog niveau van bescherming.",
            "Zij vragen dat de lidstaten maatregelen nemen.",
            "Het is nodig dat de lidstaten maatregelen treffen.",
        ]
    )
    assert "hoog" not in phrases
    assert phrases["niveau"] == 2
    assert phrases["lidstaat"] == 2


def test_english_complex_prepositions_a_term_may_hold() -> None:
    """``in the field of``, ``in spite of``: the same in English; ``discrimination on the
    grounds of age`` stays a candidate, ``field of security`` and ``spite`` are none."""
    phrases = counted(
        [
            "Cooperation in the field of security is growing.",
            "We support cooperation in the field of security and justice.",
            "The field is green.",
            "They came in spite of the rain.",
            "In spite of the rain, they came.",
            "Discrimination on the grounds of age is forbidden.",
        ],
        lang="en",
    )
    assert phrases["cooperation in the field of security"] == 2
    assert phrases["field"] == 1
    assert "field of security" not in phrases
    assert "spite" not in phrases
    assert "ground of age" not in phrases and "grounds of age" not in phrases


def test_the_noun_of_a_verb_idiom_prepositional_phrase_is_no_term_there() -> None:
    """``tot stand brengen``, ``van toepassing zijn``: the noun of the idiom's prepositional
    phrase names nothing there; elsewhere it is a noun (``de toepassing van``)."""
    phrases = counted(
        [
            "Wij willen een netwerk tot stand brengen.",
            "Het netwerk komt tot stand.",
            "Deze regels zijn van toepassing op iedereen.",
            "Dit is van toepassing op de lidstaten.",
            "De toepassing van de regels is streng.",
        ]
    )
    assert "stand" not in phrases
    assert phrases["toepassing"] == 1
    assert phrases["netwerk"] == 2


def test_an_adjective_of_praise_begins_no_term() -> None:
    """``uitstekende samenwerking``, ``excellent cooperation``: the speaker's praise classifies
    nothing, a free combination; a classifying adjective makes a term (``gerechtelijke
    samenwerking``)."""
    phrases = counted(
        [
            "Wij prijzen de uitstekende samenwerking tussen de landen.",
            "De uitstekende samenwerking gaat door.",
            "De gerechtelijke samenwerking groeit.",
            "De gerechtelijke samenwerking is nodig.",
        ]
    )
    assert phrases["gerechtelijk samenwerking"] == 2
    assert phrases["samenwerking"] == 4
    assert not [phrase for phrase in phrases if phrase.startswith("uitstekend")]
    english = counted(
        ["We praise the excellent cooperation.", "Their excellent cooperation goes on."], lang="en"
    )
    assert english["cooperation"] == 2
    assert not [phrase for phrase in english if phrase.startswith("excellent")]


def test_german_complex_prepositions() -> None:
    """``im Rahmen``, ``im Bereich``: no term starts or ends on their noun there; elsewhere it
    is a noun (``der Rahmen``, ``der Bereich``)."""
    phrases = counted(
        [
            "Im Rahmen des Projekts bauen wir eine Hütte.",
            "Die Arbeit im Rahmen des Projekts ist schwer.",
            "Der Rahmen ist alt.",
            "Die Spalten im Bereich der Gletscher sind tief.",
            "Wir fanden Spalten im Bereich der Gletscher.",
            "Der Bereich ist groß.",
        ],
        lang="de",
    )
    assert phrases["rahmen"] == 1
    assert phrases["bereich"] == 1
    assert phrases["gletscher"] == 2
    assert not [phrase for phrase in phrases if "bereich" in phrase.split()[1:]]


def test_english_light_verb_idioms() -> None:
    """``make full use of``, ``take part in``: the noun names nothing beside its verb; it stays
    a noun elsewhere (``the use of force``)."""
    phrases = counted(
        [
            "We make full use of the tools.",
            "They made no use of the funds.",
            "The use of force is forbidden.",
            "They took part in the talks.",
            "She will take part in the meeting.",
        ],
        lang="en",
    )
    assert phrases["use"] == 1
    assert phrases["use of force"] == 1
    assert "part" not in phrases
