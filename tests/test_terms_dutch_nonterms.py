"""Dutch words the seeds' glossary listed as terms though they are none (issue 8, t19g's
judgement of the seeds, branch t19v): finite verbs simplemma reads as noun plurals (``roepen``
→ ``roep``, ``stellen`` → ``stel``, ``vormen`` → ``vorm``), shown as verbs by the subject
pronoun after them, their separable particle or the memory's other forms of the verb;
conjunctions and adverbs; comparatives (``vlotter`` → ``vlot``); adjectives simplemma does not
take for inflected (``vrije``, ``grensoverschrijdende``); an adverb before an article (``vaker
een beroep``); the nouns of complex prepositions (``door middel van``); and two names
coordinated in either order (``Frankrijk en België``). Small crafted data; the measurements
are in ``bench/terms_bench.py quality`` and ``bench/seeds_judged.py``."""

from __future__ import annotations

from terms_support import candidate_phrases, imported_terms


def with_word(phrases: set[str], *words: str) -> set[str]:
    return {phrase for phrase in phrases if set(phrase.split()) & set(words)}


def test_a_word_before_a_subject_pronoun_is_a_verb() -> None:
    """``roepen wij``: a main clause puts its finite verb before the subject pronoun."""
    phrases = candidate_phrases(
        [
            "Daarom roepen wij de lidstaten op.",
            "Samen met de partners roepen we de lidstaten op.",
            "De lidstaten beslissen.",
        ]
    )
    assert "lidstaat" in phrases
    assert not with_word(phrases, "roep", "roepen")


def test_a_word_before_its_separable_particle_is_a_verb() -> None:
    """``komen overeen om``, ``stellen vast dat``: the particle closes the clause of its verb."""
    phrases = candidate_phrases(
        [
            "De partijen komen overeen om de controles te versterken.",
            "De ministers komen overeen dat de controles nodig zijn.",
            "Beide partijen stellen vast dat de controles werken.",
            "De ministers stellen vast dat de grenzen open blijven.",
        ]
    )
    assert {"partij", "minister", "controle"} <= phrases
    assert not with_word(phrases, "komen", "stel", "stellen")


def test_conjunctions_and_samen_are_function_words() -> None:
    phrases = candidate_phrases(
        [
            "De lidstaten werken samen, alsook de agentschappen.",
            "Wij werken samen teneinde de controles te versterken.",
        ]
    )
    assert "agentschap" in phrases
    assert not with_word(phrases, "samen", "alsook", "teneinde")


def test_a_comparative_is_no_term() -> None:
    """``vlotter`` is lemmatised ``vlot``: the comparative of an adjective, no noun."""
    phrases = candidate_phrases(
        [
            "De grensdoorgangen moeten vlotter verlopen.",
            "Wij willen de procedures nog vlotter maken.",
        ]
    )
    assert "procedure" in phrases
    assert "vlot" not in phrases


def test_an_adjective_whose_stem_ends_in_j_is_inflected() -> None:
    """``vrije`` is ``vrij`` + -e, not a diminutive in -je: ``vrij`` alone is no term."""
    phrases = candidate_phrases(
        ["Het vrije verkeer van personen.", "Wij verdedigen het vrije verkeer."]
    )
    assert "vrij verkeer" in phrases
    assert "vrij" not in phrases


def test_a_compound_present_participle_is_an_adjective() -> None:
    """``grensoverschrijdende``: simplemma lacks the compound, its head ``overschrijdende`` is
    ``overschrijden`` + -de."""
    phrases = candidate_phrases(
        [
            "De grensoverschrijdende samenwerking groeit.",
            "Wij steunen de grensoverschrijdende samenwerking.",
        ]
    )
    assert "grensoverschrijdende samenwerking" in phrases
    assert "grensoverschrijdende" not in phrases


def test_no_phrase_starts_with_an_adverb_before_an_article() -> None:
    """``vaker een beroep doen op``: the comparative modifies no noun of the phrase."""
    phrases = candidate_phrases(
        [
            "Wij willen nog vaker een beroep doen op het team.",
            "Zij doen vaker een beroep op de dienst.",
        ]
    )
    assert "team" in phrases
    assert not {phrase for phrase in phrases if phrase.split()[0] == "vaak"}


def test_the_noun_of_a_complex_preposition_is_no_term_there() -> None:
    """``door middel van``, ``in het kader van``: the noun names nothing there; elsewhere it
    is a word like any other (``het kader``)."""
    phrases = candidate_phrases(
        [
            "Wij werken samen in het kader van het programma.",
            "In het kader van het programma is veel gedaan.",
            "Het kader is klaar.",
            "Door middel van controles.",
            "Wij helpen door middel van gegevens.",
        ]
    )
    assert {"programma", "kader", "controle", "gegeven"} <= phrases
    assert "kader van het programma" not in phrases
    assert not with_word(phrases, "middel")


def test_a_plural_of_a_verb_the_memory_conjugates_is_a_verb() -> None:
    """``vormen`` (→ ``vorm``) where the memory writes ``vormt`` (→ ``vormen``, a verb form):
    the plural present, unless it stands after determiners, adjectives or prepositions (``de
    vormen van``, ``Europese boeren``, ``van boeren``)."""
    phrases = candidate_phrases(
        [
            "Personen die een bedreiging vormen voor de veiligheid.",
            "Zij vormen een bedreiging voor de openbare orde.",
            "Dit vormt een risico.",
        ]
    )
    assert "bedreiging" in phrases
    assert not with_word(phrases, "vorm", "vormen")
    nouns = candidate_phrases(
        [
            "De vormen van samenwerking groeien.",
            "Nieuwe vormen van encryptie.",
            "Dit vormt een risico.",
        ]
    )
    assert "vorm" in nouns
    # after a capitalised adjective or a preposition the form is a noun too
    farmers = candidate_phrases(
        ["De Europese boeren protesteren.", "De prijs van boeren daalt.", "Hij boert goed."]
    )
    assert "boer" in farmers


def test_two_names_coordinated_in_either_order_are_no_term(tmp_path) -> None:
    """``Frankrijk en België`` and ``België en Frankrijk``: a free coordination; a name with
    its order fixed (``Bosnië en Herzegovina``) stays."""
    rows = [
        ("Frankrijk en België werken samen.", "La France et la Belgique coopèrent."),
        ("Frankrijk en België steunen de controles.", "La France et la Belgique soutiennent."),
        ("België en Frankrijk delen gegevens.", "La Belgique et la France partagent."),
        ("België en Frankrijk versterken de controles.", "La Belgique et la France renforcent."),
        ("Bosnië en Herzegovina is een land.", "La Bosnie-Herzégovine est un pays."),
        ("Bosnië en Herzegovina stemt.", "La Bosnie-Herzégovine vote."),
        ("Frankrijk stemt.", "La France vote."),
        ("België stemt.", "La Belgique vote."),
    ]
    terms = imported_terms(tmp_path, rows, ("nl", "fr"), min_score=0.1)
    listed = {entry.text for entry in terms.entries}
    assert "Bosnië en Herzegovina" in listed
    assert not listed & {"Frankrijk en België", "België en Frankrijk"}
