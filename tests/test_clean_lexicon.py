"""The offline lexicon behind the OCR repairs."""

from __future__ import annotations

from python_support import run_python

from tmtool.clean.lexicon import Lexicon, has_lexicon, lexicon


def test_word_frequencies_work_without_network():
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network used')\n"
        "socket.socket = refuse\n"
        "socket.create_connection = refuse\n"
        "from tmtool.clean.lexicon import lexicon\n"
        "for lang, word in (('nl', 'gewelddadige'), ('fr', 'coopération'), ('en', 'cooperation'),"
        " ('de', 'Zusammenarbeit')):\n"
        "    assert lexicon(lang).zipf(word) > 3, (lang, word)\n"
    )
    run_python(code)


def test_zipf_values():
    nl = lexicon("nl")
    assert nl.zipf("België") > 4 > nl.zipf("Belgié")
    assert nl.zipf("Belgi&") == 0.0  # not a word shape
    assert nl.fragment_zipf("e") == 0.0 < nl.zipf("e")  # a lone letter is a fragment
    assert nl.fragment_zipf("u") > 5  # "u" is a Dutch word
    assert nl.is_function_word("de") and not nl.is_function_word("strijd")


def test_compounds():
    nl = lexicon("nl")
    assert nl.is_compound("meldingsprocedures")
    assert nl.is_compound("douanesamenwerking")
    assert not nl.is_compound("gewelddadigeprxcedures")
    assert not nl.is_compound("ddadige")
    assert not lexicon("fr").is_compound("coopérationpolicière")


def test_languages_without_a_lexicon():
    assert not has_lexicon("xx")
    lex = Lexicon("xx")
    assert not lex.available
    assert lex.zipf("anything") == 0.0
