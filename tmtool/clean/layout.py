"""Page layout: hard line breaks, blank lines, page breaks and hyphenation turned into paragraphs.

A paragraph is a list of source lines. Lines of one paragraph are joined with a space (or with
nothing where a word was hyphenated at the line end). A blank line or a page break ends a paragraph
unless the text clearly runs on ("... het Koninkrijk België, de" / "Franse Republiek, ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tmtool.clean import boilerplate
from tmtool.clean.lexicon import Lexicon
from tmtool.clean.tracked import TrackedText

PAGE_BREAK = "\f"

#: A bullet at the start of a line: "- ", "-Werken", "• ", "* ".
BULLET = re.compile(r"^[-–—•·▪◦●■□∙*+](?=\s*\S)\s*")
#: A number or letter that starts a numbered heading or item: "1.", "2-", "3 -", "1.2", "a)", "(1)",
#: "1°", "IV.". It must be followed by a word, so "1 februari" and "25-26 april" are not markers.
NUMBERED = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*\s?[.)]|\d{1,3}°|\d{1,2}\s?[-–](?=\s)|\(\d{1,3}\)|\(?[a-z]\)"
    r"|[a-z]\.(?=\s)|\(?[IVX]{1,6}[.)](?=\s)|\([ivx]{1,6}\))\s*(?=[^\W\d_]|[\"'“‘«(\[])"
)
#: A line that holds only a heading number ("1.") whose title is on the next line.
MARKER_ONLY = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)°]|\(\d{1,3}\)|\(?[a-z]\)|[IVX]{1,6}\.)$")
#: The end of a sentence or a clause that introduces a list.
_CLOSED = re.compile(r"[.!?…:][\"'”’»)\]]*$")
_CLOSED_OR_SEMICOLON = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_OPEN_END = re.compile(r"[,\-–/(&+]$")
_LAST_WORD = re.compile(r"([^\W\d_]+)[\"'”’»)]*$")
_CONJUNCTIONS = frozenset({"en", "of", "et", "ou", "and", "or", "und", "oder", "sowie", "bzw"})
_VOWELS = set("aeiouyáéíóúàèìòùâêîôûäëïöü")


@dataclass
class Line:
    start: int
    end: int
    text: str


@dataclass
class Unit:
    """The lines of one paragraph; ``after_gap`` if a blank line or page break came before it."""

    lines: list[Line] = field(default_factory=list)
    after_gap: bool = False


def paragraph_units(t: TrackedText, lex: Lexicon) -> list[Unit]:
    """Group the lines of a normalised text (see ``cleaner.normalise``) into paragraphs."""
    lines = _split_lines(t.text)
    lines = _drop_running_heads(lines)
    blocks = _blocks(lines)
    blocks = [kept for block in blocks if (kept := _drop_boilerplate(block))]
    doc_wrap = _wrap_width(blocks)
    units: list[Unit] = []
    for block in blocks:
        block_max = max(len(line.text) for line in block)
        for i, line in enumerate(block):
            if i == 0 or _starts_new_unit(block[i - 1].text, line.text, lex, doc_wrap, block_max):
                units.append(Unit([line], after_gap=i == 0))
            else:
                units[-1].lines.append(line)
    merged: list[Unit] = []
    for unit in units:
        if merged and (
            _is_marker_only(merged[-1])
            or (unit.after_gap and _runs_on(merged[-1].lines[-1].text, unit.lines[0].text, lex))
        ):
            merged[-1].lines.extend(unit.lines)
        else:
            merged.append(unit)
    return merged


def unit_text(t: TrackedText, unit: Unit, lex: Lexicon) -> TrackedText:
    """The lines of ``unit`` joined into one line, undoing hyphenation at line ends."""
    pieces: list[TrackedText] = []
    separators: list[str] = []
    for k, line in enumerate(unit.lines):
        if k:
            cut, sep = join_lines(unit.lines[k - 1].text, line.text, lex)
            if cut:
                pieces[-1] = pieces[-1].slice(0, len(pieces[-1]) - cut)
            separators.append(sep)
        pieces.append(t.slice(line.start, line.end))
    return TrackedText.concat(pieces, separators)


def join_lines(left: str, right: str, lex: Lexicon) -> tuple[int, str]:
    """How to join two lines: (characters to cut from the end of ``left``, separator)."""
    hyphen = re.search(r"([^\W\d_]+)-$", left)
    first = re.match(r"[^\W\d_]+", right)
    if not hyphen or not first:
        return 0, " "
    if right[0].isupper():
        return 0, ""  # "Frans-" + "Belgische"
    decision = dehyphenate(hyphen.group(1), first.group(), lex)
    return {"join": (1, ""), "keep": (0, ""), "suspend": (0, " ")}[decision]


def dehyphenate(left: str, right: str, lex: Lexicon) -> str:
    """Decide what a line-end hyphen between ``left`` and ``right`` was.

    "join": a word broken across lines ("versterk-" + "en"); "keep": a compound written with a
    hyphen ("Schengen-" + "informatiesysteem", "informatie-" + "uitwisseling"); "suspend": a
    shortened compound before a conjunction ("veiligheids-" + "en inlichtingendiensten").
    """
    joined = left + right
    if lex.zipf(joined) >= 2.0:
        return "join"
    if right.lower() in _CONJUNCTIONS:
        return "suspend"
    if left[0].isupper():
        return "keep"
    clash = left[-1].lower() in _VOWELS and right[0].lower() in _VOWELS
    if not clash and lex.is_compound(joined):
        return "join"
    return "keep"


# --- lines and blocks ----------------------------------------------------------------------------


def _split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def _drop_running_heads(lines: list[Line]) -> list[Line]:
    """Remove page headers and footers that repeat on most pages."""
    if not any(line.text == PAGE_BREAK for line in lines):
        return lines
    pages: list[list[Line]] = [[]]
    for line in lines:
        if line.text == PAGE_BREAK:
            pages.append([])
        else:
            pages[-1].append(line)
    repeated = boilerplate.repeated_page_lines([[ln.text for ln in page] for page in pages])
    if not repeated:
        return lines
    return [line for line in lines if boilerplate.page_line_key(line.text) not in repeated]


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if not line.text.strip() or line.text == PAGE_BREAK:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]


def _drop_boilerplate(block: list[Line]) -> list[Line]:
    """Drop stamps, breadcrumbs (with their wrapped continuation), furniture and page numbers."""
    kept: list[Line] = []
    in_stamp = False
    for line in block:
        text = line.text
        if boilerplate.is_stamp(text):
            in_stamp = True
            continue
        if in_stamp and text[:1].islower():
            continue
        in_stamp = False
        if boilerplate.is_boilerplate_line(text) or boilerplate.is_separator(text):
            continue
        kept.append(line)
    return kept


def _wrap_width(blocks: list[list[Line]]) -> int | None:
    """The usual width of hard-wrapped lines, or None if the text is not hard-wrapped."""
    widths = sorted(len(line.text) for block in blocks for line in block[:-1])
    if len(widths) < 4:
        return None
    return widths[int(0.9 * (len(widths) - 1))]


# --- where paragraphs start and end --------------------------------------------------------------


def _starts_new_unit(
    prev: str, cur: str, lex: Lexicon, doc_wrap: int | None, block_max: int
) -> bool:
    if MARKER_ONLY.match(prev):
        return False
    if BULLET.match(cur):
        return True
    short = _is_short(prev, doc_wrap, block_max)
    if NUMBERED.match(cur) and (_CLOSED_OR_SEMICOLON.search(prev) or short):
        return True
    return (
        short
        and not _CLOSED_OR_SEMICOLON.search(prev)
        and not _open_ended(prev, lex)
        and _starts_upper(cur)
    )


def _is_short(line: str, doc_wrap: int | None, block_max: int) -> bool:
    """A line well short of the text width: a title or a date line rather than wrapped text."""
    if len(line) >= 0.6 * (doc_wrap or 80):
        return False
    return len(line.split()) <= 3 or len(line) < 0.6 * block_max


def _runs_on(last: str, first: str, lex: Lexicon) -> bool:
    """Whether the text after a blank line or page break continues the paragraph before it."""
    if BULLET.match(first) or NUMBERED.match(first) or _CLOSED.search(last):
        return False
    if first[:1].islower():
        return True
    return not last.endswith(";") and _open_ended(last, lex)


def _open_ended(line: str, lex: Lexicon) -> bool:
    """A line that stops mid-sentence: on a comma, a hyphen or a function word."""
    if _OPEN_END.search(line):
        return True
    word = _LAST_WORD.search(line)
    return bool(word) and word.group(1).islower() and lex.is_function_word(word.group(1))


def _starts_upper(line: str) -> bool:
    first = line.lstrip("\"'“‘«([")[:1]
    return first.isupper() or first.isdigit()


def _is_marker_only(unit: Unit) -> bool:
    return len(unit.lines) == 1 and bool(MARKER_ONLY.match(unit.lines[0].text))
