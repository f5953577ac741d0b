"""XLIFF 1.2 from a lookup: valid against the transitional XSD, read back by translate-toolkit
with the same sources and targets, states and alt-trans as CAT tools expect."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from lxml import etree
from test_lookup import MEMORY, NEW, fill

from tmtool.exchange.xliff import XliffAlt, XliffUnit, render_xliff
from tmtool.lookup import lookup_segments
from tmtool.lookup.job import write_outputs
from tmtool.store import Store

SCHEMA_DIR = Path(
    os.environ.get(
        "TMTOOL_XLIFF_SCHEMA_DIR", Path(__file__).resolve().parents[2] / "shared/xliff-schema"
    )
)
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}


@functools.cache
def schema() -> etree.XMLSchema | None:
    path = SCHEMA_DIR / "xliff-core-1.2-transitional.xsd"
    return etree.XMLSchema(etree.parse(str(path))) if path.exists() else None


def check_xliff(path: Path) -> etree._ElementTree:
    """``path`` parsed, and validated against the XSD where ../shared/xliff-schema is present:
    without it the other checks of a test still run (``test_the_xliff_schema_is_there`` skips,
    and fails under CI)."""
    tree = etree.parse(str(path))
    xsd = schema()
    if xsd is not None:
        assert xsd.validate(tree), xsd.error_log.last_error
    return tree


def test_the_xliff_schema_is_there() -> None:
    if schema() is None:
        pytest.skip(f"no XLIFF schema in {SCHEMA_DIR} (set TMTOOL_XLIFF_SCHEMA_DIR)")
    invalid = etree.fromstring(f'<xliff xmlns="{NS["x"]}" version="1.2"><file/></xliff>')
    assert not schema().validate(invalid)  # the schema is really applied: a bare <file> fails


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory, use_encoder) -> dict[str, object]:
    from tmtool.store import open_store

    folder = tmp_path_factory.mktemp("xliff")
    with open_store(str(folder / "tm.db")) as store:
        fill(store)
        result = lookup_segments(store, NEW, use_encoder, "nl", ["fr"])
        written = write_outputs(
            store,
            result,
            original="nieuwe-verklaring.txt",
            xliff=folder / "out.xlf",
            tmx=folder / "project.tmx",
            report=folder / "report.html",
        )
    return {"folder": folder, "result": result, "written": written}


def test_xliff_validates_and_has_states(outputs: dict[str, object]) -> None:
    tree = check_xliff(outputs["folder"] / "out.xlf")
    units = tree.findall(".//x:trans-unit", NS)
    assert [u.findtext("x:source", namespaces=NS) for u in units] == NEW
    targets = [u.find("x:target", NS) for u in units]
    states = [
        (t.get("state"), t.get("state-qualifier")) if t is not None else None for t in targets
    ]
    assert states[0] == ("translated", "exact-match")  # 100%
    assert states[1] == ("translated", "exact-match")  # 101%
    assert states[2] == ("needs-review-translation", "leveraged-tm")  # numbers replaced
    assert states[3] is None  # no match: no target
    assert states[5] == ("needs-review-translation", "fuzzy-match")
    assert targets[2].text == "Le plan coûte 15 millions d'euros en 2027."
    file = tree.find("x:file", NS)
    assert (file.get("source-language"), file.get("target-language")) == ("nl-BE", "fr-BE")
    for unit in units:
        alts = unit.findall("x:alt-trans", NS)
        assert len(alts) <= 3
        for alt in alts:
            assert alt.get("match-quality").isdigit() and alt.get("origin")
    first_alt = units[1].find("x:alt-trans", NS)
    assert first_alt.get("match-quality") == "101"
    assert "memory-nl" in first_alt.get("origin")
    assert first_alt.findtext("x:note", namespaces=NS).startswith("fuzzy 101%; semantic similarity")
    numbers_note = units[2].findtext("x:note", namespaces=NS)
    assert numbers_note == (
        "95% match, not exact: numbers replaced from the memory's translation: 12 → 15, 2026 → 2027"
    )


def test_a_match_with_replaced_numbers_is_no_exact_match(outputs: dict[str, object]) -> None:
    """The memory's `12 ... 2026` for the new `15 ... 2027`: the target has the numbers replaced
    and says it needs review; the alt-trans is the memory's pair as stored (its source never had
    the translation `15 ... 2027`), below 100%, its note naming the numbers."""
    tree = check_xliff(outputs["folder"] / "out.xlf")
    unit = tree.findall(".//x:trans-unit", NS)[2]
    target = unit.find("x:target", NS)
    assert target.text == "Le plan coûte 15 millions d'euros en 2027."
    assert (target.get("state"), target.get("state-qualifier")) == (
        "needs-review-translation",
        "leveraged-tm",
    )
    alt = unit.find("x:alt-trans", NS)
    assert alt.findtext("x:source", namespaces=NS) == MEMORY[1][0]
    assert alt.findtext("x:target", namespaces=NS) == MEMORY[1][1]
    assert int(alt.get("match-quality")) == 95
    assert alt.findtext("x:note", namespaces=NS).endswith(
        "; numbers differ: 12 → 15, 2026 → 2027 (replaced in the target)"
    )
    assert "exact" not in etree.tostring(alt, encoding="unicode")


def test_translate_toolkit_reads_the_same_sources_and_targets(outputs: dict[str, object]) -> None:
    from translate.storage import xliff

    store = xliff.xlifffile.parsefile(str(outputs["folder"] / "out.xlf"))
    units = [unit for unit in store.units if unit.istranslatable()]
    result = outputs["result"]
    assert [unit.source for unit in units] == NEW
    expected = []
    for segment in result.segments:
        best = segment.best("fr")
        expected.append(best.targets["fr"] if best and best.percent >= 75 else "")
    assert [unit.target or "" for unit in units] == expected
    assert units[0].target == MEMORY[0][1]
    assert units[0].getalttrans()[0].target == MEMORY[0][1]


def test_project_tmx_holds_the_matched_units(outputs: dict[str, object]) -> None:
    from tmx_support import check_tmx

    (report,) = outputs["written"].tmx
    assert report.written >= 5
    check_tmx(report.path)
    seg_texts = [seg.text for seg in etree.parse(str(report.path)).iter("seg")]
    assert MEMORY[1][1] in seg_texts  # the stored translation, not the substituted proposal


def test_report_renders(outputs: dict[str, object]) -> None:
    from lxml import html

    page = (outputs["folder"] / "report.html").read_text(encoding="utf-8")
    document = html.fromstring(page)
    assert "http" not in "".join(document.xpath("//link/@href | //script/@src"))
    rows = document.xpath("//table[@class='segments']/tr")
    assert len(rows) >= len(NEW) + 1
    assert document.xpath("//del[text()='resultaten']") and document.xpath(
        "//ins[text()='gevolgen']"
    )
    assert "101%" in page and "numbers replaced: 12 → 15" in page
    assert "Context match (101%)" in page


def test_forbidden_characters_and_states_are_checked(tmp_path: Path) -> None:
    alt = XliffAlt("Een\x0bzin.", "Une phrase.", "100", "verklaring\x0b t1", "fuzzy\x0b 100%")
    text, report = render_xliff(
        [
            XliffUnit(
                "1", "Een\x0bzin.", "Une\x0bphrase.", "translated", "exact-match", [alt], "n\x0b"
            )
        ],
        original="a.txt",
        source_tag="nl-BE",
        target_tag="fr-BE",
        tool_version="0",
    )
    assert report.forbidden_removed == 6 and "\x0b" not in text
    assert 'origin="verklaring t1"' in text and "<note>n</note>" in text
    path = tmp_path / "a.xlf"
    path.write_text(text, encoding="utf-8")
    check_xliff(path)
    with pytest.raises(ValueError, match="state"):
        render_xliff(
            [XliffUnit("1", "a", "b", "final")],
            original="a",
            source_tag="nl",
            target_tag="fr",
            tool_version="0",
        )


def test_two_target_languages_get_one_file_each(
    tmp_path: Path, tm_store: Store, use_encoder
) -> None:
    from tmx_support import UNITS, run_info, sample_documents

    tm_store.save_alignment(sample_documents(), UNITS, run_info())
    result = lookup_segments(tm_store, ["Vierde zin. Vijfde zin."], use_encoder, "nl", ["fr", "en"])
    written = write_outputs(tm_store, result, original="x.txt", xliff=tmp_path / "x.xlf")
    assert sorted(path.name for path in written.xliff) == ["x.en.xlf", "x.fr.xlf"]
    for path in written.xliff:
        check_xliff(path)
