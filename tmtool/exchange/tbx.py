"""Term lists as TBX-Basic (TBX 2, ``martif``), the form memoQ, MultiTerm and OmegaT import.

One ``termEntry`` per term (concept), one ``langSet`` per language, one ``tig`` per term or
rendering with its context sentence (``descrip type="context"``) and source document (``admin
type="source"``) in a ``descripGrp``, its status (``termNote type="administrativeStatus"``: the
main rendering preferred, others admitted) and its counts in a ``note``. The entry's ``note``
says whether its translation is consistent in the memory. Characters XML 1.0 forbids are removed.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from tmtool.counts import counted
from tmtool.exchange.langs import resolve_tags, tag_for
from tmtool.exchange.xmlchars import xml_safe
from tmtool.terms.records import Example, TermList

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"


def _text(text: str) -> str:
    return xml_safe(text)[0]


def _child(parent: etree._Element, tag: str, text: str | None = None, **attrs: str):
    node = etree.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = _text(text)
    return node


def _tig(
    lang_set: etree._Element,
    term: str,
    example_text: str | None,
    example: Example | None,
    status: str | None,
    note: str,
) -> None:
    tig = _child(lang_set, "tig")
    _child(tig, "term", term)
    if status:
        _child(tig, "termNote", status, type="administrativeStatus")
    if example_text:
        context = _child(tig, "descripGrp")
        _child(context, "descrip", example_text, type="context")
        if example and example.document:
            _child(context, "admin", example.document, type="source")
    _child(tig, "note", note)


def glossary_tbx(terms: TermList, lang_tags: Mapping[str, str] | None = None) -> bytes:
    """The term list as a TBX-Basic document (UTF-8 bytes)."""
    tags = resolve_tags(lang_tags)
    source_tag = tag_for(terms.langs[0], tags)
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: source_tag})
    header = _child(root, "martifHeader")
    file_desc = _child(header, "fileDesc")
    _child(
        _child(file_desc, "titleStmt"), "title", "Terminology extracted from a translation memory"
    )
    _child(
        _child(file_desc, "sourceDesc"),
        "p",
        f"tmtool terms: {counted(terms.units, 'unit')}, languages {', '.join(terms.langs)}",
    )
    _child(_child(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _child(_child(root, "text"), "body")
    for number, entry in enumerate(terms.entries, start=1):
        term_entry = _child(body, "termEntry", id=f"term-{number}")
        variation = ", ".join(entry.inconsistent_langs())
        _child(
            term_entry,
            "note",
            f"{entry.status}" + (f" ({variation})" if variation else "") + f"; score {entry.score}",
        )
        first = entry.example()
        source_set = _child(term_entry, "langSet", **{XML_LANG: source_tag})
        _tig(
            source_set,
            entry.text,
            first.source if first else None,
            first,
            None,
            f"units: {entry.units}, documents: {entry.documents}",
        )
        for lang in terms.langs[1:]:
            renderings = entry.renderings.get(lang, [])
            if not renderings:
                continue
            lang_set = _child(term_entry, "langSet", **{XML_LANG: tag_for(lang, tags)})
            for rank, rendering in enumerate(renderings):
                example = rendering.examples[0] if rendering.examples else None
                _tig(
                    lang_set,
                    rendering.text,
                    example.target if example else None,
                    example,
                    PREFERRED if rank == 0 else ADMITTED,
                    f"units: {rendering.units}, documents: {rendering.documents}, "
                    f"score: {rendering.score}",
                )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
