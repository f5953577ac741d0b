"""Cleaning: layout and OCR repairs that keep a map back to the original text."""

from tmtool.clean.cleaner import Cleaned, Cleaner, Paragraph, Removed, clean_text, normalise
from tmtool.clean.tracked import TrackedText

__all__ = [
    "Cleaned",
    "Cleaner",
    "Paragraph",
    "Removed",
    "TrackedText",
    "clean_text",
    "normalise",
]
