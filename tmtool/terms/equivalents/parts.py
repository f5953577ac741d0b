"""A term's parts and the terms around it: compound heads, content words, longer terms."""

from __future__ import annotations

from collections import defaultdict

from tmtool.terms.corpus import Side, Vocabulary
from tmtool.terms.equivalents.association import Found, Key, units_holding
from tmtool.terms.text import MIN_HEAD_CHARS, head_cuts

#: languages that write compounds as one word: a single-word term there also heads compounds
#: (``with_compounds``), and a compound's head is one of its parts (``term_parts``)
COMPOUNDING = frozenset(
    {"nl", "de", "lb", "af", "fy", "sv", "da", "no", "nb", "nn", "is", "hu", "fi", "et"}
)
#: what may join a compound's first part to its head (``begroting-s-commissie``,
#: ``Chagaran-Gletscher``): left out when the first part is looked up (``compound_modifiers``)
LINKS = ("s", "-")
#: a one-word term standing alone in at least this many units keeps a rendering learned with
#: its compounds only when one of those units holds it (``unattested_heads``)
ALONE_UNITS = 2


def compound_heads(vocab: Vocabulary, heads: set[int]) -> dict[int, int]:
    """lemma id → the longest of ``heads`` (single-word terms) that ends it as a compound head,
    in a language that writes compounds as one word (``COMPOUNDING``): ``begrotingscommissie``
    → ``commissie``, ``felswand`` → ``wand`` (``text.head_cuts``: ``Bern`` is not the head of
    ``Abbern``)."""
    if vocab.lang.code not in COMPOUNDING:
        return {}
    by_text = {vocab.lemmas[i]: i for i in heads if len(vocab.lemmas[i]) >= MIN_HEAD_CHARS}
    out: dict[int, int] = {}
    for lemma_id, word in enumerate(vocab.lemmas):
        for cut in head_cuts(word):
            head = by_text.get(word[cut:])
            if head is not None:
                out[lemma_id] = head
                break
    return out


def compound_modifiers(vocab: Vocabulary, singles: set[int]) -> dict[int, list[int]]:
    """lemma id of a single-word term → the single-word terms that start it as a compound's
    first part, its modifier, in a language that writes compounds as one word
    (``COMPOUNDING``): ``pensioenlast`` → ``pensioen``, ``kalverenvoer`` → ``kalf`` (written
    ``kalveren`` there), ``begrotingscommissie`` → ``begroting`` (``LINKS``). The cuts are
    ``text.head_cuts``'s: the rest is as long as a compound head."""
    if vocab.lang.code not in COMPOUNDING:
        return {}
    by_text = {vocab.lemmas[i]: i for i in singles}
    for surface, surface_id in vocab.surface_ids.items():
        lemma_id = vocab.lemma_of[surface_id]
        if lemma_id in singles:
            by_text.setdefault(surface.lower(), lemma_id)
    out: dict[int, list[int]] = {}
    for lemma_id in singles:
        word = vocab.lemmas[lemma_id]
        found: list[int] = []
        for cut in head_cuts(word):
            first = word[:cut]
            for text in (first, first[:-1] if first.endswith(LINKS) else ""):
                part = by_text.get(text) if len(text) >= MIN_HEAD_CHARS - 1 else None
                if part is not None and part != lemma_id and part not in found:
                    found.append(part)
        if found:
            out[lemma_id] = found
    return out


def term_parts(
    vocab: Vocabulary, terms: list[Key], heads: dict[int, int] | None = None
) -> dict[Key, list[Key]]:
    """For each term, the single-word terms it is made of: the content words of a multi-word
    term (``britische``, ``Expedition``) and the head of a compound (``compound_heads``:
    ``commissie`` of ``Begrotingscommissie``, ``Gletscher`` of ``Chagaran-Gletscher``)."""
    singles = {key[0] for key in terms if len(key) == 1}
    if heads is None:
        heads = compound_heads(vocab, singles)
    out: dict[Key, list[Key]] = {}
    for key in terms:
        if len(key) > 1:
            found = [(i,) for i in dict.fromkeys(key) if i in singles]
        else:
            found = [(heads[key[0]],)] if key[0] in heads else []
        if found:
            out[key] = found
    return out


def with_compounds(
    side: Side, postings: dict[Key, list[int]], heads: dict[int, int]
) -> dict[Key, list[int]]:
    """Each single-word term's units plus those of the compounds it heads (``Wand`` with
    ``Felswand``, ``Kalkwand``), to learn its rendering from: the compounds' translations use
    it (``paroi rocheuse``, ``paroi calcaire``), and leaving them out makes the rendering look
    like the translation of other words (``paroi`` in 29 units against ``Wand``'s 13)."""
    by_head: dict[int, set[int]] = defaultdict(set)
    wanted = {key[0] for key in postings if len(key) == 1}
    compounds = {lemma: head for lemma, head in heads.items() if head in wanted}
    if compounds:
        for unit in range(side.size):
            for lemma in side.lemma_ids(unit):
                head = compounds.get(lemma)
                if head is not None:
                    by_head[head].add(unit)
    out = {}
    for key, units in postings.items():
        extra = by_head.get(key[0]) if len(key) == 1 else None
        out[key] = sorted(extra.union(units)) if extra else units
    return out


def unattested_heads(
    side: Side,
    renderings: dict[Key, list[Found]],
    learning: dict[Key, list[int]],
    postings: dict[Key, list[int]],
    own_samples: dict[Key, list[int]],
) -> set[Key]:
    """The one-word terms that learned their rendering with the compounds they head
    (``with_compounds``: ``learning`` holds more units than ``postings``) and stand alone in
    at least ``ALONE_UNITS`` sampled units (``own_samples``) with a text in ``side``'s language,
    none of which holds that rendering (a unit without one, untranslated or left out for its
    low confidence, shows nothing against it): ``gebied`` → ``territoire``, learned from
    ``grondgebied``, where ``gebied`` alone is ``zone`` or left unsaid; ``gelegenheid`` →
    ``emploi``, learned from
    ``werkgelegenheid``, where ``gelegenheid`` alone is ``occasion``. The modifier of a compound may
    change what its head is rendered by (``grond`` + ``gebied`` is one French word), so the
    compounds' rendering is the head's only when the memory shows it where the head stands
    alone too. ``learn_renderings`` drops the rest rather than learning again from the head's
    own units: there are few of them, and a neighbour's rendering stands in them as often
    (``pénale`` of ``strafrechtelijk gebied``, bench/RESULTS.md, branch t20h)."""
    out: set[Key] = set()
    for key, found in renderings.items():
        own = [unit for unit in own_samples[key] if side.length(unit)]
        if (
            len(key) == 1
            and len(learning[key]) > len(postings[key])
            and len(own) >= ALONE_UNITS
            and units_holding(side, found[0].key, own) == 0
        ):
            out.add(key)
    return out


def super_terms(terms: list[Key]) -> dict[Key, list[Key]]:
    """For each term, the longer terms that contain it."""
    known = set(terms)
    out: dict[Key, list[Key]] = {key: [] for key in terms}
    for key in terms:
        for size in range(1, len(key)):
            for start in range(len(key) - size + 1):
                sub = key[start : start + size]
                if sub in known:
                    out[sub].append(key)
    return out
