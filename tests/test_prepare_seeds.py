"""read → clean → segment on the five Dutch seeds: stable, faithful segments."""

from __future__ import annotations

import difflib
import hashlib
import re
from pathlib import Path

import pytest
from eval_data import eval_file

from tmtool.prepare import prepare_document, prepare_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = {p.name[:3]: p for p in SEEDS.glob("00?_*.txt") if p.name.count(".") == 1}
#: The gold alignments of seeds 000 and 001 index these segments: keep the counts stable.
SEED_COUNTS = {"000": 51, "001": 62, "002": 14, "003": 18, "004": 20}
#: Boilerplate of seed 001 (a web page) that is in no segment.
BOILERPLATE_001 = (
    "Gepubliceerd op ARCHIEF > Sophie Wilmès (https://premier.wilmes-ii.archive.belgium.be) "
    "Home > Frans-Belgische gemeenschappelijke verklaring van 1 februari 2016: ?Het Frans-Belgisch "
    "partnerschap inzake antiterrorisme versterken?"
)
#: OCR damage of the seeds that must be gone from the segments.
DAMAGE = [
    "gewel ddadige", "operationel e", "afgel open", "betr eft", "isin", "diein", "onsin",
    "destrijd", "dereorganisatie", "Deinwerkingtreding", "voorwaartsin", "viainternet", "isvoor",
    "Belgié", "Belgi&", "essentiéle", "coérdinatie", "codrdinatie", "gecodrdineerde", "V66r",
    "29 mel", "S1S", "a's", "V oortzetten", "?Het", "risico?s", "./.", "Gepubliceerd", "Home >",
    "identificatiecriteriain", "gewelddadigeradicalisering", "Frans-Bel gische", "national e",
    "zwar e", "el ektronische", "mel dingsprocedures", "bedlist", "aandlag", "financiéle",
    "vastbes oten", "partner schappen", "communicatiekanal en", "economieén",
]  # fmt: skip


@pytest.fixture(scope="module")
def documents():
    return {key: prepare_document(path, "nl") for key, path in sorted(SEED_FILES.items())}


def test_all_five_seeds_are_present():
    assert sorted(SEED_FILES) == sorted(SEED_COUNTS)


@pytest.mark.parametrize("key", sorted(SEED_COUNTS))
def test_segment_counts(documents, key):
    assert len(documents[key].segments) == SEED_COUNTS[key]


@pytest.mark.parametrize("key", sorted(SEED_COUNTS))
def test_segments_are_well_formed(documents, key):
    document = documents[key]
    raw = SEED_FILES[key].read_text(encoding="utf-8")
    assert document.lang == "nl"
    assert document.fmt == "txt"
    assert document.sha256 == hashlib.sha256(SEED_FILES[key].read_bytes()).hexdigest()
    for i, segment in enumerate(document.segments):
        assert segment.index == i
        assert segment.kind in ("sentence", "heading", "item")
        assert segment.text == segment.text.strip() and "\n" not in segment.text
        assert re.search(r"[^\W\d_]", segment.text), f"no letters: {segment.text!r}"
        assert segment.original in raw
        assert len(segment.text.split()) >= 1


@pytest.mark.parametrize("key", sorted(SEED_COUNTS))
def test_no_ocr_damage_left(documents, key):
    text = "\n".join(documents[key].texts)
    for damage in DAMAGE:
        pattern = r"(?<![\w&?])" + re.escape(damage) + r"(?![\w&])"
        assert not re.search(pattern, text), f"{damage!r} left in seed {key}"


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


@pytest.mark.parametrize("key", sorted(SEED_COUNTS))
def test_cleaning_loses_no_word(documents, key):
    raw = SEED_FILES[key].read_text(encoding="utf-8")
    if key == "001":
        raw = " ".join(raw.split()).replace(BOILERPLATE_001, "")
    if key == "002":
        raw = raw.replace("date 2018-06", "")
    source, result = words(raw), words(" ".join(documents[key].texts))
    matcher = difflib.SequenceMatcher(a=source, b=result, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        before, after = "".join(source[i1:i2]), "".join(result[j1:j2])
        # a repair changes letters (split/joined words, misread letters), it never drops words
        assert op != "delete", f"dropped {source[i1:i2]}"
        similarity = difflib.SequenceMatcher(a=before, b=after).ratio()
        assert similarity >= 0.6, f"{source[i1:i2]} became {result[j1:j2]}"


@pytest.mark.parametrize("key", sorted(SEED_COUNTS))
def test_originals_cover_the_text(documents, key):
    """Each original is the exact source span; together they hold every source word in order."""
    raw = SEED_FILES[key].read_text(encoding="utf-8")
    position = 0
    for segment in documents[key].segments:
        found = raw.find(segment.original, position)
        assert found >= 0, f"original out of order: {segment.original[:60]!r}"
        position = found + len(segment.original)


def test_seed_000_structure(documents):
    segments = documents["000"].segments
    assert segments[13].kind == "heading"
    assert segments[13].text == "1. Wat de strijd tegen het terrorisme betreft"
    assert segments[23].text == "2. Wat de strijd tegen de gewelddadige radicalisering betreft"
    assert segments[34].text == "3. Op Europees niveau"
    assert segments[14].kind == "item"
    assert segments[14].text.startswith("Verdere versterken van de informatie-uitwisseling")
    assert segments[14].original.startswith("- Verdere versterken")
    assert segments[28].text.startswith("Voortzetten van onze samenwerking")
    assert segments[37].text.startswith("De inwerkingtreding van het Europees PNR op 25 mei")
    assert segments[-1].text.endswith("met name voor aankopen via internet.")
    assert segments[-1].original.endswith("viainternet./.")
    assert "29 mei" in segments[1].text and "afgelopen jaren" in segments[1].text
    assert "samen worden geconfronteerd" in segments[25].text
    assert sum(s.kind == "item" for s in segments) == 22
    assert [s.kind for s in segments].count("heading") == 3


def test_seed_001_structure(documents):
    segments = documents["001"].segments
    assert [(s.kind, s.text) for s in segments[:3]] == [
        ("heading", "Persbericht"),
        ("heading", "1 februari 2016"),
        (
            "heading",
            "Frans-Belgische gemeenschappelijke verklaring van 1 februari 2016: “Het "
            "Frans-Belgisch partnerschap inzake antiterrorisme versterken”",
        ),
    ]
    assert (
        segments[7].text == "1. Politiesamenwerking en samenwerking tussen de inlichtingendiensten"
    )
    assert "Schengen-informatiesysteem (SIS)" in segments[10].text
    assert "“Justitie – Binnenlandse Zaken”" in segments[44].text
    assert segments[54].kind == "item" and segments[54].text.startswith("snel vooruitgang")
    assert segments[57].text == (
        "We werken ook samen aan het versterken van de controle van de buitengrenzen van de "
        "Europese Unie."
    )
    assert "kustwachten ter beschikking te stellen" in segments[58].text


def test_seed_004_page_breaks(documents):
    segments = documents["004"].segments
    assert segments[1].text.startswith("De ministers verantwoordelijk voor veiligheid en justitie")
    assert "Koninkrijk België, de Franse Republiek, Nederland" in segments[1].text
    assert segments[13].text.endswith("criminele vermogensbestanddelen; en")
    assert segments[5].kind == "heading" and segments[5].text == "Doel en doelstellingen"


def test_segmentation_is_stable():
    path = SEED_FILES["000"]
    first, second = prepare_document(path, "nl"), prepare_document(path, "nl")
    assert first.segments == second.segments


COUNTERPARTS = {
    "000_ed1ed705a1754cbe.fr.txt": ("fr", 49),
    "000_ed1ed705a1754cbe.en.txt": ("en", 51),
    "001_c40765bc3b0c7aaa.fr.txt": ("fr", 60),
    "001_c40765bc3b0c7aaa.en.txt": ("en", 62),
}


@pytest.mark.parametrize("name", sorted(COUNTERPARTS))
def test_counterpart_segment_counts(name):
    path = SEEDS / name  # the seeds are part of the repository: a missing one fails
    lang, count = COUNTERPARTS[name]
    assert len(prepare_document(path, lang).segments) == count


def test_presegmented_lines_are_taken_as_given(tmp_path):
    path = tmp_path / "sentences.nl"
    path.write_text(
        "Eerste zin zonder punt\r\n  Tweede zin. Met twee zinnen.  \n\n12\n", encoding="utf-8"
    )
    document = prepare_document(path, "nl", presegmented=True)
    assert document.fmt == "pre"
    assert [(s.index, s.text, s.original) for s in document.segments] == [
        (0, "Eerste zin zonder punt", "Eerste zin zonder punt"),
        (1, "Tweede zin. Met twee zinnen.", "  Tweede zin. Met twee zinnen.  "),
        (2, "12", "12"),
    ]


@pytest.mark.parametrize("name", ["test0.de", "test0.fr"])
def test_presegmented_benchmark_keeps_line_indices(name):
    path = eval_file(f"textberg_defr/bleualign_data/{name}")
    lines = path.read_text(encoding="utf-8").split("\n")
    document = prepare_document(path, name[-2:], presegmented=True)
    assert [s.text for s in document.segments] == [line.strip() for line in lines if line.strip()]
    assert len(document.segments) == sum(1 for line in lines if line.strip())


def test_prepare_text_in_memory():
    document = prepare_text("Het isin de geest.\n\n- Werken aan de samenwerking.", "nl")
    assert [(s.kind, s.text) for s in document.segments] == [
        ("sentence", "Het is in de geest."),
        ("item", "Werken aan de samenwerking."),
    ]
    assert document.segments[1].original == "- Werken aan de samenwerking."


def test_encoding_and_line_endings_do_not_change_the_segments(tmp_path):
    text = SEED_FILES["000"].read_text(encoding="utf-8")
    expected = prepare_document(SEED_FILES["000"], "nl").texts
    variants = {
        "crlf-cp1252.txt": text.replace("\n", "\r\n").encode("cp1252"),
        "bom-utf16.txt": text.encode("utf-16"),
        "cr.txt": b"\xef\xbb\xbf" + text.replace("\n", "\r").encode("utf-8"),
    }
    for name, data in variants.items():
        path = tmp_path / name
        path.write_bytes(data)
        document = prepare_document(path, "nl")
        assert document.texts == expected, name
        raw = document.segments[5].original
        assert raw in data.decode(document.meta["encoding"].replace("UTF-8", "utf-8-sig"))
