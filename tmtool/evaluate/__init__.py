"""Evaluate stage: score system alignments against gold bead files."""

from tmtool.evaluate.beads import (
    format_beads,
    parse_beads,
    read_beads,
    read_manifest,
    write_beads,
)
from tmtool.evaluate.score import Scores, exact_matches, score, score_documents

__all__ = [
    "Scores",
    "exact_matches",
    "format_beads",
    "parse_beads",
    "read_beads",
    "read_manifest",
    "score",
    "score_documents",
    "write_beads",
]
