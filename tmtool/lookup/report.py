"""The HTML report a translator opens in a browser: analysis, then each segment with its best
match, both scores and the word differences highlighted. Self-contained (inline CSS, no CDN)."""

from __future__ import annotations

import difflib
from html import escape
from importlib import resources
from string import Template

from tmtool.counts import counted
from tmtool.lookup.analysis import LABELS, ROWS, analyse, band
from tmtool.lookup.fuzzy import token_spans
from tmtool.lookup.matcher import LookupResult, Match


def word_diff(new: str, old: str) -> str:
    """``old`` as HTML with the words ``new`` lacks in ``<del>`` and ``new``'s own in ``<ins>``;
    everything else as ``old`` writes it (its spaces and punctuation, not tokens re-joined)."""
    old_spans, new_spans = token_spans(old), token_spans(new)
    a = [old[start:end] for start, end in old_spans]
    b = [new[start:end] for start, end in new_spans]
    out = []
    pos = 0  # how much of ``old`` is shown
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if i2 > i1:
            start, end = old_spans[i1][0], old_spans[i2 - 1][1]
            out.append(escape(old[pos:start]))
            piece = escape(old[start:end])
            out.append(piece if op == "equal" else f"<del>{piece}</del>")
            pos = end
        if op != "equal" and j2 > j1:
            inserted = f"<ins>{escape(new[new_spans[j1][0] : new_spans[j2 - 1][1]])}</ins>"
            out.append(f"{inserted} " if pos == 0 else f" {inserted}")
    out.append(escape(old[pos:]))
    return "".join(out)


def _analysis_table(result: LookupResult) -> str:
    analyses = [analyse(result, lang) for lang in result.target_langs]
    head = "".join(
        f"<th>{escape(a.lang)} segments</th><th>{escape(a.lang)} words</th>" for a in analyses
    )
    rows = [f"<tr><th>Band</th>{head}</tr>"]
    for row in ROWS:
        cells = "".join(
            f'<td class="num">{a.segments[row]}</td><td class="num">{a.words[row]}</td>'
            for a in analyses
        )
        rows.append(f'<tr class="band-{row.replace(" ", "-")}"><td>{LABELS[row]}</td>{cells}</tr>')
    totals = "".join(
        f'<td class="num">{a.total_segments}</td><td class="num">{a.total_words}</td>'
        for a in analyses
    )
    rows.append(f"<tr><th>Total</th>{totals}</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def _match_cells(text: str, match: Match | None, langs: list[str]) -> str:
    if match is None:
        return '<td class="meta">no match</td><td></td><td></td><td></td>'
    flags = ""
    if match.numbers:
        changed = ", ".join(f"{escape(old)} → {escape(new)}" for old, new in match.numbers)
        flags = f'<br><span class="flag">numbers replaced: {changed}</span>'
    targets = "<br>".join(
        f"<b>{escape(lang)}</b> {escape(match.targets[lang])}"
        for lang in langs
        if lang in match.targets
    )
    return (
        f"<td>{word_diff(text, match.source)}<br>"
        f'<span class="meta">{escape(match.origin)} · {escape(match.unit.status)}</span>'
        f"{flags}</td>"
        f"<td>{targets}</td>"
        f'<td class="num">{match.percent}%</td><td class="num">{match.semantic:.2f}</td>'
    )


def render_report(result: LookupResult, title: str) -> str:
    """The report as one HTML page."""
    first = result.target_langs[0]
    rows = []
    for segment in result.segments:
        best = segment.best(first) or next(
            (segment.best(lang) for lang in result.target_langs if segment.best(lang)), None
        )
        semantic = segment.by_semantic(first, 1)
        extra = ""
        if (
            semantic
            and best is not None
            and semantic[0] is not best
            and semantic[0].semantic > best.semantic
        ):
            extra = (
                f'<tr><td></td><td class="meta">closest in meaning</td>'
                f"{_match_cells(segment.text, semantic[0], result.target_langs)}</tr>"
            )
        row_band = band(segment, first).replace(" ", "-")
        rows.append(
            f'<tr class="band-{row_band}"><td class="num">{segment.index + 1}</td>'
            f"<td>{escape(segment.text)}</td>"
            f"{_match_cells(segment.text, best, result.target_langs)}</tr>" + extra
        )
    page = Template(resources.files("tmtool.lookup").joinpath("report.html").read_text("utf-8"))
    summary = (
        f"{counted(len(result.segments), 'segment')}, {result.source_lang} → "
        f"{', '.join(result.target_langs)}; encoder {result.encoder}"
    )
    return page.substitute(
        title=escape(title),
        summary=escape(summary),
        analysis=_analysis_table(result),
        rows="\n".join(rows),
    )
