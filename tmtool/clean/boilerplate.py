"""Lines that belong to the web page or the print layout, not to the declaration itself."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

#: Publication stamps and breadcrumbs: the line, and the lines that continue it, are dropped.
_STAMP = re.compile(
    r"""^(?:
        (?:gepubliceerd|gepost|geplaatst|laatst\s+(?:bijgewerkt|gewijzigd)|publi[ée]e?|mis\s+en\s+ligne
           |derni[èe]re\s+mise\s+[àa]\s+jour|mis\s+[àa]\s+jour|published|posted|last\s+(?:updated|modified)
           |veröffentlicht|zuletzt\s+aktualisiert)
           \s+(?:op|le|on|am|:)\b
        |(?:home|accueil|startpagina|homepage|start|startseite)\s*[>›»|/]
        |(?:u\s+bent\s+hier|vous\s+[êe]tes\s+ici|you\s+are\s+here|sie\s+sind\s+hier)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

#: Whole lines that are navigation, sharing or print furniture.
_FURNITURE = re.compile(
    r"""^(?:
        print|afdrukken|imprimer|drucken|share|delen|partager|teilen|tweet|facebook|twitter|x
        |linkedin|e-?mail|naar\s+boven|terug\s+naar\s+boven|retour\s+en\s+haut|back\s+to\s+top
        |skip\s+to\s+(?:main\s+)?content|ga\s+naar\s+(?:de\s+)?inhoud|aller\s+au\s+contenu
        |menu|zoeken|rechercher|search|suchen|cookies?|cookie\s*instellingen|lees\s+meer|read\s+more
        |lire\s+la\s+suite|terug|retour|back|top
    )\s*[.:]?$""",
    re.IGNORECASE | re.VERBOSE,
)

_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:pagina|page|p\.|blz\.|seite|s\.)\s*)?\d{1,4}"
    r"(?:\s*(?:/|van|of|de|sur|von)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")


def is_stamp(line: str) -> bool:
    """A publication stamp or breadcrumb ("Gepubliceerd op ...", "Home > ...")."""
    return bool(_STAMP.match(line.strip()))


def is_boilerplate_line(line: str) -> bool:
    """A line that is never content: stamp, breadcrumb, page furniture, URL, copyright, page number.

    A lone word such as "Persbericht" or "Communiqué de presse" is content and is kept.
    """
    stripped = line.strip()
    if not stripped:
        return False
    return bool(
        _STAMP.match(stripped)
        or _FURNITURE.match(stripped)
        or _URL_LINE.match(stripped)
        or _COPYRIGHT.match(stripped)
        or is_page_number(stripped)
    )


def is_page_number(line: str) -> bool:
    """ "12", "- 12 -", "Pagina 3 van 10", "3/10"."""
    return bool(_PAGE_NUMBER.match(line.strip()))


def is_separator(line: str) -> bool:
    """A line of symbols only ("***", "_____", "./.")."""
    return bool(_SYMBOLS_ONLY.match(line.strip()))


def repeated_page_lines(pages: Sequence[Sequence[str]], edge: int = 2) -> set[str]:
    """Running headers and footers: lines found at the top or bottom of most pages.

    Returns normalised keys (see ``page_line_key``); a line whose key is in the set is dropped.
    """
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        nonblank = [line for line in lines if line.strip()]
        edges = nonblank[:edge] + nonblank[-edge:]
        counts.update({page_line_key(line) for line in edges if len(line) <= 100})
    need = max(3, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= need and key}


def page_line_key(line: str) -> str:
    """A line with its numbers blanked out, so "Page 3" and "Page 4" match."""
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))
