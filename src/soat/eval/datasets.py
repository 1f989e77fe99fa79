"""The texts soat is scored on: labelled spelling sets and the news set aside from training.

* :func:`read_labelled` reads a set in the Viwiki-spelling format (one JSON object a line:
  ``text`` and ``mistakes``, each ``{"text", "start_offset", "suggest"}`` with the offset a
  code-point index given as a string), the shared development set by default
  (:func:`default_dev_set`); :func:`write_labelled` writes one (the synthetic sets).
* :func:`heldout_news` yields clean edited news that no model saw (the ``heldout`` split of the
  baomoi corpus, see :mod:`soat.lm.corpus`); :func:`news_of_size` gathers at least N megabytes
  of it; :func:`tune_documents` yields the ``tune`` split, the text synthetic slips go into.

Start at :class:`LabelledDocument`.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from soat.errors import InputError
from soat.eval.metrics import Mistake
from soat.eval.synthetic import SyntheticDocument, slip_kind
from soat.lm.corpus import Document, data_dir, iter_documents

DEV_SET = Path("dev") / "viwiki-spelling.dev.jsonl"


@dataclass(frozen=True)
class LabelledDocument:
    """A text and its labelled mistakes; ``misaligned`` counts labels that did not match the
    text at their offset (they are left out of ``mistakes``)."""

    id: str
    text: str
    mistakes: tuple[Mistake, ...]
    misaligned: int = 0


def default_dev_set() -> Path:
    """The shared Viwiki-spelling development set."""
    return data_dir() / DEV_SET


def _mistake(record: dict) -> Mistake:
    suggest = record.get("suggest") or []
    if isinstance(suggest, str):
        suggest = [suggest]
    written = str(record["text"])
    kind = record.get("kind") or (slip_kind(written, suggest[0]) if suggest else "other")
    return Mistake(int(record["start_offset"]), written, tuple(str(s) for s in suggest), kind)


def parse_labelled(line: str, where: str) -> LabelledDocument:
    """One line of a labelled set; ``where`` names it in error messages."""
    try:
        record = json.loads(line)
        text = record["text"]
        found = [_mistake(m) for m in record.get("mistakes", [])]
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(
            f"{where}: không đọc được dòng dữ liệu có nhãn ({error}).",
            f"{where}: not a labelled record ({error}).",
        ) from None
    good = tuple(m for m in found if text[m.start : m.end] == m.text)
    doc_id = str(record.get("_id", record.get("id", where)))
    return LabelledDocument(doc_id, text, good, len(found) - len(good))


def read_labelled(path: str | Path) -> list[LabelledDocument]:
    """Every document of a labelled set in the Viwiki-spelling format."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Không có tệp {path}.", f"No such file: {path}.")
    documents = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                documents.append(parse_labelled(line, f"{path}:{number}"))
    return documents


def write_labelled(documents: Iterable[SyntheticDocument], out: str | None) -> int:
    """Write ``documents`` as JSON lines to ``out`` (a path, or stdout for None or ``-``);
    return how many mistakes were written."""
    stream = sys.stdout if out in (None, "-") else open(out, "w", encoding="utf-8")  # noqa: SIM115
    written = 0
    try:
        for document in documents:
            stream.write(json.dumps(document.to_json(), ensure_ascii=False) + "\n")
            written += len(document.mistakes)
    finally:
        if stream is not sys.stdout:
            stream.close()
    return written


def heldout_news(limit: int | None = None) -> Iterator[Document]:
    """Edited news no model was trained on: the baomoi ``heldout`` split, in corpus order."""
    return itertools.islice(iter_documents("heldout", corpora=("baomoi",)), limit)


def news_of_size(megabytes: float) -> list[Document]:
    """Heldout news documents adding up to at least ``megabytes`` of UTF-8 (all there is, if
    the split is smaller)."""
    wanted = int(megabytes * 1_000_000)
    gathered: list[Document] = []
    size = 0
    for document in heldout_news():
        gathered.append(document)
        size += len(document.text.encode("utf-8")) + 1
        if size >= wanted:
            break
    return gathered


def tune_documents(limit: int, corpora: tuple[str, ...] = ("baomoi", "viwiki")) -> list[Document]:
    """``limit`` documents of the ``tune`` split, taken in turn from each corpus."""
    streams = [iter_documents("tune", corpora=(corpus,)) for corpus in corpora]
    chosen: list[Document] = []
    while streams and len(chosen) < limit:
        for stream in list(streams):
            document = next(stream, None)
            if document is None:
                streams.remove(stream)
            elif len(chosen) < limit:
                chosen.append(document)
    return chosen


def whitespace_tokens(text: str) -> int:
    """How many whitespace-separated tokens ``text`` has (the unit of the false-alarm rate)."""
    return len(text.split())
