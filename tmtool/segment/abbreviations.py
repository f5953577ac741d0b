"""Abbreviations after which a full stop does not end a sentence (Belgian and EU official usage).

Entries are written without their final full stop. Lower-case entries match in any case ("Art."
matches "art"); entries in ``CASE_SENSITIVE`` match only as written ("M." is "Monsieur", while a
sentence may well end on "m."). Dotted forms ("o.a", "m.b.t", "e.g") are also recognised by
their shape, so the lists need not be complete for them.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """Split a space-separated word list."""
    return text.split()


_COMMON = _words("etc e.g i.e cf cfr ca vs viz ibid cit resp approx dr prof st")

ABBREVIATIONS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        _COMMON
        + _words(
            "artt nr nrs blz bl o.a m.b.t m.a.w d.w.z bijv bv b.v b.v.b dhr mevr mr mej drs ir "
            "lic kol k.b kb m.b b.s b.w w.b enz e.a e.v t.a.v t.o.v i.v.m i.p.v m.i.v m.u.v v.w.b "
            "n.a.v o.m a.s j.l jl v.h zgn z.g z.o.z vgl par hfdst hoofdst afd bijl pag tel sr jr "
            "gew ong incl excl evt plm vnl"
        )
    ),
    "fr": frozenset(
        _COMMON
        + _words(
            "ex c.-à-d c-à-d chap éd env tél av bd boul réf sq ss cass a.r m.b av.-proj doc parl "
            "sén ch repr adm gén"
        )
    ),
    "en": frozenset(
        _COMMON
        + _words(
            "mr mrs ms jr sr fig figs vols para paras sec ch eds dept govt inc ltd co corp col lt "
            "sgt capt rev hon u.s u.k a.m p.m ref"
        )
    ),
    "de": frozenset(
        _COMMON
        + _words(
            "z.b d.h u.a usw bzw ggf vgl nr abs hr fr evtl inkl bzgl sog jh str u.s.w z.t i.d.r "
            "mio mrd tel ziff lit kap hrsg"
        )
    ),
}

#: Only as written: titles and capitalised forms that are also ordinary words in lower case.
CASE_SENSITIVE: dict[str, frozenset[str]] = {
    "nl": frozenset({"K.B", "B.S", "M", "Mme"}),
    "fr": frozenset(
        {"M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Pr", "St", "Ste"}
    ),
    "en": frozenset({"Mr", "Mrs", "Ms", "Dr", "St"}),
    "de": frozenset({"Nr", "Dr", "Prof", "St"}),
}

#: Abbreviations only when a number follows: "art. 5", "No. 5", "al. 2", "p. 12" (else they are
#: words that may end a sentence: "The answer is no.", "C'est de l'art.").
BEFORE_NUMBER: frozenset[str] = frozenset(
    {"art", "arts", "no", "nos", "n", "p", "pp", "al", "vol", "s", "ed"}
)

#: Month abbreviations: abbreviations in lower case or before a number ("15 jan. 2018", "Jan. 15"),
#: but "Jan." may be a name at the end of a sentence.
MONTHS: frozenset[str] = frozenset(
    _words(
        "jan feb febr mrt apr jun jul aug sep sept okt oct nov dec janv févr fév avr juil déc mar"
    )
)

#: Abbreviations that may also end a sentence: a capital after them starts a new one.
SENTENCE_FINAL: frozenset[str] = frozenset({"etc", "enz", "usw", "e.a", "e.v"})

#: Languages that write ordinal numbers with a full stop ("am 3. Oktober").
ORDINAL_DOT_LANGS: frozenset[str] = frozenset(
    {"de", "da", "nb", "no", "fi", "is", "hu", "cs", "sk", "sl", "hr", "sr", "pl", "et", "lv", "tr"}
)


_GENERIC = frozenset([*_COMMON, "nr"])


def abbreviations(lang: str) -> frozenset[str]:
    """The lower-case abbreviations for ``lang`` (the shared Latin ones for other languages)."""
    return ABBREVIATIONS.get(lang, _GENERIC)


def case_sensitive(lang: str) -> frozenset[str]:
    return CASE_SENSITIVE.get(lang, frozenset({"Dr", "St", "Nr", "No"}))
