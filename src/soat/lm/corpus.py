"""The training corpora and the tokens the language model sees.

Two things live here, because the build and the run time must agree on them exactly:

* :func:`lm_sentences` turns any text into the sentences of tokens the language model is trained
  on and later scores: NFC; a sentence break at ``. ! ? ; : …``, brackets, quotes, every other
  punctuation mark or symbol except the comma, and newlines; words lower-cased and given the
  canonical tone-mark placement; numbers as ``<num>``; commas kept as ``,``. Start reading here.
* :func:`iter_documents` streams the xz-compressed JSON-lines corpora in ``SOAT_DATA_DIR``
  (see ``data/README.md`` there) and :func:`split_of` assigns each document, by a stable hash of
  its corpus and id, to ``train``, ``tune`` or ``heldout``. Only ``train`` documents feed the
  shipped statistics; the other two are kept for evaluation and tuning.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

import regex

from soat.errors import InputError

try:
    from soat.syllable.grammar import canonical as _canonical
except ImportError:  # the syllable grammar is optional while the package is being assembled
    _canonical = None

NUMBER_TOKEN = "<num>"
COMMA_TOKEN = ","
SPLITS = ("train", "tune", "heldout")

# Corpus name -> file name inside <data dir>/corpus/.
CORPUS_FILES = {
    "baomoi": "baomoi-2017.train.jsonl.xz",
    "viwiki": "viwiki-2017.train.jsonl.xz",
}

# The split rule, in words and in numbers; recorded in the model manifest.
SPLIT_RULE = (
    "bucket = int(sha1(f'{corpus}/{id}'.encode('utf-8')).hexdigest()[:8], 16) % 100; "
    "bucket 0-1 -> heldout, 2-3 -> tune, else train"
)
_HELDOUT_BUCKETS = range(0, 2)
_TUNE_BUCKETS = range(2, 4)

# One scan finds every piece of a text: a word, a number, a comma, or a sentence break. Words may
# join letters with an apostrophe or a hyphen (``rock'n'roll``, ``Bà Rịa-Vũng Tàu``); numbers
# keep their group and decimal separators, so ``12.000`` and ``3,5`` stay one token. Every other
# punctuation mark or symbol breaks the sentence, as do line breaks: the model learns clauses,
# and :mod:`soat.lm.segments` cuts a checked document at the same places.
_PIECES = regex.compile(
    r"([\p{L}\p{M}]+(?:['\-][\p{L}\p{M}]+)*)"
    r"|(\d+(?:[.,]\d+)*)"
    r"|(,)"
    r"|[^\s\p{L}\p{M}\p{N},]|[\n\r]"
)

# Zero-width characters and soft hyphens would split a word in two; they carry no text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# A Wikipedia section heading, e.g. ``== Tham khảo ==``; headings are not running text.
_HEADING = regex.compile(r"^[ \t]*=+[^\n]*=+[ \t]*$\n?", regex.MULTILINE)


class Document(NamedTuple):
    """One corpus document: which corpus, its id there, and its text (LF line ends)."""

    corpus: str
    id: str
    text: str


def _identity(word: str) -> str:
    return word


CANONICAL_NAME = (
    "soat.syllable.grammar.canonical" if _canonical is not None else "identity (grammar missing)"
)


@lru_cache(maxsize=1 << 20)
def lm_word(word: str) -> str:
    """The model's form of a word: lower case, canonical tone-mark placement."""
    lowered = word.lower()
    return (_canonical or _identity)(lowered)


def lm_sentences(text: str) -> Iterator[list[str]]:
    """Yield the sentences of ``text`` as lists of language-model tokens.

    >>> list(lm_sentences("Hoà bình, năm 2017. Ok"))
    [['hòa', 'bình', ',', 'năm', '<num>']]

    Sentences with fewer than two tokens (after trimming commas at the ends) are dropped.
    """
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    sentence: list[str] = []
    for word, number, comma in _PIECES.findall(text):
        if word:
            sentence.append(lm_word(word))
        elif number:
            sentence.append(NUMBER_TOKEN)
        elif comma:
            if sentence and sentence[-1] != COMMA_TOKEN:
                sentence.append(COMMA_TOKEN)
        else:
            if _finish(sentence):
                yield sentence
            sentence = []
    if _finish(sentence):
        yield sentence


def _finish(sentence: list[str]) -> bool:
    """Trim a trailing comma in place; tell whether the sentence is long enough to keep."""
    if sentence and sentence[-1] == COMMA_TOKEN:
        sentence.pop()
    return len(sentence) >= 2


def split_of(corpus: str, doc_id: str) -> str:
    """The split (``train``, ``tune`` or ``heldout``) a document belongs to, for ever.

    The rule is :data:`SPLIT_RULE`: about 2% heldout, 2% tune, 96% train.
    """
    digest = hashlib.sha1(f"{corpus}/{doc_id}".encode()).hexdigest()
    bucket = int(digest[:8], 16) % 100
    if bucket in _HELDOUT_BUCKETS:
        return "heldout"
    if bucket in _TUNE_BUCKETS:
        return "tune"
    return "train"


def data_dir() -> Path:
    """The shared data folder: ``$SOAT_DATA_DIR``, else ``../shared/data`` beside the repository,
    else ``/work/shared/data``."""
    env = os.environ.get("SOAT_DATA_DIR")
    if env:
        return Path(env)
    beside_repo = Path(__file__).resolve().parents[3].parent / "shared" / "data"
    for candidate in (beside_repo, Path("/work/shared/data")):
        if candidate.is_dir():
            return candidate
    raise InputError(
        "Không tìm thấy thư mục dữ liệu; hãy đặt biến SOAT_DATA_DIR.",
        "Data folder not found; set SOAT_DATA_DIR.",
    )


def corpus_path(corpus: str) -> Path:
    """The compressed file of a named corpus (``baomoi`` or ``viwiki``)."""
    if corpus not in CORPUS_FILES:
        raise InputError(f"Không có kho văn bản {corpus!r}.", f"Unknown corpus {corpus!r}.")
    path = data_dir() / "corpus" / CORPUS_FILES[corpus]
    if not path.is_file():
        raise InputError(f"Thiếu tệp {path}.", f"Missing corpus file {path}.")
    return path


def clean_text(corpus: str, text: str) -> str:
    """Unify line ends and drop Wikipedia section headings."""
    text = text.replace("\r\n", "\n")
    if corpus == "viwiki":
        text = _HEADING.sub("", text)
    return text


def read_documents(corpus: str, raw: BinaryIO, split: str | None = None) -> Iterator[Document]:
    """Yield the documents of one corpus from its open xz file, keeping only ``split`` if given."""
    with lzma.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            doc_id = str(record["id"])
            if split is not None and split_of(corpus, doc_id) != split:
                continue
            yield Document(corpus, doc_id, clean_text(corpus, record["text"]))


def iter_documents(
    split: str, corpora: tuple[str, ...] = ("baomoi", "viwiki")
) -> Iterator[Document]:
    """Yield ``(corpus, id, text)`` for every document of ``split`` in the named corpora."""
    if split not in SPLITS:
        raise InputError(f"Không có phần {split!r}.", f"Unknown split {split!r}.")
    for corpus in corpora:
        with corpus_path(corpus).open("rb") as raw:
            yield from read_documents(corpus, raw, split)
