"""Page layout: hard line breaks, blank lines, page breaks and hyphenation turned into paragraphs.

A paragraph is a list of source lines. Lines of one paragraph are joined with a space (or with
nothing where a word was hyphenated at the line end). A blank line or a page break ends a paragraph
unless the text clearly runs on ("... het Koninkrijk België, de" / "Franse Republiek, ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tmtool.clean import boilerplate
from tmtool.clean.hyphens import CONJUNCTIONS, Vocabulary, dehyphenate
from tmtool.clean.lexicon import Lexicon
from tmtool.clean.tracked import TrackedText

PAGE_BREAK = "\f"

#: A bullet at the start of a line: "- ", "-Werken", "• ", "* " (not "-, " nor "- ;").
BULLET = re.compile(r"^[-–—•·▪◦●■□∙*+](?=\s*[^\s,;.:!?)\]])\s*")
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
#: A line that starts with the second half of an elliptic compound: "-vervoerskosten".
_ELLIPTIC_START = re.compile(r"^-[^\W\d_]")


@dataclass
class Line:
    start: int
    end: int
    text: str


@dataclass
class Unit:
    """The lines of one paragraph.

    ``after_gap``: a blank line or page break came before it; ``after_break``: that gap held a
    page break or page furniture that was cut out (the text may run on across it).
    """

    lines: list[Line] = field(default_factory=list)
    after_gap: bool = False
    after_break: bool = False


@dataclass
class Layout:
    """The paragraphs of a text and the lines cut out of it as furniture or boilerplate."""

    units: list[Unit]
    removed: list[Line]


def paragraph_layout(t: TrackedText, lex: Lexicon) -> Layout:
    """Group the lines of a normalised text (see ``cleaner.normalise``) into paragraphs, cutting
    out page furniture (running headers and footers, page numbers) and web boilerplate."""
    lines = _split_lines(t.text)
    cut = _furniture(lines)
    blocks, removed = _blocks(lines, cut)
    kept_blocks: list[tuple[list[Line], bool]] = []
    carry_break = False
    for block, after_break in blocks:
        kept, dropped = _drop_boilerplate(block)
        removed.extend(dropped)
        if kept:
            kept_blocks.append((kept, after_break or carry_break))
            carry_break = False
        else:
            carry_break = True
    doc_wrap = _wrap_width([block for block, _ in kept_blocks])
    units: list[Unit] = []
    for block, after_break in kept_blocks:
        block_max = max(len(line.text) for line in block)
        for i, line in enumerate(block):
            if i == 0 or _starts_new_unit(block[i - 1].text, line.text, lex, doc_wrap, block_max):
                units.append(Unit([line], after_gap=i == 0, after_break=i == 0 and after_break))
            else:
                units[-1].lines.append(line)
    merged: list[Unit] = []
    for unit in units:
        if merged and (
            _is_marker_only(merged[-1])
            or (unit.after_gap and _continues(merged[-1], unit, lex, doc_wrap))
        ):
            merged[-1].lines.extend(unit.lines)
        else:
            merged.append(unit)
    removed.sort(key=lambda line: line.start)
    return Layout(merged, removed)


def unit_text(
    t: TrackedText, unit: Unit, lex: Lexicon, vocab: Vocabulary | None = None
) -> TrackedText:
    """The lines of ``unit`` joined into one line, undoing hyphenation at line ends."""
    pieces: list[TrackedText] = []
    separators: list[str] = []
    for k, line in enumerate(unit.lines):
        if k:
            cut, sep = join_lines(unit.lines[k - 1].text, line.text, lex, vocab)
            if cut:
                pieces[-1] = pieces[-1].slice(0, len(pieces[-1]) - cut)
            separators.append(sep)
        pieces.append(t.slice(line.start, line.end))
    return TrackedText.concat(pieces, separators)


def line_source_span(t: TrackedText, line: Line, source_length: int) -> tuple[int, int]:
    """The whole source stretch of ``line``: from the line break before it to the one after it,
    so that characters the normaliser deleted at its ends (BOM, control characters) belong to
    it."""
    start = t.source_span(line.start - 1, line.start)[1] if line.start > 0 else 0
    end = t.source_span(line.end, line.end + 1)[0] if line.end < len(t) else source_length
    return min(start, end), max(start, end)


def join_lines(
    left: str, right: str, lex: Lexicon, vocab: Vocabulary | None = None
) -> tuple[int, str]:
    """How to join two lines: (characters to cut from the end of ``left``, separator)."""
    if not re.search(r"\S-$", left) or not right[:1].strip():
        return 0, " "
    hyphen = re.search(r"([^\W\d_]+)-$", left)
    first = re.match(r"[^\W\d_]+", right)
    if not hyphen or not first:
        return 0, ""  # "2015-" + "2016", "CO2-" + "uitstoot": the hyphen stays
    decision = dehyphenate(hyphen.group(1), first.group(), lex, vocab)
    return {"join": (1, ""), "keep": (0, ""), "suspend": (0, " ")}[decision]


# --- lines and blocks ----------------------------------------------------------------------------


def _split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def _furniture(lines: list[Line]) -> set[int]:
    """Indices of page furniture: running heads and feet, page numbers."""
    texts = [line.text for line in lines]
    cut = boilerplate.running_furniture(texts)
    cut.update(i for i, text in enumerate(texts) if boilerplate.is_page_number(text))
    if PAGE_BREAK in texts:
        pages = boilerplate.split_pages(texts, PAGE_BREAK)
        repeated = boilerplate.repeated_page_lines([[texts[i] for i in page] for page in pages])
        cut.update(i for i, text in enumerate(texts) if boilerplate.furniture_key(text) in repeated)
    cut.update(boilerplate.page_edge_furniture(texts, cut, PAGE_BREAK))
    return cut


def _blocks(lines: list[Line], cut: set[int]) -> tuple[list[tuple[list[Line], bool]], list[Line]]:
    """Runs of non-blank lines, each with whether a page break or cut furniture came before it;
    and the cut lines. A cut line inside a run of lines does not end the run."""
    blocks: list[tuple[list[Line], bool]] = []
    removed: list[Line] = []
    current: list[Line] = []
    broken = starts_broken = False
    for i, line in enumerate(lines):
        if i in cut:
            removed.append(line)
            broken = True
        elif line.text == PAGE_BREAK or not line.text.strip():
            if current:
                blocks.append((current, starts_broken))
                current = []
            broken = broken or line.text == PAGE_BREAK
        else:
            if not current:
                starts_broken = broken
            broken = False
            current.append(line)
    if current:
        blocks.append((current, starts_broken))
    return blocks, removed


def _drop_boilerplate(block: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split off stamps, breadcrumbs (with their wrapped continuation), furniture and separators.

    Returns the kept lines (``block`` itself when nothing was dropped) and the dropped ones.
    """
    kept: list[Line] = []
    dropped: list[Line] = []
    in_stamp = False
    for line in block:
        text = line.text
        if boilerplate.is_stamp(text):
            in_stamp = True
            dropped.append(line)
            continue
        if in_stamp and text[:1].islower():
            dropped.append(line)
            continue
        in_stamp = False
        if boilerplate.is_boilerplate_line(text) or boilerplate.is_separator(text):
            dropped.append(line)
            continue
        kept.append(line)
    return (block if not dropped else kept), dropped


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
        return not (continues_elliptic(prev, cur) or _wrapped_dash(prev, cur, doc_wrap))
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


def continues_elliptic(prev: str, cur: str) -> bool:
    """Whether ``cur`` starts with the second half of an elliptic compound that ``prev`` began:
    "... de school- en" + "-vervoerskosten worden ..." (not a bullet)."""
    if not _ELLIPTIC_START.match(cur) or not cur[1:2].islower():
        return False
    last = _LAST_WORD.search(prev)
    return bool(last) and (last.group(1).lower() in CONJUNCTIONS or prev.endswith("-"))


def _wrapped_dash(prev: str, cur: str, doc_wrap: int | None) -> bool:
    """Whether ``cur`` starts with a dash inside a sentence, moved to the line start by wrapping:
    "... als iemand die wil blijven leven" + "- in de zin van ...", "... permettez" + "-moi".
    The dash is followed by a lower-case word, the line before is running text (not closed, not
    an item) on which the dash did not fit."""
    rest = cur[1:].lstrip()
    return (
        cur[:1] in "-–—"
        and rest[:1].islower()
        and not _CLOSED_OR_SEMICOLON.search(prev)
        and not BULLET.match(prev)
        and doc_wrap is not None
        and not _next_word_fits(prev, cur, doc_wrap)
    )


def _continues(prev: Unit, unit: Unit, lex: Lexicon, doc_wrap: int | None) -> bool:
    """Whether ``unit``, after a blank line or a page break, continues the paragraph ``prev``.

    A line that stands alone (a title, a caption, "Dear Sir,") with room left for the next word
    does not run on: wrapped text breaks only where the next word does not fit. Besides the clear
    cases of ``_runs_on`` (an elliptic compound, a lower-case start, a line that stops on a comma
    or a function word), a sentence runs on across a page break when the line before does not
    end like a sentence and is wrapped text: a line of at least 60% of the text width in a
    paragraph of several lines. Across a plain blank line that is not enough, since long wrapped
    headings end that way too: the paragraph must also hold a sentence end before (running text,
    not a heading) and the next word must not have fitted on the line.
    """
    last, first = prev.lines[-1].text, unit.lines[0].text
    if continues_elliptic(last, first):
        return True
    fits = _next_word_fits(last, first, doc_wrap)
    # in unwrapped text a page break may fall anywhere in a line: only a blank line tells there
    known_width = doc_wrap is not None or not unit.after_break
    if len(prev.lines) == 1 and fits and known_width and not _stops_mid_phrase(last, lex):
        return False
    if _runs_on(last, first, lex):
        return True
    if _CLOSED_OR_SEMICOLON.search(last) or BULLET.match(first) or NUMBERED.match(first):
        return False
    if doc_wrap is None or len(last) < 0.6 * doc_wrap or len(prev.lines) < 2:
        return False
    return unit.after_break or (not fits and _has_sentence_end(prev))


def _stops_mid_phrase(line: str, lex: Lexicon) -> bool:
    """A line that cannot end a title: it stops on a hyphen or an article ("... België, de")."""
    word = _LAST_WORD.search(line)
    return line.endswith("-") or (bool(word) and lex.is_article(word.group(1)))


def _next_word_fits(last: str, first: str, doc_wrap: int | None) -> bool:
    """Whether the first word of ``first`` would have fitted, with room to spare, on the line
    ``last`` (the usual width of an unwrapped line is taken as 80)."""
    word = first.split(maxsplit=1)[0] if first.strip() else ""
    return len(last) + 1 + len(word) <= 0.85 * (doc_wrap or 80)


def _has_sentence_end(unit: Unit) -> bool:
    """Whether a sentence ends inside the paragraph (". The", "? Yes"): running text."""
    text = " ".join(line.text for line in unit.lines)
    starts = re.finditer(r"[.!?][\"'”’»)]*\s+[\"'“‘«(]*([^\W\d_])", text)
    return any(start.group(1).isupper() for start in starts)


def _runs_on(last: str, first: str, lex: Lexicon) -> bool:
    """Whether the text after a blank line or page break continues the paragraph before it."""
    if BULLET.match(first) or NUMBERED.match(first) or _CLOSED.search(last):
        return False
    if first.lstrip("([")[:1].islower():
        return True  # "... chimiques" + "(principalement des ...": a bracket does not start one
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
