"""Pair TMX files of the demo (seed 000, three files) come from each pair's own beads, and a run's
pivot is the source of its files (issue 10, sections 3 and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from sqlalchemy import select
from tmx_support import XML_LANG, tmx_rows

from tmtool import pipeline
from tmtool.cli import cli
from tmtool.exchange import write_tmx
from tmtool.store import open_store
from tmtool.store.schema import pair_beads

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = "000_ed1ed705a1754cbe"
FILES = {lang: SEEDS / f"{SEED}{suffix}" for lang, suffix in
         (("nl", ".txt"), ("fr", ".fr.txt"), ("en", ".en.txt"))}  # fmt: skip


@pytest.fixture(scope="module")
def segments() -> dict[str, list[str]]:
    documents = pipeline.load_documents(list(FILES.values()), list(FILES))
    return {lang: doc.texts for lang, doc in documents.items()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, use_encoder) -> Path:
    """What `make demo` does for seed 000: align the three files, write tmx/000.nl-*.tmx."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "get_encoder", lambda spec=None, **kw: use_encoder)
        result = CliRunner().invoke(
            cli,
            [
                "align",
                *map(str, FILES.values()),
                "--db",
                str(folder / "tm.db"),
                "--tmx",
                str(folder / "000.tmx"),
            ],
        )
    assert result.exit_code == 0, result.output
    return folder


def test_demo_nl_fr_file_keeps_sentences_the_english_merged(demo: Path, segments) -> None:
    nl, fr = segments["nl"], segments["fr"]
    tus = tmx_rows(demo / "000.nl-fr.tmx")
    pairs = {(tu["nl-BE"], tu["fr-BE"]) for tu in tus}
    # the English translates Dutch 37 and 38 with one sentence; nl-fr aligned them one to one
    assert (nl[37], fr[36]) in pairs
    assert (nl[38], fr[37]) in pairs
    assert all(tu["x-bead"] == "1-1" for tu in tus if tu["nl-BE"] in (nl[37], nl[38]))
    # the multilingual unit joins them, as it must
    with open_store(str(demo / "tm.db"), create=False) as store:
        multi = write_tmx(store, demo / "all.tmx", langs=None, multilingual=True)
    assert multi.written > 0
    joined = f"{nl[37]} {nl[38]}"
    assert any(tu["nl-BE"] == joined for tu in tmx_rows(demo / "all.tmx"))


def test_demo_nl_fr_beads_hold_the_one_to_two_bead_with_its_own_score(demo: Path, segments) -> None:
    with open_store(str(demo / "tm.db"), create=False) as store:
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(pair_beads.c.bead, pair_beads.c.score, pair_beads.c.tgt_lang).where(
                    pair_beads.c.src_lang == "nl"
                )
            ).all()
        beads = {(lang, bead): score for bead, score, lang in rows}
        # Dutch sentence 1 is split in two French sentences: one 1-2 bead of its own
        one_two = beads[("fr", "fr:1,2|nl:1")]
        assert ("fr", "fr:36|nl:37") in beads and ("fr", "fr:37|nl:38") in beads
        assert ("en", "en:38|nl:37,38") in beads
        everything = demo / "nl-fr-all.tmx"
        write_tmx(store, everything, langs=("nl", "fr"), min_score=0.0)
    # its pair file entry carries exactly the pair bead's confidence, nothing propagated
    (tu,) = [tu for tu in tmx_rows(everything) if tu["nl-BE"] == segments["nl"][1]]
    assert tu["fr-BE"] == " ".join(segments["fr"][1:3])
    assert (tu["x-bead"], tu["x-score"]) == ("1-2", f"{one_two:.4f}")
    # the demo file (--min-score 0.5) holds it exactly when its own confidence reaches 0.5
    in_demo = any(t["nl-BE"] == segments["nl"][1] for t in tmx_rows(demo / "000.nl-fr.tmx"))
    assert in_demo == (one_two >= 0.5)


def test_align_with_another_pivot_writes_it_as_source(tmp_path: Path, shared_encoder) -> None:
    files = [FILES["fr"], FILES["nl"], FILES["en"]]
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(
        cli,
        [
            "align",
            *map(str, files),
            "--langs",
            "fr,nl,en",
            "--db",
            str(tmp_path / "tm.db"),
            "--tmx",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("out*")) == ["out.fr-en.tmx", "out.fr-nl.tmx"]
    for name, target in (("out.fr-nl.tmx", "nl-BE"), ("out.fr-en.tmx", "en-GB")):
        root = etree.parse(str(tmp_path / name)).getroot()
        assert root.find("header").get("srclang") == "fr-BE"
        tuvs = [[tuv.get(XML_LANG) for tuv in tu.findall("tuv")] for tu in root.iter("tu")]
        assert tuvs and all(langs == ["fr-BE", target] for langs in tuvs)
    stats = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "tm.db")])
    assert "pivot fr" in stats.stdout and "  fr-nl: " in stats.stdout
    # `tmtool export --run` without --langs takes the run's pivot as source too
    again = tmp_path / "again" / "run.tmx"
    again.parent.mkdir()
    exported = CliRunner().invoke(
        cli, ["export", "--db", str(tmp_path / "tm.db"), "--run", "1", "-o", str(again)]
    )
    assert exported.exit_code == 0, exported.output
    assert sorted(p.name for p in again.parent.iterdir()) == ["run.fr-en.tmx", "run.fr-nl.tmx"]
    root = etree.parse(str(again.parent / "run.fr-nl.tmx")).getroot()
    assert root.find("header").get("srclang") == "fr-BE"
    # no --min-score here: every fr-nl pair bead with both sides
    with open_store(str(tmp_path / "tm.db"), create=False) as store, store.engine.connect() as conn:
        beads = conn.execute(select(pair_beads.c.bead).where(pair_beads.c.tgt_lang == "nl"))
        linked = [b for (b,) in beads if all(side.split(":")[1] for side in b.split("|"))]
    assert len(root.findall("body/tu")) == len(linked) > 40
