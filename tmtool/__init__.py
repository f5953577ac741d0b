"""tmtool: translation memory and multilingual sentence alignment for Belgian official texts."""

__version__ = "0.1.0"
