"""Page furniture, line-end hyphens, elliptic compounds and paragraphs broken by page breaks,
in nl, fr and en, on small crafted PDF-extraction-shaped texts."""

from __future__ import annotations

import pytest

from tmtool.clean.hyphens import Vocabulary, dehyphenate
from tmtool.clean.lexicon import lexicon
from tmtool.prepare import prepare_text

FILLER = {
    "nl": "Dit is een gewone zin over het beleid van de regering in het land.",
    "fr": "Ceci est une phrase ordinaire sur la politique du gouvernement du pays.",
    "en": "This is an ordinary sentence about the policy of the government here.",
}
BROKEN = {
    "nl": ("De ministers zullen zo snel mogelijk gehoor geven aan", "uw verzoek om meer steun."),
    "fr": ("Les ministres donneront suite dans les meilleurs délais à", "votre demande d'aide."),
    "en": ("The ministers will respond as quickly as they can to", "your request for support."),
}


def pages(lang: str, header: str, *, footer: str | None = None, n: int = 4) -> str:
    """``n`` pages of 20 filler lines; each page starts with ``header`` (``{page}`` filled in)
    and page 2 starts in the middle of a sentence."""
    out: list[str] = []
    for page in range(1, n + 1):
        if page > 1:
            out.append("")
        out.extend([header.format(page=page, day=page + 2), ""])
        if page == 2:
            out.append(BROKEN[lang][1])
        out.extend([FILLER[lang]] * 20)
        if page == 1:
            out.append(BROKEN[lang][0])
        if footer:
            out.extend(["", footer.format(page=page, pages=n)])
    return "\n".join(out) + "\n"


HEADERS = {
    "nl": ("Verslag van de Commissie Binnenlandse Zaken    {page}", "Pagina {page} van {pages}"),
    "fr": ("Rapport de la Commission de l'Intérieur    {page}", "Page {page} sur {pages}"),
    "en": ("Report of the Home Affairs Committee    {page}", "Page {page} of {pages}"),
}
DATED = {
    "nl": "Brussel, {day} mei 2018 — Verslag van de Commissie",
    "fr": "Bruxelles, le {day} mai 2018 — Rapport de la Commission",
    "en": "Brussels, {day} May 2018 — Report of the Committee",
}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_running_header_mid_sentence_is_cut_and_the_sentence_joined(lang):
    header, footer = HEADERS[lang]
    document = prepare_text(pages(lang, header, footer=footer), lang)
    joined = f"{BROKEN[lang][0]} {BROKEN[lang][1]}"
    assert joined in document.texts
    assert not any(
        "Commission" in t or "Commissie" in t or "Committee" in t for t in document.texts
    )
    assert not any(t.startswith(("Pagina", "Page")) for t in document.texts)
    assert len(document.furniture) == 8  # 4 headers, 4 footers
    assert document.furniture[0] == header.format(page=1)
    # the sentence's original still holds the cut header, as the page had it
    original = next(s.original for s in document.segments if s.text == joined)
    assert header.format(page=1, day=0).split("    ")[0] in original


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_repeated_header_with_a_changing_date(lang):
    document = prepare_text(pages(lang, DATED[lang]), lang)
    assert f"{BROKEN[lang][0]} {BROKEN[lang][1]}" in document.texts
    assert len(document.furniture) == 4
    assert not any("2018" in t for t in document.texts)


@pytest.mark.parametrize(
    ("lang", "number"),
    [("nl", "Pagina 3 van 12"), ("fr", "Page 3 sur 12"), ("en", "Page 3 of 12"), ("nl", "- 3 -")],
)
def test_lone_page_number_mid_sentence(lang, number):
    first, second = BROKEN[lang]
    text = f"{FILLER[lang]}\n{first}\n\n{number}\n\n{second}\n"
    document = prepare_text(text, lang)
    assert document.texts == [FILLER[lang], f"{first} {second}"]
    assert document.furniture == [number]


def test_headings_that_repeat_at_irregular_distances_are_content():
    body = []
    for k, length in enumerate([3, 25, 6], start=1):
        body += [f"Artikel {k}", ""] + [FILLER["nl"]] * length + [""]
    document = prepare_text("\n".join(body), "nl")
    assert [t for t in document.texts if t.startswith("Artikel")] == [
        "Artikel 1",
        "Artikel 2",
        "Artikel 3",
    ]
    assert document.furniture == []


@pytest.mark.parametrize(
    ("lang", "left", "right", "expected"),
    [
        ("nl", "verslag", "Theato", "keep"),
        ("nl", "EU", "land", "keep"),
        ("nl", "Noord", "Brabant", "keep"),
        ("nl", "Jean", "Marie", "keep"),
        ("nl", "voorlichtings", "en", "suspend"),
        ("nl", "informatie", "uitwisseling", "keep"),
        ("nl", "niet", "gouvernementele", "keep"),
        ("nl", "advocaat", "generaal", "keep"),
        ("nl", "afzetbevorderings", "acties", "join"),
        ("nl", "pensioen", "voorziening", "join"),
        ("nl", "verant", "woordelijkheid", "join"),
        ("nl", "versterk", "en", "join"),
        ("fr", "gouver", "nement", "join"),
        ("fr", "nord", "est", "keep"),
        ("fr", "porte", "parole", "keep"),
        ("fr", "Jean", "Marie", "keep"),
        ("en", "inter", "national", "join"),
        ("en", "Molda", "vian", "join"),
        ("en", "far", "sighted", "keep"),
        ("en", "self", "employed", "keep"),
    ],
)
def test_line_end_hyphens(lang, left, right, expected):
    assert dehyphenate(left, right, lexicon(lang)) == expected


def test_the_documents_own_spelling_settles_a_hyphen():
    lex = lexicon("nl")
    assert dehyphenate("zorg", "verzekeraar", lex) == "join"
    written = Vocabulary.of("Elke zorg-verzekeraar doet mee.\nDe zorg-\nverzekeraar betaalt.")
    assert dehyphenate("zorg", "verzekeraar", lex, written) == "keep"
    unbroken = Vocabulary.of("De kwartiermakersgroep vergadert.")
    assert dehyphenate("kwartiermakers", "groep", lex, unbroken) == "join"


@pytest.mark.parametrize(
    ("lang", "lines", "expected"),
    [
        (
            "nl",
            "De afzetbevorderings-\nacties van het EU-\nland in Noord-\nBrabant, het verslag-\n"
            "Theato en de voorlichtings- en\nafzetbevorderingsacties van Jean-\nMarie.",
            "De afzetbevorderingsacties van het EU-land in Noord-Brabant, het verslag-Theato en "
            "de voorlichtings- en afzetbevorderingsacties van Jean-Marie.",
        ),
        (
            "fr",
            "Le gouver-\nnement a reçu le porte-\nparole de la face nord-\nest du massif.",
            "Le gouvernement a reçu le porte-parole de la face nord-est du massif.",
        ),
        (
            "en",
            "The inter-\nnational committee heard the self-\nemployed workers of Jean-\nMarie.",
            "The international committee heard the self-employed workers of Jean-Marie.",
        ),
    ],
)
def test_hyphenated_lines_in_running_text(lang, lines, expected):
    assert prepare_text(lines, lang).texts == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "nl",
            "Voor de leerlingen uit het buitenland worden de school- en\n"
            "-vervoerskosten vergoed door de gemeente.\n- Een echt opsommingsteken.",
            [
                "Voor de leerlingen uit het buitenland worden de school- en -vervoerskosten "
                "vergoed door de gemeente.",
                "Een echt opsommingsteken.",
            ],
        ),
        (
            "nl",
            "Wij betalen de school- en\n\n-vervoerskosten van de kinderen.",
            ["Wij betalen de school- en -vervoerskosten van de kinderen."],
        ),
    ],
)
def test_elliptic_compound_is_not_a_bullet(lang, text, expected):
    document = prepare_text(text, lang)
    assert document.texts == expected
    assert document.segments[0].kind == "sentence"


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_sentence_continues_across_a_page_break(lang):
    first, second = BROKEN[lang]
    wrapped = "\n".join([FILLER[lang]] * 5)
    # a page break marked by pypdf (form feed), no furniture; the line before is wrapped text
    text = f"{wrapped}\n{first}\n\f\n{second[0].upper()}{second[1:]}\n"
    document = prepare_text(text, lang)
    assert document.texts[-1] == f"{first} {second[0].upper()}{second[1:]}"


def test_a_heading_before_a_page_break_stays_a_heading():
    text = "Inleiding\n\f\nDe regering heeft beslist dat het verslag klaar is.\n"
    assert prepare_text(text, "nl").texts == [
        "Inleiding",
        "De regering heeft beslist dat het verslag klaar is.",
    ]


def test_letterless_paragraphs_at_the_start_are_kept():
    """Issue 10: "12,5 %" was lost from the segment and its original."""
    document = prepare_text("12,5 %\n\n3,4 %\n\nDe groei bedroeg veel meer dan verwacht.\n", "nl")
    assert document.texts == ["12,5 % 3,4 % De groei bedroeg veel meer dan verwacht."]
    assert document.segments[0].original.startswith("12,5 %\n\n3,4 %")


def test_letterless_paragraphs_after_text_join_the_segment_before():
    document = prepare_text("De groei bedroeg:\n\n12,5 %\n\n3,4 %\n\nDat is veel.\n", "nl")
    assert document.texts == ["De groei bedroeg: 12,5 % 3,4 %", "Dat is veel."]


def test_a_sentence_repeated_far_apart_is_content():
    repeated = "L'harmonie est l'alpha et l'oméga de tout l'alpinisme!"
    text = "\n\n".join([repeated] + [FILLER["fr"]] * 25 + [repeated.lower()] + [FILLER["fr"]] * 3)
    document = prepare_text(text, "fr")
    assert document.furniture == []
    assert document.texts.count(repeated) == 1
