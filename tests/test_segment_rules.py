"""Rule-based sentence segmentation for Dutch, French, English and other languages."""

from __future__ import annotations

import pytest

from tmtool.segment import get_segmenter


def split(text: str, lang: str = "nl") -> list[str]:
    return get_segmenter(lang).split(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Zie art. 5 van het K.B. van 3 jan. 2018 en de artt. 6 tot 8.",
        "Volgens nr. 12 op blz. 4 van het B.S. van 1 febr. 2016 is dat zo.",
        "De ministers, o.a. dhr. Jambon en mevr. Wilmès, m.b.t. de wet, d.w.z. vandaag.",
        "Dat geldt bijv. voor de k.b. van 1999, m.a.w. voor alle besluiten.",
        "Minister J. Jambon en K. Geens waren er ook bij.",
        "De prijs steeg met 1.5 procent op 25-26 april en volgens artikel 7-2 van de code.",
        "Hij citeerde Mr. Smith en Dr. Jones.",
    ],
)
def test_dutch_abbreviations_initials_and_numbers(sentence):
    assert split(sentence) == [sentence]


def test_dutch_sentences():
    text = (
        "Frankrijk en België moeten samenwerken. Dat heeft de minister gezegd! Waarom? "
        "Omdat het moet... Zij zei: 'Het is klaar.' Daarna ging zij (naar huis.) Het einde."
    )
    assert split(text) == [
        "Frankrijk en België moeten samenwerken.",
        "Dat heeft de minister gezegd!",
        "Waarom?",
        "Omdat het moet...",
        "Zij zei: 'Het is klaar.'",
        "Daarna ging zij (naar huis.)",
        "Het einde.",
    ]


def test_lower_case_after_a_full_stop_continues_the_sentence():
    text = "De informatiesystemen (SIS, VIS etc.) snel verzekeren. Verfijnd met een impuls. er werd"
    assert split(text) == [
        "De informatiesystemen (SIS, VIS etc.) snel verzekeren.",
        "Verfijnd met een impuls. er werd",
    ]


def test_sentence_final_abbreviation_before_a_capital():
    assert split("Zij kochten boeken, schriften enz. De winkel sloot.") == [
        "Zij kochten boeken, schriften enz.",
        "De winkel sloot.",
    ]


def test_year_at_sentence_end_and_sentence_starting_with_a_number():
    assert split("Dat gebeurde in 2016. 2017 was rustiger. Het gebeurde op 29 mei. Toen") == [
        "Dat gebeurde in 2016.",
        "2017 was rustiger.",
        "Het gebeurde op 29 mei.",
        "Toen",
    ]


def test_heading_number_stays_with_its_title():
    assert split("1. Wat de strijd tegen het terrorisme betreft") == [
        "1. Wat de strijd tegen het terrorisme betreft"
    ]
    assert split("2.3. Overleg. Daarna volgt de tekst.") == [
        "2.3. Overleg.",
        "Daarna volgt de tekst.",
    ]


def test_no_segment_is_only_a_number_or_punctuation():
    assert split("Dat is alles. 12. ./. Einde.") == ["Dat is alles. 12. ./.", "Einde."]
    assert split("12. 13. 14.") == ["12. 13. 14."]


def test_paragraph_breaks_always_end_a_segment():
    assert split("Een titel zonder punt\n\nDe tekst volgt hier\nop twee regels.") == [
        "Een titel zonder punt",
        "De tekst volgt hier op twee regels.",
    ]


def test_french():
    text = (
        "M. Michel et Mme Dupont, c.-à-d. les ministres, p. ex. le n° 5, sont venus. "
        "Pourquoi ? Parce que l'art. 3, al. 2 de l'A.R. le prévoit. Voir MM. Dupont et Durant. "
        "« C'est fini. » Ensuite, la réunion a pris fin le 3 janv. 2018. Fin."
    )
    assert split(text, "fr") == [
        "M. Michel et Mme Dupont, c.-à-d. les ministres, p. ex. le n° 5, sont venus.",
        "Pourquoi ?",
        "Parce que l'art. 3, al. 2 de l'A.R. le prévoit.",
        "Voir MM. Dupont et Durant.",
        "« C'est fini. »",
        "Ensuite, la réunion a pris fin le 3 janv. 2018.",
        "Fin.",
    ]


def test_english():
    text = (
        "Mr. Smith, e.g. the No. 5 man, said no. Then he left, i.e. at 5 p.m. today. "
        "See Art. 3 and Regulation (EU) No. 2016/679. The U.S. economy grew vs. last year."
    )
    assert split(text, "en") == [
        "Mr. Smith, e.g. the No. 5 man, said no.",
        "Then he left, i.e. at 5 p.m. today.",
        "See Art. 3 and Regulation (EU) No. 2016/679.",
        "The U.S. economy grew vs. last year.",
    ]


def test_german_ordinals_and_generic_languages():
    assert split(
        "Am 3. Oktober 2018 kam er. Das war z.B. gut. Er kam 2016. Dann ging er.", "de"
    ) == [
        "Am 3. Oktober 2018 kam er.",
        "Das war z.B. gut.",
        "Er kam 2016.",
        "Dann ging er.",
    ]
    assert split("Þetta er setning. Þetta er önnur setning.", "is") == [
        "Þetta er setning.",
        "Þetta er önnur setning.",
    ]


def test_spans_cover_every_letter_once():
    segmenter = get_segmenter("nl")
    text = "1. Titel. Tekst met art. 5 en J. Jambon. Nog een zin! 12. Einde"
    spans = segmenter.spans(text)
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    covered = "".join(text[a:b] for a, b in spans)
    assert [c for c in covered if c.isalpha()] == [c for c in text if c.isalpha()]


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("nl", "Hij gaf het op. Daarna ging hij naar huis.", "Hij gaf het op."),
        ("nl", "Dat geldt voor BE, FR en NL. De anderen volgen.", "Dat geldt voor BE, FR en NL."),
        ("fr", "C'est de l'art. Ensuite, la réunion a pris fin.", "C'est de l'art."),
        ("en", "They discussed modern art. Then they left.", "They discussed modern art."),
        ("en", "The answer is No. Then he left.", "The answer is No."),
        ("de", "So geht es auf diese Art. Dann kam er.", "So geht es auf diese Art."),
    ],
)
def test_words_that_look_like_abbreviations_end_sentences(lang, text, first):
    assert split(text, lang)[0] == first
    assert len(split(text, lang)) == 2


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            'An exhibition entitled "Happy (?) Budapest" opened today. It runs until May.',
            ['An exhibition entitled "Happy (?) Budapest" opened today.', "It runs until May."],
        ),
        (
            "fr",
            "Le rapport (!) Dupont est adopté. Il entre en vigueur demain.",
            ["Le rapport (!) Dupont est adopté.", "Il entre en vigueur demain."],
        ),
    ],
)
def test_an_editorial_mark_in_brackets_ends_no_sentence(lang, text, expected):
    assert split(text, lang) == expected
