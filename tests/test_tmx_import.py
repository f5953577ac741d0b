"""TMX import: round trip, language variants, deduplication, metadata, unsafe and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from tmx_support import UNITS, check_tmx, run_info, sample_documents, tmx_units, write_tmx_text

from tmtool.errors import TmxError
from tmtool.exchange import import_tmx, read_tmx, write_tmx
from tmtool.store import Store, UnitFilter, open_store
from tmtool.store.schema import documents

ALL = UnitFilter(statuses=("auto", "reviewed", "rejected"))


def tu(*sides: tuple[str, str], attrs: str = "") -> str:
    """A ``<tu>`` with one ``<tuv>`` per (language tag, segment text)."""
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in sides)
    return f"<tu{attrs}>{tuvs}</tu>"


def counts(store: Store) -> tuple[int, int, int, int]:
    stats = store.stats()
    return stats.documents_total, stats.segments, stats.units, len(stats.runs)


@pytest.fixture
def aligned(tmp_path: Path) -> Path:
    """A SQLite memory holding the sample alignment (one reviewed unit)."""
    path = tmp_path / "aligned.db"
    with open_store(str(path)) as store:
        store.save_alignment(sample_documents(), UNITS, run_info())
        store.set_status(store.tuids()[:1], "reviewed")
    return path


@pytest.mark.parametrize("multilingual", [False, True], ids=["pair", "multilingual"])
def test_round_trip_gives_the_same_units(
    aligned: Path, tm_store: Store, tmp_path: Path, multilingual: bool
) -> None:
    first, second = tmp_path / "first.tmx", tmp_path / "second.tmx"
    with open_store(str(aligned)) as source:
        exported = write_tmx(source, first, langs=None, multilingual=multilingual)
    report = import_tmx(tm_store, first)
    assert (report.read, report.imported, report.duplicate) == (exported.written,) * 2 + (0,)
    again = write_tmx(tm_store, second, langs=None, multilingual=multilingual)
    assert again.written == exported.written
    check_tmx(second)
    assert tmx_units(second) == tmx_units(first)  # same tuids, dates, props, texts
    assert {u.origin for u in tm_store.iter_units(ALL)} == {"imported"}
    assert {u.status for u in tm_store.iter_units(ALL)} == {"auto", "reviewed"}


def test_reimport_is_deduplicated(aligned: Path, tm_store: Store, tmp_path: Path) -> None:
    tmx = tmp_path / "m.tmx"
    with open_store(str(aligned)) as source:
        write_tmx(source, tmx, langs=None, multilingual=True)
    import_tmx(tm_store, tmx)
    before = counts(tm_store)
    report = import_tmx(tm_store, tmx)
    assert (report.read, report.imported, report.duplicate) == (4, 0, 4)
    assert counts(tm_store) == before  # same file: same run, no new documents


@pytest.mark.parametrize("batch_size", [1000, 1], ids=["one-batch", "a-batch-each"])
def test_a_unit_repeated_in_one_file_is_imported_once(
    tm_store: Store, tmp_path: Path, batch_size: int
) -> None:
    same = tu(("nl-BE", "Ja."), ("fr-BE", "Oui."))
    tmx = write_tmx_text(tmp_path / "twice.tmx", same + same)
    report = import_tmx(tm_store, tmx, batch_size=batch_size)
    assert (report.read, report.imported, report.duplicate) == (2, 1, 1)
    assert len(list(tm_store.iter_units())) == 1


def test_import_dedups_against_aligned_units_and_language_subsets(
    aligned: Path, tmp_path: Path
) -> None:
    tmx = tmp_path / "nl-en.tmx"
    with open_store(str(aligned)) as store:
        write_tmx(store, tmx, langs=("nl", "en"))
        before = store.stats().units
        report = import_tmx(store, tmx)  # nl-en pairs of stored nl-fr-en units
        assert (report.imported, report.duplicate) == (0, 4)
        assert store.stats().units == before


def test_language_variants_map_to_the_memory_languages(tm_store: Store, tmp_path: Path) -> None:
    tmx = write_tmx_text(
        tmp_path / "variants.tmx",
        """
<tu><tuv xml:lang="nl-NL"><seg>Goedemorgen.</seg></tuv>
    <tuv xml:lang="fr-FR"><seg>Bonjour.</seg></tuv></tu>
<tu><tuv xml:lang="nl"><seg>Dank u.</seg></tuv><tuv xml:lang="fr-BE"><seg>Merci.</seg></tuv>
    <tuv xml:lang="en-US"><seg>Thank you.</seg></tuv></tu>
<tu><tuv xml:lang="NL-be"><seg>Tot ziens.</seg></tuv><tuv xml:lang="en"><seg>Goodbye.</seg></tuv>
    <tuv xml:lang="en-GB"><seg>Bye.</seg></tuv><tuv xml:lang="de-DE"><seg>Tschüss.</seg></tuv></tu>
""",
        srclang="nl-NL",
    )
    report = import_tmx(tm_store, tmx, langs=["nl", "fr", "en"])
    assert report.imported == 3
    assert report.languages == {"nl": 3, "fr": 2, "en": 2}
    assert report.dropped_variants == {"en-GB": 1, "de-DE": 1}  # second English variant, German
    stats = tm_store.stats()
    assert stats.documents == {"en": 1, "fr": 1, "nl": 1}  # one pseudo-document per language
    assert stats.pairs == {("en", "fr"): 1, ("en", "nl"): 2, ("fr", "nl"): 2}
    out = tmp_path / "out.tmx"
    write_tmx(tm_store, out, langs=None, multilingual=True)
    check_tmx(out)
    texts = {u["tuvs"]["nl-BE"][0]: u["tuvs"].get("en-GB") for u in tmx_units(out).values()}  # type: ignore[union-attr]
    assert texts["Tot ziens."][0] == "Goodbye."  # type: ignore[index]


def test_explicit_language_map(tm_store: Store, tmp_path: Path) -> None:
    tmx = write_tmx_text(
        tmp_path / "codes.tmx",
        tu(("DUT", "Ja."), ("fre", "Oui.")),
        srclang="DUT",
    )
    # the map's tags and the file's are compared without case: "DUT" is "dut", "fre" is "FRE"
    report = import_tmx(tm_store, tmx, lang_map={"dut": "nl", "FRE": "fr"})
    assert report.imported == 1 and report.languages == {"nl": 1, "fr": 1}


def test_languages_are_ordered_nl_fr_en_then_alphabetically() -> None:
    from tmtool.exchange.langs import order_langs

    assert order_langs(["de", "en", "ar", "nl", "de"]) == ["nl", "en", "ar", "de"]


@pytest.mark.parametrize(
    ("tag", "code"),
    [("nl", "nl"), ("NL-be", "nl"), ("nl_BE", "nl"), (" fr ", "fr"), ("dut", "dut"),
     ("x-klingon", None), ("@@", None), ("dutch", None), ("", None)],
)  # fmt: skip
def test_one_language_code_rule(tag: str, code: str | None) -> None:
    """Documents (``normalise_lang``), TMX import (``LanguageMapper``) and the memory's check of
    saved languages read a code the same way: ``langs.language_code``."""
    from tmtool.errors import InputError
    from tmtool.exchange.langs import LanguageMapper, language_code, normalise_lang

    assert language_code(tag) == code
    assert LanguageMapper()(tag) == code
    if code is None:
        with pytest.raises(InputError, match="is not a language code"):
            normalise_lang(tag)
    else:
        assert normalise_lang(tag) == code


def test_a_tag_override_names_its_language_by_the_same_rule() -> None:
    """``--lang-tag EN=en-US`` sets English's tag (it was a tag for a code no memory has)."""
    from tmtool.errors import InputError
    from tmtool.exchange.langs import resolve_tags

    assert resolve_tags({"EN": "en-US", "fr_BE": "fr-FR"}) == {
        "nl": "nl-BE",
        "fr": "fr-FR",
        "en": "en-US",
    }
    with pytest.raises(InputError, match="is not a language code"):
        resolve_tags({"english": "en-US"})


def test_tuid_dates_props_and_notes_are_kept(tm_store: Store, tmp_path: Path) -> None:
    tmx = write_tmx_text(
        tmp_path / "meta.tmx",
        """
<tu tuid="decl-42" creationdate="20200102T030405Z" changedate="20210304T050607Z"
    creationid="jan" usagecount="3" segtype="phrase">
  <note>Checked by the translation service</note>
  <prop type="x-domain">federal government</prop>
  <prop type="x-score">0.4200</prop>
  <prop type="x-status">reviewed</prop>
  <tuv xml:lang="nl-BE"><prop type="x-origin">Kamer</prop><note>zie art. 2</note>
    <seg>Artikel 2.</seg></tuv>
  <tuv xml:lang="fr-BE"><seg>Article 2.</seg></tuv>
</tu>""",
    )
    assert import_tmx(tm_store, tmx).imported == 1
    (unit,) = tm_store.iter_units()
    assert (unit.tuid, unit.score, unit.status) == ("decl-42", 0.42, "reviewed")
    assert unit.created_at.isoformat() == "2020-01-02T03:04:05+00:00"
    assert unit.changed_at.isoformat() == "2021-03-04T05:06:07+00:00"
    out = tmp_path / "out.tmx"
    write_tmx(tm_store, out)
    check_tmx(out)
    exported = tmx_units(out)["decl-42"]
    assert exported["attrs"] == {
        "tuid": "decl-42",
        "creationdate": "20200102T030405Z",
        "changedate": "20210304T050607Z",
        "creationid": "jan",
        "usagecount": "3",
        "segtype": "phrase",
    }
    assert ("x-domain", "federal government") in exported["props"]  # type: ignore[operator]
    assert ("x-score", "0.4200") in exported["props"]  # type: ignore[operator]
    assert exported["notes"] == ["Checked by the translation service"]
    assert exported["tuvs"]["nl-BE"] == ("Artikel 2.", [("x-origin", "Kamer")], ["zie art. 2"])  # type: ignore[index]


def test_invalid_metadata_is_not_taken_as_memory_fields(tm_store: Store, tmp_path: Path) -> None:
    """A score outside 0..1, an unknown status or segtype and a date in another zone or form
    never reach the memory as they are: the first two stay plain props, the segtype is dropped,
    the date is written in UTC as TMX wants it."""
    tmx = write_tmx_text(
        tmp_path / "odd-meta.tmx",
        """
<tu tuid="odd" segtype="word" lastusagedate="2020-01-02T05:04:05+02:00">
  <prop type="x-score">1.7</prop>
  <prop type="x-status">approved</prop>
  <tuv xml:lang="nl-BE"><seg>Artikel 3.</seg></tuv>
  <tuv xml:lang="fr-BE"><seg>Article 3.</seg></tuv>
</tu>
<tu tuid="bad-date" lastusagedate="yesterday">
  <tuv xml:lang="nl-BE"><seg>Artikel 4.</seg></tuv>
  <tuv xml:lang="fr-BE"><seg>Article 4.</seg></tuv>
</tu>""",
    )
    assert import_tmx(tm_store, tmx).imported == 2
    odd = next(unit for unit in tm_store.iter_units() if unit.tuid == "odd")
    assert (odd.score, odd.status) == (None, "auto")
    out = tmp_path / "out.tmx"
    write_tmx(tm_store, out)
    check_tmx(out)
    exported = tmx_units(out)
    assert exported["odd"]["attrs"]["lastusagedate"] == "20200102T030405Z"  # type: ignore[index]
    assert "segtype" not in exported["odd"]["attrs"]  # type: ignore[operator]
    assert "lastusagedate" not in exported["bad-date"]["attrs"]  # type: ignore[operator]
    props = exported["odd"]["props"]
    assert ("x-score", "1.7") in props and ("x-status", "approved") in props  # type: ignore[operator]


def test_long_segment_flags_are_not_imported_as_props(tm_store: Store, tmp_path: Path) -> None:
    """Export flags a long segment with ``x-long-segment``; importing that file and exporting it
    again flags it once, not twice (the flag is the writer's, not the unit's)."""
    long_nl = ("Lange zin " * 250).strip()
    tmx = write_tmx_text(
        tmp_path / "long.tmx",
        f'<tu><tuv xml:lang="nl-BE"><prop type="x-long-segment">{len(long_nl)}</prop>'
        f"<seg>{long_nl}</seg></tuv>"
        '<tuv xml:lang="fr-BE"><seg>Phrase longue.</seg></tuv></tu>',
    )
    assert import_tmx(tm_store, tmx).imported == 1
    out = tmp_path / "out.tmx"
    assert write_tmx(tm_store, out).long_flagged == 1
    (unit,) = tmx_units(out).values()
    _, props, _ = unit["tuvs"]["nl-BE"]  # type: ignore[index]
    assert props == [("x-long-segment", str(len(long_nl)))]


def test_skip_reasons_and_unscored_units(tm_store: Store, tmp_path: Path) -> None:
    tmx = write_tmx_text(
        tmp_path / "odd.tmx",
        """
<tu><tuv xml:lang="nl-BE"><seg>Alleen Nederlands.</seg></tuv></tu>
<tu><tuv xml:lang="nl-BE"><seg>Leeg Frans.</seg></tuv><tuv xml:lang="fr-BE"><seg>  </seg></tuv></tu>
<tu><tuv xml:lang="nl-BE"><seg>Goed.</seg></tuv><tuv xml:lang="fr-BE"><seg>Bien.</seg></tuv></tu>
<tu><tuv xml:lang="*all*"><seg>?</seg></tuv><tuv xml:lang="fr-BE"><seg>Quoi ?</seg></tuv></tu>
""",
    )
    report = import_tmx(tm_store, tmx)
    assert report.read == 4 and report.imported == 1
    assert report.skipped == {"with text in fewer than two languages": 3}
    assert report.dropped_variants == {"*all*": 1}
    assert "skipped 3" in report.summary()
    (unit,) = tm_store.iter_units()
    assert unit.score is None
    out = tmp_path / "out.tmx"
    assert write_tmx(tm_store, out).written == 1
    assert "x-score" not in dict(next(iter(tmx_units(out).values()))["props"])  # type: ignore[arg-type]
    assert write_tmx(tm_store, out, min_score=0.1).written == 0


def test_taken_tuids_get_a_suffix(tm_store: Store, tmp_path: Path) -> None:
    one = write_tmx_text(
        tmp_path / "one.tmx",
        tu(("nl", "Een."), ("fr", "Un."), attrs=' tuid="1"'),
    )
    two = write_tmx_text(
        tmp_path / "two.tmx",
        tu(("nl", "Twee."), ("fr", "Deux."), attrs=' tuid="1"')
        + tu(("nl", "Drie."), ("fr", "Trois."), attrs=' tuid="1"'),
    )
    import_tmx(tm_store, one)
    import_tmx(tm_store, two)
    assert sorted(tm_store.tuids()) == ["1", "1-2", "1-3"]
    out = tmp_path / "out.tmx"
    write_tmx(tm_store, out)
    check_tmx(out)


def test_inline_codes_are_left_out_of_the_text(tm_store: Store, tmp_path: Path) -> None:
    tmx = write_tmx_text(
        tmp_path / "inline.tmx",
        '<tu><tuv xml:lang="nl"><seg>Klik <bpt i="1">&lt;b&gt;</bpt>hier<ept i="1">&lt;/b&gt;</ept>'
        ' <ph>{0}</ph>nu <hi type="x">snel</hi>.</seg></tuv>'
        '<tuv xml:lang="fr"><seg>Cliquez ici.</seg></tuv></tu>',
    )
    import_tmx(tm_store, tmx)
    (unit,) = tm_store.iter_units()
    assert unit.sides["nl"].text == "Klik hier nu snel."


def test_utf16_file_with_doctype(tm_store: Store, tmp_path: Path) -> None:
    tmx = tmp_path / "utf16.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4"><header creationtool="cat" creationtoolversion="9" segtype="sentence"'
        ' o-tmf="cat" adminlang="en-US" srclang="nl-BE" datatype="plaintext"/><body>'
        + tu(("nl-BE", "Één € 😀"), ("fr-BE", "Un €"))
        + "</body></tmx>",
        encoding="utf-16",
    )
    report = import_tmx(tm_store, tmx)
    assert report.imported == 1
    assert next(iter(tm_store.iter_units())).sides["nl"].text == "Één € 😀"


SECRET = "top-secret-password"


def _xxe(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    return write_tmx_text(
        tmp_path / "xxe.tmx",
        '<tu><tuv xml:lang="nl"><seg>&xxe;</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>',
        doctype=f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>\n',
    )


def _laughs(tmp_path: Path, where: str) -> Path:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    seg = "&lol9;" if where == "element" else "x"
    path = write_tmx_text(
        tmp_path / f"laughs-{where}.tmx",
        f'<tu><tuv xml:lang="nl"><seg>{seg}</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>',
        doctype=f"<!DOCTYPE tmx [{''.join(levels)}]>\n",
    )
    if where == "attribute":
        text = path.read_text().replace('<tmx version="1.4">', '<tmx version="1.4" a="&lol9;">')
        path.write_text(text)
    return path


def _parameter_entity(tmp_path: Path) -> Path:
    return write_tmx_text(
        tmp_path / "pe.tmx",
        '<tu><tuv xml:lang="nl"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>',
        doctype='<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>\n',
    )


@pytest.mark.parametrize(
    "make",
    [
        _xxe,
        lambda p: _laughs(p, "element"),
        lambda p: _laughs(p, "attribute"),
        _parameter_entity,
    ],
    ids=["xxe", "billion-laughs", "billion-laughs-attribute", "parameter-entity"],
)
def test_entity_attacks_are_refused_and_nothing_is_imported(
    tm_store: Store, tmp_path: Path, make
) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(TmxError) as caught:
        import_tmx(tm_store, path)
    message = str(caught.value)
    assert message.startswith(f"refused {path.name}: ")
    assert "entit" in message and message.endswith("nothing imported")
    assert "\n" not in message and SECRET not in message
    assert counts(tm_store) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("doctype", "message"),
    [
        ('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n', "line 6 uses the XML entity &foo;"),
        # without a DOCTYPE the parser stops with "no element found" at line 0; the cause and
        # its line are in its error log
        ("", r"XML entity error \(Entity 'foo' not defined, line 5"),
    ],
    ids=["doctype", "no-doctype"],
)
def test_undeclared_entity_is_refused(
    tm_store: Store, tmp_path: Path, doctype: str, message: str
) -> None:
    path = write_tmx_text(
        tmp_path / "undeclared.tmx", tu(("nl", "a &foo; b"), ("fr", "b")), doctype=doctype
    )
    with pytest.raises(TmxError, match=message):
        import_tmx(tm_store, path)
    assert counts(tm_store) == (0, 0, 0, 0)


@pytest.mark.parametrize("seg", ["Smith & Jones", "Smith &Jones", "AT&T", "a &amp b"])
def test_an_unescaped_ampersand_is_not_well_formed_not_an_attack(
    tm_store: Store, tmp_path: Path, seg: str
) -> None:
    """A bare ``&`` (``Smith & Jones`` written by a tool that does not escape) was refused as "a
    possible XXE or entity-expansion attack": the wrong reason sends a translator to a security
    desk instead of to a one-character fix."""
    path = write_tmx_text(tmp_path / "amp.tmx", tu(("nl", "Een zin."), ("fr", "Une phrase.")))
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("Een zin.")].count("\n") + 1
    path.write_text(text.replace("Een zin.", seg), encoding="utf-8")
    with pytest.raises(TmxError) as caught:
        import_tmx(tm_store, path)
    message = str(caught.value)
    assert message.startswith(
        f"amp.tmx is not well-formed XML (line {line}): an unescaped '&' (write it as &amp;)"
    ), message
    assert "attack" not in message and "\n" not in message
    assert counts(tm_store) == (0, 0, 0, 0)


def test_broken_file_after_many_units_imports_nothing(tm_store: Store, tmp_path: Path) -> None:
    good = "\n".join(tu(("nl", f"Zin {i}."), ("fr", f"Phrase {i}.")) for i in range(2500))
    path = write_tmx_text(
        tmp_path / "broken.tmx", good + "\n<tu><tuv xml:lang='nl'><seg>kapot</tuv>"
    )
    with pytest.raises(
        TmxError, match=r"broken.tmx is not well-formed XML \(line \d+\).*nothing imported"
    ):
        import_tmx(tm_store, path, batch_size=1000)
    assert counts(tm_store) == (0, 0, 0, 0)
    fixed = write_tmx_text(tmp_path / "fixed.tmx", good)
    assert import_tmx(tm_store, fixed, batch_size=1000).imported == 2500


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<html><body>no</body></html>", "not a TMX file"),
        ('<tmx version="1.4"><body></body></tmx>', "no TMX <header>"),
        ("", "not well-formed XML"),
    ],
)
def test_not_a_tmx_file(tm_store: Store, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content)
    with pytest.raises(TmxError, match=message):
        import_tmx(tm_store, path)


def test_a_file_name_that_is_not_utf8(tm_store: Store, tmp_path: Path) -> None:
    """A file whose name holds bytes that are not UTF-8 (lone surrogates in Python): lxml was
    given the name as text and raised a UnicodeEncodeError traceback."""
    tmx = write_tmx_text(tmp_path / "oud\udcff.tmx", tu(("nl", "Ja."), ("fr", "Oui.")))
    report = import_tmx(tm_store, tmx)
    assert report.imported == 1
    with tm_store.engine.connect() as conn:
        titles = set(conn.execute(select(documents.c.title)).scalars())
    assert titles == {"oud\ufffd.tmx"}  # as a file manager shows the name


def test_missing_file(tm_store: Store, tmp_path: Path) -> None:
    with pytest.raises(TmxError, match=r"cannot read .*no such file"):
        import_tmx(tm_store, tmp_path / "absent.tmx")


def test_reader_gives_header_and_units(tmp_path: Path) -> None:
    path = write_tmx_text(
        tmp_path / "r.tmx",
        '<tu tuid="a"><tuv xml:lang="nl"><seg>x</seg></tuv><tuv lang="fr"><seg>y</seg></tuv></tu>',
    )
    reader = read_tmx(path)
    header = reader.open()
    assert header.srclang == "nl-BE" and header.tool == "handmade 1"
    (tu,) = list(reader)
    assert tu.tuid == "a"
    assert [(tuv.lang, tuv.text) for tuv in tu.tuvs] == [("nl", "x"), ("fr", "y")]
