"""Language codes of the memory (``nl``) ↔ language tags of TMX files (``nl-BE``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from tmtool.errors import TmxError

#: tags written for the memory's languages unless overridden; other codes are written as they are
DEFAULT_LANG_TAGS: dict[str, str] = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}

#: the order languages take in multilingual files and default pair lists
PREFERRED_ORDER = ("nl", "fr", "en")

#: xs:language, the type xml:lang must have (``nl-BE``, not ``nl_BE``)
_XS_LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
_PRIMARY = re.compile(r"^[a-zA-Z]{2,3}$")


def is_language_tag(tag: str) -> bool:
    return bool(_XS_LANGUAGE.match(tag))


def resolve_tags(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Default tags updated with ``overrides``; every tag is checked to be a valid xml:lang."""
    tags = dict(DEFAULT_LANG_TAGS)
    tags.update(overrides or {})
    for code, tag in tags.items():
        if not is_language_tag(tag):
            raise TmxError(f"invalid language tag {tag!r} for {code} (use e.g. nl-BE, not nl_BE)")
    return tags


def tag_for(code: str, tags: Mapping[str, str]) -> str:
    tag = tags.get(code, code)
    if not is_language_tag(tag):
        raise TmxError(f"language {code!r} has no valid TMX tag; pass one with --lang-tag")
    return tag


def order_langs(langs: Iterable[str]) -> list[str]:
    """Dutch, French, English first, then the others alphabetically."""
    unique = list(dict.fromkeys(langs))
    known = [lang for lang in PREFERRED_ORDER if lang in unique]
    return known + sorted(lang for lang in unique if lang not in PREFERRED_ORDER)


class LanguageMapper:
    """Maps TMX tags to memory codes: an explicit map first, then the primary subtag.

    ``nl``, ``nl-NL``, ``NL-be`` and ``nl_BE`` all become ``nl``; with ``allowed``, other languages
    map to None (their variants are dropped on import).
    """

    def __init__(
        self, lang_map: Mapping[str, str] | None = None, allowed: Iterable[str] | None = None
    ) -> None:
        self.explicit = {
            tag.lower().replace("_", "-"): code for tag, code in (lang_map or {}).items()
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
        normal = tag.strip().lower().replace("_", "-")
        code = self.explicit.get(normal)
        if code is None:
            primary = normal.split("-", 1)[0]
            code = primary if _PRIMARY.match(primary) else None
        if code is None or (self.allowed is not None and code not in self.allowed):
            return None
        return code
