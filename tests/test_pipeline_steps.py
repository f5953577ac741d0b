"""The pipeline's pieces: loading documents, aligning them, bead files written atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_align_aligner import BagOfWordsEncoder, sentences, split_in_two

from tmtool import pipeline
from tmtool.document import Bead, Document, Segment
from tmtool.errors import InputError
from tmtool.evaluate import read_beads
from tmtool.files import prepare_output_folder, write_text_atomically


def document(lang: str, texts: list[str]) -> Document:
    return Document(lang, [Segment(i, t, t) for i, t in enumerate(texts)], sha256=lang * 32)


@pytest.fixture
def documents() -> dict[str, Document]:
    nl = sentences(8, seed=11)
    first, second = split_in_two(nl[3])
    fr = [*nl[:3], first, second, *nl[4:]]
    en = [*nl[:5], *nl[6:]]  # Dutch 5 left untranslated
    return {"nl": document("nl", nl), "fr": document("fr", fr), "en": document("en", en)}


def test_align_documents(documents: dict[str, Document]) -> None:
    steps: list[str] = []
    alignment = pipeline.align_documents(documents, BagOfWordsEncoder(), progress=steps.append)
    assert alignment.pivot == "nl" and list(alignment.pairs) == ["fr", "en"]
    assert "[3]:[3,4]" in [b.to_gold() for b in alignment.pairs["fr"]]
    assert "[5]:[]" in [b.to_gold() for b in alignment.pairs["en"]]
    assert alignment.bead_types("fr") == {"1-1": 7, "1-2": 1}
    assert alignment.bead_types("en") == {"1-1": 7, "1-0": 1}
    assert 0.5 < alignment.mean_score("fr") <= 1.0
    assert alignment.low_confidence("en", 0.5) == 0  # the 1-0 bead is not a low-confidence pair
    assert alignment.low_confidence("en", 1.01) == 7
    assert len(alignment.units) == 8
    assert alignment.units[3].segments == {"nl": (3,), "fr": (3, 4), "en": (3,)}
    assert alignment.encoder == "bow" and alignment.encoder_version == "test"
    assert alignment.params["aligner"] == "tmtool-dp" and "weights" in alignment.params
    assert steps == ["embedding nl (8 segments)", "embedding fr (9 segments)", "aligning nl-fr",
                     "embedding en (7 segments)", "aligning nl-en"]  # fmt: skip
    assert set(alignment.seconds) == {"embed", "align"}


def test_align_documents_needs_two(documents: dict[str, Document]) -> None:
    with pytest.raises(InputError, match="at least two"):
        pipeline.align_documents({"nl": documents["nl"]}, BagOfWordsEncoder())


def test_bead_files(documents: dict[str, Document], tmp_path: Path) -> None:
    two = pipeline.align_documents(
        {"nl": documents["nl"], "fr": documents["fr"]}, BagOfWordsEncoder()
    )
    [path] = pipeline.write_bead_files(tmp_path / "sub" / "out", two)
    assert path == tmp_path / "sub" / "out"
    assert read_beads(path) == [Bead(b.src, b.tgt) for b in two.pairs["fr"]]

    three = pipeline.align_documents(documents, BagOfWordsEncoder())
    paths = pipeline.write_bead_files(tmp_path / "out", three)
    assert paths == [tmp_path / "out.nl-fr", tmp_path / "out.nl-en"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_bead_files_are_written_whole_into_a_new_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "beads"
    write_text_atomically(path, "old\n", make_folder=True)
    with pytest.raises(TypeError):  # fails while writing: the temporary file goes, the old stays
        write_text_atomically(path, 42, make_folder=True)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["beads"]


def test_load_documents_checks_languages(tmp_path: Path) -> None:
    nl = tmp_path / "nl.txt"
    nl.write_text("Dit is een zin.\n", encoding="utf-8")
    with pytest.raises(InputError, match="1 file but 2 languages"):
        pipeline.load_documents([nl], ["nl", "fr"])
    with pytest.raises(InputError, match="its own language"):
        pipeline.load_documents([nl, nl], ["nl", "NL"])
    with pytest.raises(InputError, match="not a language code"):
        pipeline.load_documents([nl, nl], ["nl", "f1"])


def test_load_documents(tmp_path: Path) -> None:
    nl, fr = tmp_path / "nl.txt", tmp_path / "fr.txt"
    nl.write_text("Dit is de eerste zin.\nDit is de tweede zin.\n", encoding="utf-8")
    fr.write_text("Ceci est la première phrase.\nCeci est la deuxième.\n", encoding="utf-8")
    docs = pipeline.load_documents([nl, fr], ["nl-BE", "FR"], presegmented=True)
    assert list(docs) == ["nl", "fr"]
    assert docs["nl"].texts == ["Dit is de eerste zin.", "Dit is de tweede zin."]
    assert docs["fr"].lang == "fr" and docs["fr"].fmt == "pre"


def test_prepare_output_folder(tmp_path: Path) -> None:
    prepare_output_folder(tmp_path / "new" / "deeper" / "out.tmx")
    assert (tmp_path / "new" / "deeper").is_dir()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="cannot create folder"):
        prepare_output_folder(blocker / "out.tmx")
