"""Language codes of the memory (``nl``) ↔ language tags of TMX files (``nl-BE``).

The one rule for both: a memory code is a tag's primary subtag in lower case (``language_code``);
a tag written to a file must be a valid xml:lang (``is_language_tag``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from tmtool.errors import InputError

#: tags written for the memory's languages unless overridden; other codes are written as they are
DEFAULT_LANG_TAGS: dict[str, str] = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}

#: the order languages take in multilingual files and default pair lists
PREFERRED_ORDER = ("nl", "fr", "en")

#: xs:language, the type xml:lang must have (``nl-BE``, not ``nl_BE``)
_XS_LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
_PRIMARY = re.compile(r"[a-z]{2,3}")
_SUBTAG_SEPARATOR = re.compile(r"[-_]")


def language_code(tag: str) -> str | None:
    """The memory code of a language tag or code: ``NL``, ``nl-BE`` and ``nl_BE`` all give ``nl``;
    None when the primary subtag is not two or three letters."""
    primary = _SUBTAG_SEPARATOR.split(tag.strip().lower(), maxsplit=1)[0]
    return primary if _PRIMARY.fullmatch(primary) else None


def normalise_lang(lang: str) -> str:
    """``language_code`` of a language the user named; ``InputError`` for something that is no
    code."""
    code = language_code(lang)
    if code is None:
        raise InputError(f"{lang!r} is not a language code (use nl, fr, en, ...)")
    return code


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` may stand in xml:lang (xs:language)."""
    return bool(_XS_LANGUAGE.match(tag))


def resolve_tags(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Default tags updated with ``overrides`` (their codes read as ``normalise_lang`` does:
    ``EN=en-US`` sets ``en``); every tag is checked to be a valid xml:lang (else ``InputError``:
    a bad option value, a usage error)."""
    tags = dict(DEFAULT_LANG_TAGS)
    tags.update({normalise_lang(code): tag for code, tag in (overrides or {}).items()})
    for code, tag in tags.items():
        if not is_language_tag(tag):
            raise InputError(f"invalid language tag {tag!r} for {code} (use e.g. nl-BE, not nl_BE)")
    return tags


def tag_for(code: str, tags: Mapping[str, str]) -> str:
    tag = tags.get(code, code)
    if not is_language_tag(tag):
        raise InputError(f"language {code!r} has no valid TMX tag; pass one with --lang-tag")
    return tag


def order_langs(langs: Iterable[str]) -> list[str]:
    """Dutch, French, English first, then the others alphabetically."""
    unique = list(dict.fromkeys(langs))
    known = [lang for lang in PREFERRED_ORDER if lang in unique]
    return known + sorted(lang for lang in unique if lang not in PREFERRED_ORDER)


class LanguageMapper:
    """Maps TMX tags to memory codes: an explicit map first, then the primary subtag.

    ``nl``, ``nl-NL``, ``NL-be`` and ``nl_BE`` all become ``nl``; with ``allowed``, other languages
    map to None (their variants are dropped on import). The map's codes are normalised as a
    document's language is (``InputError`` for something that is no code).
    """

    def __init__(
        self, lang_map: Mapping[str, str] | None = None, allowed: Iterable[str] | None = None
    ) -> None:
        self.explicit = {
            tag.lower().replace("_", "-"): normalise_lang(code)
            for tag, code in (lang_map or {}).items()
        }
        self.allowed = set(allowed) if allowed is not None else None
        self._cache: dict[str, str | None] = {}

    def __call__(self, tag: str | None) -> str | None:
        if not tag:
            return None
        if tag not in self._cache:
            self._cache[tag] = self._map(tag)
        return self._cache[tag]

    def _map(self, tag: str) -> str | None:
        code = self.explicit.get(tag.strip().lower().replace("_", "-"))
        if code is None:
            code = language_code(tag)
        if code is None or (self.allowed is not None and code not in self.allowed):
            return None
        return code
