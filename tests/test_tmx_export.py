"""TMX export: schema-valid pair and multilingual files, README rules, filters, tuids, safety."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree
from tmx_support import (
    NL,
    UNITS,
    XML_LANG,
    check_tmx,
    make_document,
    require_schema,
    run_info,
    sample_documents,
    tmx_units,
)

from tmtool import __version__
from tmtool.document import Unit
from tmtool.errors import InputError, TmxError
from tmtool.exchange import (
    TmxWriter,
    TuOut,
    TuvOut,
    export_run,
    export_tmx,
    pair_paths,
    write_tmx,
    xml_safe,
)
from tmtool.store import Store
from tmtool.store.schema import units


@pytest.fixture
def memory(tm_store: Store) -> Store:
    tm_store.save_alignment(sample_documents(), UNITS, run_info())
    return tm_store


def written(memory: Store, out: Path, **options: object) -> int:
    """Export with ``options``, check the file, return how many units it holds."""
    report = write_tmx(memory, out, **options)  # type: ignore[arg-type]
    check_tmx(out)
    return report.written


def test_pair_and_multilingual_files_validate_against_the_xsd(
    memory: Store, tmp_path: Path
) -> None:
    xsd = require_schema()
    write_tmx(memory, tmp_path / "pair.tmx", langs=("nl", "en"))
    write_tmx(memory, tmp_path / "all.tmx", langs=None, multilingual=True)
    for name in ("pair.tmx", "all.tmx"):
        tree = etree.parse(str(tmp_path / name))
        assert xsd.validate(tree), xsd.error_log.last_error
    broken = etree.parse(str(tmp_path / "pair.tmx"))
    del broken.getroot().find("header").attrib["srclang"]
    assert not xsd.validate(broken)  # the schema really checks


def test_pair_file_is_valid_and_follows_the_rules(memory: Store, tmp_path: Path) -> None:
    out = tmp_path / "nl-fr.tmx"
    report = write_tmx(memory, out)
    tree = check_tmx(out)
    header = tree.getroot().find("header")
    assert header.get("srclang") == "nl-BE"
    assert header.get("creationtool") == "tmtool"
    assert header.get("creationtoolversion") == __version__
    assert report.written == 4
    assert report.skipped == {"empty fr-BE side": 1, "empty nl-BE side": 1}
    assert report.forbidden_removed == 2  # the U+000B of the Dutch and French unit
    units = tmx_units(out)
    texts = {u["tuvs"]["nl-BE"][0]: u["tuvs"]["fr-BE"][0] for u in units.values()}
    assert texts[NL[0]] == "Article 1er. Le ministre & le secrétaire d'État."
    assert texts[NL[1]] == 'Ceci est un <test> avec des « guillemets » et "quotes".'
    assert texts["Verticaletab en emoji 🇧🇪😀."] == "Tabulationverticale et emoji 🇧🇪😀."
    assert texts["Vierde zin. Vijfde zin."] == "Quatrième et cinquième phrases."
    raw = out.read_text(encoding="utf-8")
    assert "&amp;" in raw and "&lt;test&gt;" in raw and "\x0b" not in raw


def test_unit_props_and_dates(memory: Store, tmp_path: Path) -> None:
    out = tmp_path / "nl-fr.tmx"
    write_tmx(memory, out)
    for unit in tmx_units(out).values():
        props = dict(unit["props"])  # type: ignore[arg-type]
        assert set(props) == {"x-score", "x-status", "x-bead"}
        assert 0 <= float(props["x-score"]) <= 1
        nl_text, nl_props, _ = unit["tuvs"]["nl-BE"]  # type: ignore[index]
        assert dict(nl_props)["x-document"] == sample_documents()["nl"].sha256
        if nl_text == "Vierde zin. Vijfde zin.":
            assert props["x-bead"] == "2-1"
        assert unit["attrs"]["creationdate"].endswith("Z")  # type: ignore[index]


def test_multilingual_file(memory: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.tmx"
    report = write_tmx(memory, out, langs=None, multilingual=True)
    tree = check_tmx(out)
    assert report.langs == ("nl", "fr", "en")
    assert report.written == 4
    assert report.skipped == {"only one language": 1, "no nl-BE text": 1}
    assert report.forbidden_removed == 3
    for tu in tree.getroot().iter("tu"):
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["nl-BE", "fr-BE", "en-GB"]
    beads = sorted(dict(u["props"])["x-bead"] for u in tmx_units(out).values())  # type: ignore[arg-type]
    assert beads == ["1-1-1", "1-1-1", "1-1-1", "2-1-2"]


def test_translate_toolkit_reads_dutch_as_source(memory: Store, tmp_path: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    write_tmx(memory, tmp_path / "fr.tmx", langs=("nl", "fr"))
    write_tmx(memory, tmp_path / "en.tmx", langs=("nl", "en"))
    write_tmx(memory, tmp_path / "all.tmx", langs=None, multilingual=True)
    expected = {
        "fr": {
            u["tuvs"]["nl-BE"][0]: u["tuvs"]["fr-BE"][0]
            for u in tmx_units(tmp_path / "all.tmx").values()
        },  # type: ignore[index]
        "en": {
            u["tuvs"]["nl-BE"][0]: u["tuvs"]["en-GB"][0]
            for u in tmx_units(tmp_path / "all.tmx").values()
        },  # type: ignore[index]
    }
    for name, lang, tag in (("fr.tmx", "fr", "fr-BE"), ("en.tmx", "en", "en-GB")):
        store = tmx.tmxfile.parsefile(str(tmp_path / name))
        assert store.sourcelanguage == "nl-BE"
        assert len(store.units) == 4
        for unit in store.units:
            assert unit.source in expected[lang]
            assert unit.target == expected[lang][unit.source]
        with open(tmp_path / "all.tmx", "rb") as handle:
            multi = tmx.tmxfile(handle, targetlanguage=tag)
        assert len(multi.units) == 4
        for unit in multi.units:
            assert unit.target == expected[lang][unit.source]


def test_tuids_are_unique_and_stable(memory: Store, tmp_path: Path, db_url: str) -> None:
    write_tmx(memory, tmp_path / "a.tmx")
    memory.save_alignment(sample_documents(), UNITS, run_info())  # aligning again changes nothing
    write_tmx(memory, tmp_path / "b.tmx")
    first, second = tmx_units(tmp_path / "a.tmx"), tmx_units(tmp_path / "b.tmx")
    assert list(first) == list(second)
    assert len(set(first)) == len(first) == 4
    # another memory built from the same documents gives the same tuids
    from tmtool.store import open_store

    with open_store(str(tmp_path / "other.db")) as other:
        other.save_alignment(sample_documents(), list(reversed(UNITS)), run_info())
        write_tmx(other, tmp_path / "c.tmx")
    assert set(tmx_units(tmp_path / "c.tmx")) == set(first)


def test_forbidden_characters_removed_and_counted_by_the_writer(tmp_path: Path) -> None:
    assert xml_safe("a\x0bb\x00c\ud800d\uffffe\U0001f600") == ("abcde\U0001f600", 4)
    out = tmp_path / "w.tmx"
    brussels = timezone(timedelta(hours=2))
    with TmxWriter(
        out,
        srclang="nl-BE",
        tool_version="1",
        created=datetime(2026, 1, 1, 1, 30, tzinfo=brussels),
        header_props=[("x-languages", "nl-BE,fr-BE")],
    ) as writer:
        writer.write(
            TuOut(
                "t1",
                [TuvOut("nl-BE", "nul\x00 en \ud83d surrogaat"), TuvOut("fr-BE", "tab\x0bvert")],
                attrs={"creationid": "jan\x01"},
                props=[("x-note", "bell\x07")],
            )
        )
        writer.write(TuOut("t2", [TuvOut("nl-BE", "Schoon."), TuvOut("fr-BE", "Propre.")]))
    assert (writer.removed, writer.changed, writer.written) == (5, ["t1"], 2)
    check_tmx(out)
    units = tmx_units(out)
    assert units["t1"]["tuvs"]["nl-BE"][0] == "nul en  surrogaat"  # type: ignore[index]
    assert units["t1"]["attrs"] == {"tuid": "t1", "creationid": "jan"}
    header = etree.parse(str(out)).getroot().find("header")
    assert header.get("creationdate") == "20251231T233000Z"  # written in UTC
    assert [(prop.get("type"), prop.text) for prop in header] == [("x-languages", "nl-BE,fr-BE")]


def test_long_segments_flagged_or_skipped(tm_store: Store, tmp_path: Path) -> None:
    long_nl = "Lange zin " * 250  # 2,500 characters
    docs = {
        "nl": make_document("nl", [long_nl.strip(), "Kort."]),
        "fr": make_document("fr", ["Phrase longue.", "Court."]),
    }
    units = [Unit({"nl": (0,), "fr": (0,)}, 0.9), Unit({"nl": (1,), "fr": (1,)}, 0.9)]
    tm_store.save_alignment(docs, units, run_info())
    flagged = write_tmx(tm_store, tmp_path / "flag.tmx")
    assert (flagged.written, flagged.long_flagged) == (2, 1)
    check_tmx(tmp_path / "flag.tmx")
    long_tu = next(
        u
        for u in tmx_units(tmp_path / "flag.tmx").values()
        if u["tuvs"]["fr-BE"][0] == "Phrase longue."  # type: ignore[index]
    )
    assert ("x-long-segment", str(len(long_nl.strip()))) in long_tu["tuvs"]["nl-BE"][1]  # type: ignore[index]
    skipped = write_tmx(tm_store, tmp_path / "skip.tmx", long_segments="skip")
    assert skipped.written == 1
    assert skipped.skipped == {"segment over 2000 characters": 1}
    with pytest.raises(InputError, match="'flag' or 'skip'"):
        write_tmx(tm_store, tmp_path / "x.tmx", long_segments="truncate")


def test_filters(memory: Store, tmp_path: Path) -> None:
    out = tmp_path / "f.tmx"
    assert written(memory, out, min_score=0.88) == 2
    tuids = list(tmx_units(out))
    memory.set_status(tuids[:1], "reviewed")
    memory.set_status(tuids[1:2], "rejected")
    assert written(memory, out) == 3  # rejected units are left out by default
    assert written(memory, out, status="reviewed") == 1
    assert list(tmx_units(out)) == tuids[:1]
    assert written(memory, out, status=["rejected", "auto"]) == 3
    assert written(memory, out, since=date.today() - timedelta(days=1)) == 3
    assert written(memory, out, since=date.today() + timedelta(days=2)) == 0
    assert written(memory, out, documents=["verklaring"]) == 3
    sha = sample_documents()["fr"].sha256
    assert written(memory, out, documents=sha[:10]) == 3
    for unknown in ("unknown title", sha[:3], "Verklaring"):  # a prefix needs 4 digits; titles
        with pytest.raises(InputError, match="no document in the memory matches"):  # match exactly
            written(memory, out, documents=[unknown])
    with pytest.raises(InputError, match="unknown status"):
        written(memory, out, status="approved")


def test_min_score_and_since_keep_their_bounds(
    memory: Store, tm_store: Store, tmp_path: Path
) -> None:
    """``--min-score 0.9`` keeps a unit of exactly 0.9 (pair and multilingual files);
    ``--since`` keeps a unit changed at midnight of that day."""
    out = tmp_path / "bounds.tmx"
    assert written(memory, out, min_score=0.9) == 2
    assert written(memory, out, multilingual=True, min_score=0.9) == 2
    with tm_store.engine.begin() as conn:
        conn.execute(units.update().values(changed_at=datetime(2020, 1, 2)))
    assert written(memory, out, since=date(2020, 1, 2)) == 4
    assert written(memory, out, since=date(2020, 1, 3)) == 0


def test_a_pair_file_reads_only_sets_with_both_languages(tm_store: Store, tmp_path: Path) -> None:
    """A document set without English is not even considered for an nl-en file; a side that is
    blank once forbidden characters are removed counts as empty."""
    tm_store.save_alignment(sample_documents(), UNITS, run_info())
    bilingual = {"nl": make_document("nl", ["Alleen twee talen."], "tweetalig"),
                 "fr": make_document("fr", [" \x0b "], "bilingue")}  # fmt: skip
    tm_store.save_alignment(bilingual, [Unit({"nl": (0,), "fr": (0,)}, 0.9)], run_info())
    report = write_tmx(tm_store, tmp_path / "en.tmx", langs=("nl", "en"))
    assert (report.considered, report.written) == (6, 4)  # the six sample units only
    fr = write_tmx(tm_store, tmp_path / "fr.tmx", langs=("nl", "fr"))
    assert fr.skipped["empty fr-BE side"] == 2  # the sample's unit 6 and the blank one


def test_document_and_run_filters_separate_document_sets(memory: Store, tmp_path: Path) -> None:
    other = memory.save_alignment(sample_documents(" (2)"), UNITS, run_info())
    out = tmp_path / "f.tmx"
    assert written(memory, out) == 8
    assert written(memory, out, documents=["verklaring (2)"]) == 4
    assert written(memory, out, run_id=other.run_id) == 4
    assert all(u["tuvs"]["nl-BE"][0].endswith(" (2)") for u in tmx_units(out).values())  # type: ignore[index]
    with pytest.raises(InputError, match="no run 99"):
        written(memory, out, run_id=99)


def test_language_tags_can_be_overridden(memory: Store, tmp_path: Path) -> None:
    out = tmp_path / "tags.tmx"
    report = write_tmx(memory, out, langs=("nl", "en"), lang_tags={"nl": "nl-NL", "en": "en-US"})
    tree = check_tmx(out)
    assert report.tags == ("nl-NL", "en-US")
    assert tree.getroot().find("header").get("srclang") == "nl-NL"
    with pytest.raises(InputError, match="invalid language tag 'nl_BE'"):
        write_tmx(memory, out, lang_tags={"nl": "nl_BE"})


def test_pair_export_needs_two_languages(memory: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="exactly two languages"):
        write_tmx(memory, tmp_path / "x.tmx", langs=("nl", "fr", "en"))


def test_export_tmx_writes_one_file_per_pair(memory: Store, tmp_path: Path) -> None:
    reports = export_tmx(memory, tmp_path / "memory.tmx")
    assert [r.path.name for r in reports] == ["memory.nl-fr.tmx", "memory.nl-en.tmx"]
    for report in reports:
        check_tmx(report.path)
        assert report.written == 4
    (single,) = export_tmx(memory, tmp_path / "only.tmx", langs=["nl", "en"])
    assert single.path.name == "only.tmx" and single.tags == ("nl-BE", "en-GB")
    assert pair_paths(Path("out"), [("nl", "fr"), ("nl", "de")]) == [
        Path("out.nl-fr.tmx"),
        Path("out.nl-de.tmx"),
    ]


def test_export_run_for_the_align_command(memory: Store, tmp_path: Path) -> None:
    run_id = memory.stats().runs[0].id
    reports = export_run(memory, run_id, tmp_path / "run.tmx")
    assert [(r.path.name, r.written) for r in reports] == [
        ("run.nl-fr.tmx", 4),
        ("run.nl-en.tmx", 4),
    ]
    (multi,) = export_run(memory, run_id, tmp_path / "run-all.tmx", multilingual=True)
    assert multi.written == 4
    check_tmx(multi.path)


def test_empty_memory_gives_a_valid_empty_file(tm_store: Store, tmp_path: Path) -> None:
    (report,) = export_tmx(tm_store, tmp_path / "empty.tmx")
    assert report.written == 0
    check_tmx(report.path)


def test_failed_export_leaves_no_half_written_file(
    memory: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "keep.tmx"
    out.write_text("previous export\n")
    calls = {"n": 0}
    original = TmxWriter.write

    def failing_write(self: TmxWriter, tu: TuOut) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        original(self, tu)

    monkeypatch.setattr(TmxWriter, "write", failing_write)
    with pytest.raises(OSError):
        write_tmx(memory, out)
    assert calls["n"] == 3
    assert out.read_text() == "previous export\n"
    assert [name for name in os.listdir(tmp_path) if name.startswith(".keep.tmx")] == []


def test_a_discarded_export_leaves_no_file_and_no_temporary_file(
    memory: Store, tmp_path: Path
) -> None:
    """A file no unit goes into is discarded (``write_empty=False``, as `export` does): the file
    already at its path stays as it was, and neither a temporary file nor a folder made for the
    new one is left behind."""
    later = date.today() + timedelta(days=2)
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "x.tmx").write_text("previous export\n")
    report = write_tmx(memory, kept / "x.tmx", since=later, write_empty=False)
    assert (report.written, report.file_written) == (0, False)
    assert [path.name for path in kept.iterdir()] == ["x.tmx"]
    assert (kept / "x.tmx").read_text() == "previous export\n"
    deeper = tmp_path / "new" / "deeper" / "x.tmx"
    report = write_tmx(memory, deeper, since=later, write_empty=False)
    assert not report.file_written
    assert not (tmp_path / "new").exists()
    assert written(memory, kept / "x.tmx", since=later) == 0  # write_empty: a TMX without units


def test_unwritable_destination_is_a_clear_error(memory: Store, tmp_path: Path) -> None:
    (tmp_path / "out" / "x.tmx").mkdir(parents=True)
    with pytest.raises(TmxError, match=r"cannot write .*x\.tmx: Is a directory"):
        write_tmx(memory, tmp_path / "out" / "x.tmx")
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["x.tmx"]  # no temporary file


def test_a_missing_folder_is_made(memory: Store, tmp_path: Path) -> None:
    write_tmx(memory, tmp_path / "missing-folder" / "x.tmx")
    check_tmx(tmp_path / "missing-folder" / "x.tmx")


def test_streaming_export_of_many_units(tm_store: Store, tmp_path: Path) -> None:
    count = 2500  # more than two pages of the keyset reader
    docs = {
        "nl": make_document("nl", [f"Zin nummer {i}." for i in range(count)]),
        "fr": make_document("fr", [f"Phrase numéro {i}." for i in range(count)]),
    }
    units = [Unit({"nl": (i,), "fr": (i,)}, 0.5 + (i % 50) / 100) for i in range(count)]
    tm_store.save_alignment(docs, units, run_info())
    report = write_tmx(tm_store, tmp_path / "big.tmx")
    assert report.written == count
    tree = check_tmx(tmp_path / "big.tmx", validate=False)
    segs = [tu.find("tuv/seg").text for tu in tree.getroot().iter("tu")]
    assert segs == [f"Zin nummer {i}." for i in range(count)]  # document order


def test_pair_files_filter_and_score_on_their_own_pair(tm_store: Store, tmp_path: Path) -> None:
    # one unit whose nl-fr pair is doubtful and nl-en pair confident: the unit scores 0.3
    unit = Unit({"nl": (0,), "fr": (0,), "en": (0,)}, 0.3, {"fr": 0.3, "en": 0.9})
    tm_store.save_alignment(sample_documents(), [unit], run_info())
    fr, en, both = tmp_path / "fr.tmx", tmp_path / "en.tmx", tmp_path / "all.tmx"
    assert written(tm_store, fr, langs=("nl", "fr"), min_score=0.5) == 0
    assert written(tm_store, en, langs=("nl", "en"), min_score=0.5) == 1
    assert written(tm_store, both, multilingual=True, min_score=0.5) == 0
    score = etree.parse(str(en)).find(".//tu/prop[@type='x-score']").text
    assert score == "0.9000"
