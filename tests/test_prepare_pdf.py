"""Real PDFs (made with fpdf2) with running headers, footers and page numbers, read end to end
through `tmtool segment` (the pypdf path)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tmtool.cli import cli
from tmtool.document import FURNITURE_KEY
from tmtool.store import open_store
from tmtool.store.schema import documents

fpdf = pytest.importorskip("fpdf")

TEXTS = {
    "nl": {
        "header": "Ministerie van Binnenlandse Zaken - Verslag van {day} mei 2018",
        "footer": "Pagina {page} van {{nb}}",
        "sentence": "De ministers hebben de volgende maatregelen genomen om de samenwerking "
        "tussen de diensten te versterken.",
        "broken": "Zij zullen zo snel mogelijk gehoor geven aan uw verzoek om meer steun voor "
        "de gemeenten en de provincies.",
        "hyphenated": ("De afzetbevorderings-", "acties van het EU-", "land worden voortgezet."),
        "joined": "De afzetbevorderingsacties van het EU-land worden voortgezet.",
    },
    "fr": {
        "header": "Ministère de l'Intérieur - Rapport du {day} mai 2018",
        "footer": "Page {page} sur {{nb}}",
        "sentence": "Les ministres ont pris les mesures suivantes pour renforcer la coopération "
        "entre les services.",
        "broken": "Ils donneront suite dans les meilleurs délais à votre demande d'aide pour les "
        "communes et les provinces.",
        "hyphenated": ("Le gouver-", "nement et le porte-", "parole du ministère."),
        "joined": "Le gouvernement et le porte-parole du ministère.",
    },
    "en": {
        "header": "Ministry of the Interior - Report of {day} May 2018",
        "footer": "Page {page} of {{nb}}",
        "sentence": "The ministers have taken the following measures to strengthen the "
        "cooperation between the services.",
        "broken": "They will respond as quickly as they can to your request for more support "
        "for the municipalities and the provinces.",
        "hyphenated": ("The inter-", "national committee heard the self-", "employed workers."),
        "joined": "The international committee heard the self-employed workers.",
    },
}


def make_pdf(path, lang: str, pages: int = 3) -> None:
    """``pages`` pages with a dated running header and a "Page n of N" footer; the ``broken``
    sentence is cut by each page break."""
    text = TEXTS[lang]

    class Report(fpdf.FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, text["header"].format(day=self.page_no() + 2), align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, text["footer"].format(page=self.page_no()), align="C")

    pdf = Report()
    pdf.set_auto_page_break(False)
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        first, second = _halves(text["broken"])
        lines = [] if page == 1 else [second]
        lines += [text["sentence"]] * 4 + list(text["hyphenated"]) + [text["sentence"]] * 2
        if page < pages:
            lines.append(first)
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def _halves(sentence: str) -> tuple[str, str]:
    words = sentence.split()
    return " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_pdf_with_running_headers_and_footers(tmp_path, lang):
    path = tmp_path / f"report-{lang}.pdf"
    make_pdf(path, lang)
    result = CliRunner().invoke(cli, ["segment", str(path), "--lang", lang])
    assert result.exit_code == 0, result.output
    segments = result.stdout.splitlines()
    text = TEXTS[lang]
    assert segments.count(text["broken"]) == 2  # joined across both page breaks
    assert segments.count(text["joined"]) == 3
    assert segments.count(text["sentence"]) == 18
    assert len(segments) == 2 + 3 + 18
    marker = text["header"].split(" - ")[0]
    assert not any(marker in s or "2018" in s for s in segments)
    assert result.stderr.strip() == "6 furniture lines removed"


def test_pdf_original_keeps_the_cut_header(tmp_path):
    path = tmp_path / "report.pdf"
    make_pdf(path, "nl", pages=2)
    result = CliRunner().invoke(cli, ["segment", str(path), "-l", "nl", "--original"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.rstrip("\n").split("\n")]  # \f stays
    broken = next(row for row in rows if row[2] == TEXTS["nl"]["broken"])
    assert "Pagina 1 van 2" in broken[3] and "Verslag van 4 mei 2018" in broken[3]


def test_align_reports_furniture_and_the_memory_keeps_it(tmp_path):
    paths = []
    for lang in ("nl", "fr"):
        paths.append(tmp_path / f"report-{lang}.pdf")
        make_pdf(paths[-1], lang)
    db = tmp_path / "tm.db"
    result = CliRunner().invoke(
        cli, ["align", *map(str, paths), "--langs", "nl,fr", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "nl: 23 segments (6 furniture lines removed) · fr: 23 segments (6 furniture lines removed)"
    )
    with open_store(str(db), create=False) as store, store.engine.connect() as conn:
        stored = dict(conn.execute(select(documents.c.lang, documents.c.meta)).all())
    assert stored["nl"][FURNITURE_KEY].split("\n") == [
        "Ministerie van Binnenlandse Zaken - Verslag van 3 mei 2018",
        "Pagina 1 van 3",
        "Ministerie van Binnenlandse Zaken - Verslag van 4 mei 2018",
        "Pagina 2 van 3",
        "Ministerie van Binnenlandse Zaken - Verslag van 5 mei 2018",
        "Pagina 3 van 3",
    ]
