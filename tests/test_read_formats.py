"""HTML, DOCX and PDF reading; fixtures are generated here, not committed."""

from __future__ import annotations

import zipfile

import pytest

from tmtool.errors import InputError
from tmtool.read import read_file
from tmtool.read.pdf import PAGE_BREAK

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Gezamenlijke verklaring</title>
<style>p { color: red }</style><script>var x = "geheim";</script></head>
<body>
<header><a href="/">Home</a> &gt; Nieuws</header>
<nav><ul><li>Menu-item</li></ul></nav>
<div class="breadcrumb">Home &gt; Persberichten</div>
<main>
<h1>Frans-Belgische verklaring</h1>
<p>De eerste ministers van
   Frankrijk en België zijn&nbsp;vandaag samengekomen.</p>
<p>Adres:<br>Wetstraat 16<br>1000 Brussel</p>
<ul><li>Versterken van de samenwerking.</li><li><p>Uitwisselen van informatie.</p></li></ul>
<!-- een commentaar -->
</main>
<footer>© 2018 Kanselarij</footer>
</body></html>
"""


def test_html_blocks_breaks_and_lists(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    raw = read_file(path)
    assert raw.fmt == "html"
    assert raw.title == "Gezamenlijke verklaring"
    paragraphs = raw.text.split("\n\n")
    assert paragraphs == [
        "Frans-Belgische verklaring",
        "De eerste ministers van Frankrijk en België zijn vandaag samengekomen.",
        "Adres:\nWetstraat 16\n1000 Brussel",
        "- Versterken van de samenwerking.",
        "- Uitwisselen van informatie.",
    ]
    for dropped in ("geheim", "color", "Menu-item", "Persberichten", "Kanselarij", "commentaar"):
        assert dropped not in raw.text


def test_html_in_windows_1252_with_declared_charset(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>“Vóór” 5 €</p></body></html>'
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1252"))
    assert read_file(path).text == "“Vóór” 5 €"


def test_html_is_sniffed_without_suffix(tmp_path):
    path = tmp_path / "download"
    path.write_text("<!doctype html><html><body><p>Een zin.</p></body></html>", encoding="utf-8")
    raw = read_file(path)
    assert raw.fmt == "html"
    assert raw.text == "Een zin."


def make_docx(path, *, title="Verklaring"):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.title = title
    document.add_heading("1. Wat de strijd tegen het terrorisme betreft", level=1)
    document.add_paragraph("De ministers hebben vandaag vergaderd.")
    document.add_paragraph("Verdere versterken van de samenwerking.", style="List Bullet")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Cel een"
    table.rows[0].cells[1].text = "Cel twee"
    run = document.add_paragraph().add_run("Eerste regel")
    run.add_break()
    run.add_text("tweede regel")
    document.save(path)


def test_docx_paragraphs_lists_tables(tmp_path):
    path = tmp_path / "verklaring.docx"
    make_docx(path)
    raw = read_file(path)
    assert raw.fmt == "docx"
    assert raw.title == "Verklaring"
    assert raw.text.split("\n\n") == [
        "1. Wat de strijd tegen het terrorisme betreft",
        "De ministers hebben vandaag vergaderd.",
        "- Verdere versterken van de samenwerking.",
        "Cel een",
        "Cel twee",
        "Eerste regel\ntweede regel",
    ]


def test_docx_is_sniffed_without_suffix(tmp_path):
    path = tmp_path / "verklaring"
    make_docx(path)
    assert read_file(path).fmt == "docx"


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("Dit is geen Word-bestand.", encoding="utf-8")
    with pytest.raises(InputError, match="not a valid DOCX"):
        read_file(path)


def test_zip_without_document_xml(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match="not a Word document"):
        read_file(path)


def make_pdf(path, pages):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_pdf_pages_are_joined_with_a_page_break(tmp_path):
    path = tmp_path / "verklaring.pdf"
    make_pdf(
        path,
        [
            ["Frankrijk en België zijn vastbesloten om de", "samenwerking te versterken en"],
            ["de strijd tegen het terrorisme op te voeren."],
        ],
    )
    raw = read_file(path)
    assert raw.fmt == "pdf"
    first, second = raw.text.split(PAGE_BREAK)
    assert "Frankrijk en België zijn vastbesloten" in first
    assert "de strijd tegen het terrorisme op te voeren." in second


def test_pdf_is_sniffed_without_suffix(tmp_path):
    path = tmp_path / "scan"
    make_pdf(path, [["Een pagina met tekst erop."]])
    assert read_file(path).fmt == "pdf"


def test_pdf_without_text_layer(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match=r"no text layer.*OCR"):
        read_file(path)


def test_damaged_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ngarbage\n")
    with pytest.raises(InputError, match=r"broken\.pdf"):
        read_file(path)


def test_unsupported_word_format(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(InputError, match="save it as DOCX"):
        read_file(path)
