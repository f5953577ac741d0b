"""Cleaning: layout and OCR repairs that keep a map back to the original text."""

from tmtool.clean.cleaner import Cleaner, Paragraph, clean_text, normalise
from tmtool.clean.tracked import TrackedText

__all__ = ["Cleaner", "Paragraph", "TrackedText", "clean_text", "normalise"]
