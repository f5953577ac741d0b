"""Page furniture, line-end hyphens, elliptic compounds and paragraphs broken by page breaks,
in nl, fr and en, on small crafted PDF-extraction-shaped texts."""

from __future__ import annotations

import pytest

from tmtool.clean.hyphens import Vocabulary, dehyphenate
from tmtool.clean.lexicon import lexicon
from tmtool.prepare import prepare_document, prepare_text

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
        # two words whose joined form is no word: the hyphen is real, however rare the words
        ("en", "kind", "heartedness", "keep"),
        ("en", "broad", "shouldered", "keep"),
        ("en", "hollow", "eyed", "keep"),
        ("fr", "aigre", "doux", "keep"),
        ("fr", "sourd", "muet", "keep"),
        # the joined word is the more frequent spelling, or the halves are syllables
        ("en", "every", "thing", "join"),
        ("en", "consid", "ered", "join"),
        ("fr", "grave", "ment", "join"),
        ("fr", "bio", "logique", "join"),
        ("fr", "réjoui", "rais", "join"),
        # nl: "niet-" before any word, and vowels that would read as one sound, rare words too
        ("nl", "niet", "ingezetenen", "keep"),
        ("nl", "synergie", "effecten", "keep"),
        ("nl", "calorie", "arm", "join"),  # "ea" reads as two sounds: "caloriearm"
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


# --- one-page documents: the header appears once --------------------------------------------------

ONE_PAGE_TITLE = {
    "nl": "Publicatieblad Vertaaldienst — Handelingen",
    "fr": "Bulletin du Service de traduction — Annales",
    "en": "Translation Service Bulletin — Proceedings",
}
ONE_PAGE_FOOTER = {"nl": "Pagina 1 van 1", "fr": "Page 1 sur 1", "en": "Page 1 of 1"}
ONE_PAGE_DATE = {"nl": "4 januari 2018", "fr": "4 janvier 2018", "en": "4 January 2018"}


def one_page(lang: str, style: str, heading: str = "") -> str:
    """A one-page extraction: a header (with a lone page number below it, the page number on its
    own line, or a date and a "Page 1 of 1" footer), an optional heading, three paragraphs."""
    title = ONE_PAGE_TITLE[lang]
    top = {
        "lone": [title, "- 1 -", ""],
        "number": [f"{title}    1", ""],
        "date": [f"{title} — {ONE_PAGE_DATE[lang]}", ""],
    }[style]
    body = [heading, ""] if heading else []
    body += ["\n".join([FILLER[lang]] * 3), "", FILLER[lang], "", BROKEN[lang][0], BROKEN[lang][1]]
    bottom = ["", ONE_PAGE_FOOTER[lang]] if style == "date" else []
    return "\n".join(top + body + bottom) + "\n"


@pytest.mark.parametrize("style", ["lone", "number", "date"])
@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_header_of_a_one_page_document_is_cut(lang, style):
    heading = {"nl": "Hoofdstuk 1", "fr": "Article 3", "en": "Chapter 2"}[lang]
    document = prepare_text(one_page(lang, style, heading), lang)
    assert not any(ONE_PAGE_TITLE[lang].split(" — ")[0] in t for t in document.texts)
    assert document.texts[0] == heading  # the document's own heading stays
    assert document.texts[-1] == f"{BROKEN[lang][0]} {BROKEN[lang][1]}"
    assert len(document.furniture) == (1 if style == "number" else 2)
    assert document.furniture[0].startswith(ONE_PAGE_TITLE[lang])


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("nl", "Hoofdstuk 1"),
        ("nl", "Brussel, 4 mei 2018"),
        ("nl", "Persbericht — 4 mei 2018"),  # a date, but the text shows no pages
        ("fr", "Article 3"),
        ("fr", "Chapitre 1 Dispositions générales"),
        ("en", "Article 3"),
        ("en", "Part 1 — Scope"),
    ],
)
def test_a_title_with_a_number_or_date_at_the_top_is_kept(lang, title):
    text = f"{title}\n\n{FILLER[lang]}\n{FILLER[lang]}\n"
    assert prepare_text(text, lang).texts[0] == title
    # a page-number footer makes the text paginated, but the title has no gap or dash before
    # its number, and stands apart from the page number
    paged = f"{title}\n\n{FILLER[lang]}\n{FILLER[lang]}\n\n- 1 -\n"
    if "—" not in title:
        assert prepare_text(paged, lang).texts[0] == title


def test_the_texts_last_line_ending_on_a_date_is_kept():
    # paginated (a form feed), and the last line carries a dated phrase after a dash; but it
    # sits directly under the text, where a footer would stand apart
    last = "The ministers met in Brussels - 4 May 2018"
    text = f"{FILLER['en']}\n{FILLER['en']}\n\f\n{FILLER['en']}\n{last}\n"
    document = prepare_text(text, "en")
    assert document.furniture == []
    assert last in document.texts[-1]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_one_page_pdf_loses_its_header(tmp_path, lang):
    """pypdf gives the header as the first line, directly above the text, and "Page 1 of 1"."""
    pytest.importorskip("fpdf")
    from test_prepare_pdf import TEXTS, make_pdf

    path = tmp_path / f"one-{lang}.pdf"
    make_pdf(path, lang, pages=1)
    document = prepare_document(path, lang)
    assert document.furniture == [
        TEXTS[lang]["header"].format(day=3),
        TEXTS[lang]["footer"].format(page=1).replace("{nb}", "1"),
    ]
    assert document.texts[0] == TEXTS[lang]["sentence"]


# --- dashes at a line start, titles and captions after a gap -------------------------------------


@pytest.mark.parametrize(
    ("lang", "lines", "expected"),
    [
        (
            "nl",
            "Een oudere is niet iemand die uitdooft maar iemand die wil blijven leven\n"
            "- in de zin van emoties en communicatie - en dat is de beste manier.",
            "Een oudere is niet iemand die uitdooft maar iemand die wil blijven leven - in de zin "
            "van emoties en communicatie - en dat is de beste manier.",
        ),
        (
            "fr",
            "Monsieur le Président, Mesdames et Messieurs, permettez tout simplement\n"
            "-moi de vous remercier.",
            "Monsieur le Président, Mesdames et Messieurs, permettez tout simplement -moi de "
            "vous remercier.",
        ),
        (
            "fr",
            "Elles se sont fait subventionner - toute la société y a donc pris part\n"
            "-, et beaucoup de postes ont été supprimés.",
            "Elles se sont fait subventionner - toute la société y a donc pris part -, et "
            "beaucoup de postes ont été supprimés.",
        ),
    ],
)
def test_a_dash_moved_to_the_line_start_by_wrapping_is_no_bullet(lang, lines, expected):
    text = "\n".join([FILLER[lang]] * 4) + "\n" + lines + "\n"
    assert prepare_text(text, lang).texts[-1] == expected


def test_a_list_of_lower_case_items_stays_a_list():
    text = "De minister heeft\n- de wet aangepast\n- de regels verscherpt\n"
    document = prepare_text(text, "nl")
    assert document.texts == ["De minister heeft", "de wet aangepast", "de regels verscherpt"]
    assert [s.kind for s in document.segments][1:] == ["item", "item"]


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        ("en", "Talking about", "Same-sex marriage: Shaking the bedrock"),
        ("en", "Photographs by", "Belgium is well known for its superior beers"),
        ("en", "Ambassador interview: More than tulips and tea", "culture & society"),
        ("nl", "Geachte heer,", "Wij danken u voor uw brief."),
        ("fr", "Ils parlent de", "La modélisation mathématique"),
    ],
)
def test_a_short_line_on_its_own_does_not_run_on_across_a_blank_line(lang, first, second):
    # the next word would have fitted on the short line: the line ended there on purpose
    text = "\n".join([FILLER[lang]] * 4) + f"\n\n{first}\n\n{second}\n"
    assert prepare_text(text, lang).texts[-2:] == [first, second]


def test_a_stray_blank_line_inside_running_text_is_bridged():
    lines = [
        "Chinese Ambassador to Hungary Zhu Zushou (above left) gave a reception",
        "on the occasion of China's National day. President of Croatia Stipe",
        "",
        "Mesic, during his official visit to Budapest, met with an array of",
        "diplomats and government representatives.",
    ]
    text = "\n".join([FILLER["en"]] * 4) + "\n\n" + "\n".join(lines) + "\n"
    assert prepare_text(text, "en").texts[-1] == (
        "President of Croatia Stipe Mesic, during his official visit to Budapest, met with an "
        "array of diplomats and government representatives."
    )


def test_a_wrapped_heading_before_a_blank_line_stays_apart():
    lines = [
        "Gezamenlijke verklaring over de strijd tegen zware en georganiseerde",
        "criminaliteit en de ondermijnende impact daarvan op onze samenleving",
        "",
        "Europa en de lidstaten zijn het eens over de aanpak van de zware criminaliteit.",
    ]
    text = "\n".join(lines) + "\n" + "\n".join([FILLER["nl"]] * 3) + "\n"
    texts = prepare_text(text, "nl").texts
    # the last line is full, but no sentence ends in the paragraph: a heading, not running text
    assert texts[:2] == [" ".join(lines[:2]), lines[3]]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_page_break_in_unwrapped_text_may_fall_after_a_short_line(lang):
    # no hard wrapping, so a short line says nothing: the page simply ended there
    first, second = BROKEN[lang]
    text = f"{FILLER[lang]} {FILLER[lang]}\n\n{first}\n\f\n{second}\n"
    assert prepare_text(text, lang).texts[-1] == f"{first} {second}"
