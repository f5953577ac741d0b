"""read → clean → segment for HTML, DOCX and PDF input (fixtures generated in the tests)."""

from __future__ import annotations

import pytest

from tmtool.prepare import prepare_document


def segments(path, lang="nl"):
    return [(s.kind, s.text) for s in prepare_document(path, lang).segments]


def test_html(tmp_path):
    path = tmp_path / "persbericht.html"
    path.write_text(
        """<html><head><title>Persbericht</title></head><body>
        <nav>Home &gt; Nieuws</nav>
        <h1>Frans-Belgische verklaring</h1>
        <p>De eerste ministers van Frankrijk en Belgi&euml; zijn vandaag samengekomen. Zij
        prezen de samenwerking tussen de twee landen, o.a. op het gebied van justitie.</p>
        <h2>1. Wat de strijd tegen het terrorisme betreft</h2>
        <ul><li>Versterken van de operationele samenwerking.</li>
        <li>Uitwisselen van informatie tussen de diensten.</li></ul>
        <footer>Gepubliceerd op 1 februari 2016</footer></body></html>""",
        encoding="utf-8",
    )
    assert segments(path) == [
        ("heading", "Frans-Belgische verklaring"),
        ("sentence", "De eerste ministers van Frankrijk en België zijn vandaag samengekomen."),
        (
            "sentence",
            "Zij prezen de samenwerking tussen de twee landen, o.a. op het gebied van justitie.",
        ),
        ("heading", "1. Wat de strijd tegen het terrorisme betreft"),
        ("item", "Versterken van de operationele samenwerking."),
        ("item", "Uitwisselen van informatie tussen de diensten."),
    ]
    assert prepare_document(path, "nl").title == "Persbericht"


def test_docx(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("2. Gerechtelijke samenwerking", level=2)
    document.add_paragraph(
        "De beide landen verbinden zich ertoe actief samen te werken. Zij willen de "
        "gerechtelijke samenwerking tussen onze twee landen nog verbeteren."
    )
    document.add_paragraph("snel vooruitgang te boeken;", style="List Bullet")
    document.add_paragraph("vaker een beroep te doen op de onderzoeksteams.", style="List Bullet")
    path = tmp_path / "verklaring.docx"
    document.save(path)
    assert segments(path) == [
        ("heading", "2. Gerechtelijke samenwerking"),
        ("sentence", "De beide landen verbinden zich ertoe actief samen te werken."),
        (
            "sentence",
            "Zij willen de gerechtelijke samenwerking tussen onze twee landen nog verbeteren.",
        ),
        ("item", "snel vooruitgang te boeken;"),
        ("item", "vaker een beroep te doen op de onderzoeksteams."),
    ]


def test_pdf_sentence_across_pages_with_hyphenation(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pages = [
        [
            "Doel en doelstellingen",
            "",
            "Deze fundamentele bedreiging moet zoveel mogelijk worden ingedamd en terug-",
            "gedrongen. We streven naar samenwerking als coalitie om de strijd tegen zware en",
            "georganiseerde criminaliteit te versterken, met inbegrip van de impact op de",
        ],
        [
            "Europese Unie als geheel. We willen ons inzetten om samen te werken aan een brede",
            "aanpak om criminele netwerken te verstoren.",
        ],
        ["Tot slot zullen we gezamenlijk optreden om onze waarden te waarborgen."],
    ]
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=10)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 8, f"- {number} -", align="C")
    path = tmp_path / "verklaring.pdf"
    pdf.output(str(path))
    assert segments(path) == [
        ("heading", "Doel en doelstellingen"),
        (
            "sentence",
            "Deze fundamentele bedreiging moet zoveel mogelijk worden ingedamd en teruggedrongen.",
        ),
        (
            "sentence",
            "We streven naar samenwerking als coalitie om de strijd tegen zware en "
            "georganiseerde criminaliteit te versterken, met inbegrip van de impact op de "
            "Europese Unie als geheel.",
        ),
        (
            "sentence",
            "We willen ons inzetten om samen te werken aan een brede aanpak om criminele "
            "netwerken te verstoren.",
        ),
        ("sentence", "Tot slot zullen we gezamenlijk optreden om onze waarden te waarborgen."),
    ]
    document = prepare_document(path, "nl")
    assert document.fmt == "pdf"
    assert "\f" in document.segments[2].original  # the sentence runs across the page break
