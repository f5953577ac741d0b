"""A rare term with no rendering in one language takes the other's name (branch t19f).

In the seeds, ``Luik`` (two units) is ``Liège`` in English but has no French rendering: in
its two French units ``attentat terroriste`` and ``suite`` co-occur as perfectly as ``Liège``
(``choice._rivals``), and the score falls under the floor. Both French units write ``Liège``,
as the English rendering: a name written the same in two translations of one sentence."""

from __future__ import annotations

from terms_support import french_after_fill

from tmtool.terms.extract import _fill_across_languages

ROWS = [
    (
        "Na de terroristische aanslag in Luik rouwt het land.",
        "Suite à l'attentat terroriste de Liège, le pays est en deuil.",
        "After the terrorist attack in Liège the country mourns.",
    ),
    (
        "De aanslag in Luik werd onderzocht.",
        "Suite à l'attentat terroriste de Liège, une enquête a été ouverte.",
        "The bombing in Liège was investigated.",
    ),
    (
        "De rotatie van de gewassen.",
        "La rotation des cultures.",
        "The crop rotation.",
    ),
    (
        "De wisselbouw van de gewassen.",
        "La rotation des cultures.",
        "The crop rotation.",
    ),
]


def filled(term: str, english: str) -> list[str]:
    """The French renderings of ``term`` after the fill, when English renders it ``english``
    and French has none."""
    return french_after_fill(
        ROWS,
        term,
        english,
        lambda corpus, found, postings, _: _fill_across_languages(corpus, found, postings),
    )


def test_a_name_written_the_same_fills_the_other_language() -> None:
    assert filled("Luik", "Liège") == ["Liège"]
    # a common word written the same may be part of phrases each language builds its own way
    # (``rotation des cultures``, ``crop rotation``): no fill
    assert filled("gewassen", "rotation") == []
