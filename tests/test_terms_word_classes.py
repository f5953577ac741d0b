"""English words that are no terms for their word class, told from the memory's own contexts
(issue 8, branch t8j; the figures are in bench/RESULTS.md). Each test fails without its rule."""

from __future__ import annotations

from test_terms_quality import candidate_phrases, terms_of

from tmtool.terms import text as text_module
from tmtool.terms.word_classes import contexts as contexts_module
from tmtool.terms.word_classes import english as english_module
from tmtool.terms.word_classes import form_flags as form_flags_module

GRADED = [
    "The trail to the glacier is very long.",
    "A long trail leads to the hut.",
    "The hut is too small for the group.",
    "The lake is quite deep in summer.",
    "The hut stands by the lake.",
    "The group reached the lake at noon.",
    "The very heart of the valley is green.",
    "The valley has a heart of stone.",
]


def test_a_word_after_a_degree_word_ends_no_term(monkeypatch) -> None:
    """``very long``, ``too small``, ``quite deep``: a word graded by a degree word is an
    adjective or adverb; it may start a term (``long trail``) but is no term alone. ``the very
    heart`` grades nothing: ``very`` after a determiner is an adjective itself."""
    phrases = candidate_phrases(GRADED, "en")
    assert not {"long", "small", "deep"} & phrases
    assert {"long trail", "heart", "lake", "trail", "hut"} <= phrases
    # without the degree words those words are terms
    monkeypatch.setattr(text_module.language("en"), "degree_words", frozenset())
    assert {"long", "small", "deep"} <= candidate_phrases(GRADED, "en")


ABLE = [
    "The hut is accessible by car; the pass is accessible in summer.",
    "Trips are available all year round; guides are available in June.",
    "Trips are available from the visitor centre.",
    "The timetable was changed. The new timetable starts in May.",
    "The vegetable soup is good; the vegetables come from the valley.",
]


def test_english_adjectives_in_able_and_ible_are_no_terms() -> None:
    """``accessible``, ``available``: the -able/-ible ending of adjectives, unless the memory
    uses the word as a noun (``the timetable``, ``vegetables``)."""
    phrases = candidate_phrases(ABLE, "en")
    assert not {"accessible", "available"} & phrases
    assert {"timetable", "vegetable", "trip", "visitor centre"} <= phrases


ORDINALS = [
    "For the first time the third antenna received signals.",
    "The first signals came at night; the first was weak.",
    "The third millennium began. In the third millennium all changed.",
    "Tonight the antenna is calibrated; tonight we measure.",
    "De derde landen en de derde landen; de derde was laat.",
    "Vandaag stemt het Parlement; vandaag en morgen.",
]


def test_ordinals_start_terms_but_are_none_alone(monkeypatch) -> None:
    """Ordinals (``ordinals:`` line of the word file) are like number words: ``first`` and
    ``derde`` (which simplemma lemmatises ``drie``) are no terms alone, but start one (``third
    millennium``, ``derde landen``); deictic time adverbs (``tonight``, ``vandaag``) are
    function words."""
    english = candidate_phrases(ORDINALS[:4], "en")
    assert not {"first", "third", "tonight"} & english
    assert {"third millennium", "first signal", "antenna"} <= english
    dutch = candidate_phrases(ORDINALS[4:], "nl")
    assert not {"drie", "vandaag"} & dutch
    assert {"drie land", "parlement"} <= dutch
    for code in ("en", "nl"):
        monkeypatch.setattr(text_module.language(code), "ordinals", frozenset())
    assert "first" in candidate_phrases(ORDINALS[:4], "en")
    assert "drie" in candidate_phrases(ORDINALS[4:], "nl")


RARE = [
    "The festival launched an exotic gastronomical celebration.",
    "Visitors saw carnivals and exotic rain forests.",
    "The talks sparked bilateral trade between the countries.",
    "Political scientist Tamás Fritz spoke; the scientist Attila Ágh agreed.",
    "The fins of sharks were cut; the sea where sharks lived.",
    "The working party meets in Brussels.",
    "Yesterday the working party decided.",
    "At lower depths the ice is old.",
    "The lower area of the garden is for children.",
]


def test_a_word_seen_twice_before_a_noun_is_a_modifier(monkeypatch) -> None:
    """A word seen only twice in lower case, both times uninflected (or as a comparative) and
    right before a lower-case content word (``exotic rain forests``, ``lower depths``), ends no
    term; a noun before a name (``scientist Tamás``), a plural subject before its verb
    (``sharks lived``) or a compound's head before its verb (``working party meets``) stays."""
    phrases = candidate_phrases(RARE, "en")
    assert not {"exotic", "low"} & phrases  # simplemma: lower → low
    assert {"exotic rain forest", "scientist", "shark", "bilateral trade", "low area"} <= phrases
    assert {"party", "work party"} <= phrases  # a compound's head before its verb
    # a comparative counts as its adjective written plain (``lower depths``)
    monkeypatch.setattr(form_flags_module, "_uninflected_or_graded", str.__eq__)
    assert "low" in candidate_phrases(RARE, "en")
    monkeypatch.setattr(english_module, "MODIFIER_FEW_OCCURRENCES", 3)  # the rule off
    assert "exotic" in candidate_phrases(RARE, "en")


SUBJECTS = [
    "The mink escaped from the farm last night.",
    "Farmers say a mink kills hens.",
    "The exotic fruit arrived; exotic birds sang.",
]


def test_a_subject_before_its_past_form_stays_a_noun(monkeypatch) -> None:
    """A word seen twice before a lower-case word is no modifier when one of those words is an
    -ed form, its verb or participle (``the mink escaped``): singular subjects before their
    verb are nouns."""
    phrases = candidate_phrases(SUBJECTS, "en")
    assert "mink" in phrases
    assert "exotic" not in phrases  # ``exotic fruit arrived``: the -ed form follows the noun
    monkeypatch.setattr(form_flags_module, "english_participle", lambda lower: False)  # check off
    assert "mink" not in candidate_phrases(SUBJECTS, "en")


OBJECTS = [
    "Why do you always drag me to these parties?",
    "Can't she drag you over to the party?",
    "The party was long. We left the party at night.",
    "They told them about the party.",
]


def test_a_word_before_an_object_pronoun_is_a_verb(monkeypatch) -> None:
    """Object pronouns (``verb-object:`` line) follow verbs, never nouns: ``drag me`` counts as
    a verb use, as ``she drag`` does, so ``drag`` is no term."""
    assert "drag" not in candidate_phrases(OBJECTS, "en")
    assert "party" in candidate_phrases(OBJECTS, "en")
    monkeypatch.setattr(text_module.language("en"), "verb_objects", frozenset())
    assert "drag" in candidate_phrases(OBJECTS, "en")


DIRECTIONS = [
    "The glaciers move south from the ice cap.",
    "Ships sail from the south; the south coast is steep.",
    "Talks on the Middle East began; the Middle East needs peace.",
    "Trade with East Asia grew; to the east lies the sea.",
]


def test_a_compass_direction_is_no_term_alone(monkeypatch) -> None:
    """Compass directions (``directions:`` line) are no term alone but stand in terms and names
    at either edge (``Middle East``, ``East Asia``, ``south coast``)."""
    phrases = candidate_phrases(DIRECTIONS, "en")
    assert not {"south", "east"} & phrases
    assert {"middle east", "east asia", "south coast", "glacier"} <= phrases
    monkeypatch.setattr(text_module.language("en"), "directions", frozenset())
    assert {"south", "east"} <= candidate_phrases(DIRECTIONS, "en")


def test_interjections_are_function_words() -> None:
    """Formulas of speech in dialogue (``Sorry about earlier``, ``Yes``) are no terms."""
    phrases = candidate_phrases(
        ["Sorry about earlier.", "Sorry, the job is gone.", "Yes, the job.", "Yes!"], "en"
    )
    assert not {"sorry", "yes"} & phrases
    assert "job" in phrases


LY = [
    "He hung limply on the rope.",
    "The rope swung limply in the wind.",
    "Care for the elderly is costly; the elderly vote.",
    "His belly was full. The belly of the ship.",
]


def test_a_word_plus_ly_is_no_term_unless_used_as_a_noun(monkeypatch) -> None:
    """A word made of a known word and -ly (``limply``: ``limp``) is an adverb or adjective,
    unless the memory uses it as a noun (``the elderly``); a noun that only ends in -ly
    (``belly``: ``bel`` is too short a stem) stays."""
    phrases = candidate_phrases(LY, "en")
    assert "limply" not in phrases
    assert {"elderly", "belly", "rope"} <= phrases
    monkeypatch.setattr(form_flags_module, "_ly_of_a_word", lambda lemma: False)
    assert "limply" in candidate_phrases(LY, "en")


NOUN_LIKE = [
    "The official said the talks were very official.",
    "A senior official met the officials of the Council.",
    "The poor suffer; the poor are many; they are very poor.",
    "The principal of the school spoke; the principal was very principal.",
]


def test_nouns_graded_by_a_degree_word_stay_terms() -> None:
    """A word the memory uses as a noun (plural ``officials``, head ``the poor``, ``the
    principal``) stays a term though a degree word grades it once."""
    assert {"official", "poor", "principal"} <= candidate_phrases(NOUN_LIKE, "en")


SHORT_STEM_LY = [
    "The mayor was newly elected.",
    "The hall was newly painted for the mayor.",
    "His folly cost the town; such folly is rare.",
    "The reply came late; the reply was short.",
]


def test_a_frequent_three_letter_word_plus_ly_is_no_term(monkeypatch) -> None:
    """A frequent three-letter adjective plus -ly (``newly``: ``new``) is an adverb too, while
    nouns ending in a rare three-letter string plus -ly (``folly``, ``reply``) stay terms."""
    phrases = candidate_phrases(SHORT_STEM_LY, "en")
    assert "newly" not in phrases
    assert {"folly", "reply", "mayor"} <= phrases
    monkeypatch.setattr(form_flags_module, "LY_SHORT_STEM_MIN_ZIPF", 99.0)
    assert "newly" in candidate_phrases(SHORT_STEM_LY, "en")


LEFT_RIGHT = [
    "The ambassador (pictured left) opened the exhibition.",
    "The curator (left) and the ambassador at the exhibition.",
    "He raised his left arm; his left arm was broken.",
    "The right to vote is a right of every citizen.",
    "Every citizen has the right to vote.",
]


def test_left_is_a_direction_and_right_a_noun_of_law(monkeypatch) -> None:
    """``left`` is a side relative to a viewer, like a compass direction no term alone but part
    of terms (``left arm``); ``right`` is also the noun of law (``the right to vote``) and
    stays."""
    phrases = candidate_phrases(LEFT_RIGHT, "en")
    assert "left" not in phrases
    assert {"left arm", "right", "exhibition"} <= phrases
    english = text_module.language("en")
    monkeypatch.setattr(english, "directions", english.directions - {"left"})
    assert "left" in candidate_phrases(LEFT_RIGHT, "en")


WITH_OBJECT = [
    "It slips my mind every time.",
    "Slips your mind? The key is on the table.",
    "It changes the route. The changes come in May.",
    "They waste the paper. Waste paper lies on the table.",
    "Waste paper burns well in the stove.",
]


def test_an_inflected_form_between_a_subject_and_a_determiner_is_a_verb() -> None:
    """``it slips my mind``: an inflected form between a verb context and a determiner is a
    finite verb before its object, so one such use makes a word never seen after a determiner
    a verb. A word also seen as a noun (``the changes``) and a bare form (``waste the paper``
    beside ``waste paper``) stay terms."""
    phrases = candidate_phrases(WITH_OBJECT, "en")
    assert "slips" not in phrases and "slip" not in phrases
    assert {"change", "waste paper", "table"} <= phrases


PREDICATIVE = [
    "The visitor centre is open in summer.",
    "The huts are open from June; the centre was open too.",
    "Freedom is slavery. The party said that freedom is slavery.",
    "The huts stand by the lake, and the centre stands by the road.",
]


def test_an_adjective_after_a_copula_ends_no_term() -> None:
    """``is open``, ``are open``: a bare word seen after a form of "be" in half of its uses,
    never after a determiner, and with a frequent -ly adverb (``openly``) is an adjective; a
    mass noun after a copula has no such adverb (``freedom is slavery``) and stays a term."""
    phrases = candidate_phrases(PREDICATIVE, "en")
    assert "open" not in phrases
    assert {"slavery", "freedom", "visitor centre", "hut"} <= phrases


A_BIT = [
    ("The climb is a bit difficult in winter.", "Klifrið er dálítið erfitt á veturna."),
    ("Difficult?", "Erfitt?"),
    ("The hut is a bit small for the group.", "Skálinn er dálítið lítill fyrir hópinn."),
    ("The hut is small.", "Skálinn er lítill."),
    ("With a bit of luck the group reaches the hut.", "Með smá heppni nær hópurinn skálanum."),
    ("The group waits at the hut for luck.", "Hópurinn bíður við skálann eftir heppni."),
    ("The guide carries a drill bit to the hut.", "Leiðsögumaðurinn ber bor að skálanum."),
    ("The drill bit broke at the hut.", "Borinn brotnaði við skálann."),
]


def test_a_word_after_a_bit_ends_no_term(tmp_path, monkeypatch) -> None:
    """``a bit difficult``, ``a bit small``: after the indefinite article ``bit`` grades the next
    word as ``very`` does (a noun after it takes ``of``: ``a bit of luck``), so that word is an
    adjective or adverb and no term alone; ``luck`` after ``a bit of`` and the noun ``drill
    bit`` stay terms."""
    phrases = candidate_phrases([english for english, _ in A_BIT], "en")
    assert not {"difficult", "small"} & phrases
    assert {"hut", "luck", "group"} <= phrases
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    terms = {entry.text for entry in terms_of(tmp_path / "with", A_BIT, ("en", "is")).entries}
    assert "difficult" not in terms
    # without the degree nouns ``difficult`` is a term with a rendering
    monkeypatch.setattr(contexts_module, "EN_DEGREE_NOUNS", frozenset())
    assert {"difficult", "small"} <= candidate_phrases([english for english, _ in A_BIT], "en")
    terms = {entry.text for entry in terms_of(tmp_path / "without", A_BIT, ("en", "is")).entries}
    assert "difficult" in terms
