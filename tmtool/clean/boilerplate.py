"""Lines that belong to the web page or the print layout, not to the declaration itself."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
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
    r"^(?:[-–—]\s*)?(?:(?:pagina|page|pag\.|p\.|blz\.?|bl\.|seite|s\.)\s*)?\d{1,4}"
    r"(?:\s*(?:/|van|of|de|sur|von)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
_FURNITURE_MAX = 100  # a running header or footer is one short line
_MIN_REPEATS = 3


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
    """Running headers and footers: lines found at the top or bottom of most pages (of both
    pages of a two-page text, when they carry a page number or date).

    Returns keys (see ``furniture_key``); a line whose key is in the set is dropped.
    """
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = _edges(lines, edge)
        counts.update({furniture_key(line) for line in edges if len(line) <= _FURNITURE_MAX})
    if len(pages) == 2:  # a changing number or date, or a page number on both pages' edges
        numbered = all(any(is_page_number(line) for line in _edges(page, edge)) for page in pages)
        return {
            key for key, n in counts.items() if n == 2 and (numbered or "#" in key or "@" in key)
        }
    need = max(3, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= need and key}


def _edges(lines: Sequence[str], edge: int) -> list[str]:
    """The first and last ``edge`` non-blank lines of a page."""
    nonblank = [line for line in lines if line.strip()]
    return nonblank[:edge] + nonblank[-edge:]


#: Month names (nl, fr, en, de) and their abbreviations: a running header may carry a date.
_MONTH = re.compile(
    r"\b(?:jan(?:uari|vier|uary|uar)?|feb(?:r(?:uari|uary|uar)?)?|f[ée]v(?:rier)?|maart|mars|march"
    r"|m[äa]rz|mrt|apr(?:il)?|avr(?:il)?|mei|mai|may|jun[ie]?|juin|jul[iy]?|juil(?:let)?"
    r"|aug(?:ustus|ust)?|ao[ûu]t|sept?(?:ember|embre)?|o[kc]t(?:ober|obre)?|nov(?:ember|embre)?"
    r"|de[cz](?:ember)?|d[ée]c(?:embre)?|dezember)\b\.?"
)


def furniture_key(line: str) -> str:
    """A line with its numbers and month names blanked out, so "Page 3" matches "Page 4" and
    "Brussel, 3 mei 2018" matches "Brussel, 4 juni 2018"."""
    key = _MONTH.sub("@", " ".join(line.lower().split()))
    return re.sub(r"\d+", "#", key)


def running_furniture(lines: Sequence[str]) -> set[int]:
    """Indices of running headers and footers in text without page-break marks.

    A running header repeats through the document at about the same distance each time (a page),
    and carries what changes from page to page: a page number or a date; or, when it does not
    change, it stands next to a page number each time. Short repeated lines at irregular
    distances (headings such as "Artikel 2", rows of a table) are content and are kept.
    """
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        text = line.strip()
        if text and len(text) <= _FURNITURE_MAX and re.search(r"[^\W\d_]", text):
            groups[furniture_key(text)].append(i)
    found: set[int] = set()
    for key, positions in groups.items():
        if len(positions) == 2 and _two_pages(key, [lines[i] for i in positions], positions):
            found.update(positions)
            continue
        if len(positions) < _MIN_REPEATS or not _at_page_distances(positions):
            continue
        changes = len({lines[i].strip().lower() for i in positions}) > 1 and (
            "#" in key or "@" in key
        )
        if changes or all(_next_to_page_number(lines, i) for i in positions):
            found.update(positions)
    return found


def _two_pages(key: str, texts: Sequence[str], positions: Sequence[int]) -> bool:
    """A header seen on two pages only: a line of three words or more whose number or date
    changes ("... Handelingen 1", "... Handelingen 2"), at least 20 lines apart."""
    return (
        ("#" in key or "@" in key)
        and len(re.findall(r"[^\W\d_]+", key)) >= 3
        and texts[0].strip().lower() != texts[1].strip().lower()
        and positions[1] - positions[0] >= 20
    )


def _at_page_distances(positions: Sequence[int]) -> bool:
    """Whether repeats are about a page apart: at least 10 lines, within a factor of 2.5."""
    gaps = sorted(b - a for a, b in itertools.pairwise(positions))
    median = gaps[len(gaps) // 2]
    return median >= 10 and gaps[0] >= 0.4 * median and gaps[-1] <= 2.5 * median


def split_pages(lines: Sequence[str], page_break: str = "\f") -> list[list[int]]:
    """The indices of the lines of each page, the page-break lines themselves left out."""
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line == page_break:
            pages.append([])
        else:
            pages[-1].append(i)
    return pages


#: A page number or date set off at either end of a header line: by a wide gap (a page-number
#: column) or by a spaced dash or bar ("Handelingen    1", "Annales — 4 janvier 2018").
_SET_OFF = r"(?:\s{3,}|\s+[-—–|]\s+)"
_SENTENCE_END = r"[.!?;:,][\"'”’»)\]]*$"


def page_edge_furniture(lines: Sequence[str], cut: set[int], page_break: str = "\f") -> set[int]:
    """Headers and footers that appear once, as on a one-page document, where nothing repeats.

    A page's outermost line (at the document's start or end, or next to a page break) is
    furniture when it is a short line that does not end like a sentence and either stands
    directly next to a page number ("Handelingen" over "- 1 -"), or carries, set off by a wide
    gap or a spaced dash, the page's own number ("Handelingen    1") or, in a paginated text
    (page numbers or page breaks seen), a date ("Annales — 4 janvier 2018", with "Page 1 sur 1"
    below). At the foot of a page such a line must also stand apart (a blank line above it),
    since the text's own last line may end on a date. A title keeps its place: "Hoofdstuk 1",
    "Article 3" or "Brussel, 4 mei 2018" have no gap or dash before the number or date, and a
    dated title is only taken for a header in a text that shows pages.
    """
    pages = [[i for i in page if lines[i].strip()] for page in split_pages(lines, page_break)]
    paginated = len(pages) > 1 or any(is_page_number(lines[i]) for i in cut)
    found: set[int] = set()
    for ordinal, page in enumerate(pages, start=1):
        if not page:
            continue
        for edge, inward in ((page[0], 1), (page[-1], -1)):
            text = lines[edge].strip()
            if edge in cut or not _header_shaped(text):
                continue
            beside = lines[edge + inward].strip() if 0 <= edge + inward < len(lines) else ""
            next_to_number = bool(beside) and is_page_number(beside)
            in_header_place = inward == 1 or not beside  # a footer stands apart from the text
            carries = _carries_page_number(text, ordinal) or (paginated and _carries_date(text))
            if next_to_number or (in_header_place and carries):
                found.add(edge)
    return found


def _header_shaped(text: str) -> bool:
    """A short line with letters that does not end like a sentence nor start in lower case."""
    return (
        0 < len(text) <= _FURNITURE_MAX
        and bool(re.search(r"[^\W\d_]", text))
        and not text[:1].islower()
        and not re.search(_SENTENCE_END, text)
    )


def _carries_page_number(text: str, ordinal: int) -> bool:
    found = re.fullmatch(rf"(\d{{1,4}}){_SET_OFF}\D.*|.*\D{_SET_OFF}(\d{{1,4}})", text)
    return bool(found) and int(found.group(1) or found.group(2)) == ordinal


def _carries_date(text: str) -> bool:
    """A date (a month name or a numeric date, with a year) set off at one end of the line, with
    at most a place name before it ("Brussel, 4 mei 2018 — ...", "... — 4 January 2018")."""
    for part in (re.split(_SET_OFF, text, maxsplit=1)[0], re.split(_SET_OFF, text)[-1]):
        if part == text or len(part.split()) > 5 or not re.search(r"\b\d{4}$", part):
            continue
        if _MONTH.search(part.lower()) or re.search(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b", part):
            return True
    return False


def _next_to_page_number(lines: Sequence[str], i: int) -> bool:
    """Whether a page number stands within two non-blank lines of line ``i``."""
    near = []
    for step in (-1, 1):
        j, seen = i + step, 0
        while 0 <= j < len(lines) and seen < 2:
            if lines[j].strip() and lines[j].strip() != "\f":
                near.append(lines[j])
                seen += 1
            j += step
    return any(is_page_number(line) for line in near)
