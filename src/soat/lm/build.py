"""``soat-build``: build the shipped statistics, language model and word tables.

``soat-build model`` builds everything below; ``soat-build tables`` only the tables of step 5,
which need no corpora; ``soat-build topic`` only the table of step 4b.

The build is one pass over the ``train`` split of the shared corpora (see :mod:`soat.lm.corpus`)
followed by KenLM's offline tools, compiled from the kenlm 0.3.0 sdist by ``make kenlm-tools``:

1. every document is read once; its :func:`~soat.lm.corpus.lm_sentences` are written, one a
   line, to a training text and counted token by token;
2. ``unigrams.tsv.gz``: a ``# tokens<TAB>N`` header line, then ``token<TAB>count`` for every
   token seen at least :data:`MIN_UNIGRAM_COUNT` times, by descending count then token;
3. ``lmplz`` estimates a modified Kneser-Ney n-gram model (singleton n-grams above unigrams
   pruned), ``build_binary`` turns it into a quantized trie, ``lm.binary``;
4. the model is scored on the ``tune`` split (perplexity, out-of-vocabulary rate) as a sanity
   check, and ``manifest.json`` records inputs, rule, counts, commands and artefact hashes;
4b. ``topic.bin.gz``: what passages are about (:mod:`soat.lm.topic`), from the same training
   text; ``soat-build topic`` rebuilds it alone, and the manifest records it under ``topic``;
4c. ``labels.tsv``: how one-word clauses before ``:`` or ``)`` are spelt (``Ảnh:``, ``(Anh)``;
   :mod:`soat.lm.labels`), counted in the same pass as the unigrams, recorded under ``labels``;
5. the run-time tables (:func:`build_tables`): ``syllables.txt.gz``, every well-formed syllable
   as :mod:`soat.syllable.grammar` enumerates them, stamped with its source's hash, so that
   starting soat need not enumerate them again; ``english.txt.gz`` and
   ``other-languages.txt.gz``, the word lists of the installed wordfreq that the foreign-word
   rule uses (:func:`build_foreign`), so that checking never loads wordfreq. ``manifest.json``
   records them under ``syllables`` and ``foreign_words``.

Same inputs give the same bytes: nothing depends on dates, paths or dictionary order, and
gzip is written with ``mtime=0``. Every artefact is written to a temporary file beside it and
then renamed over it (:func:`replacing`), so a process that has the old one open or
memory-mapped (``lm.binary``) keeps reading the old bytes and never sees half a file.
Start reading at :func:`build_model`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from soat.errors import ModelError, SoatError, UsageError
from soat.lm import corpus
from soat.lm.corpus import CORPUS_FILES, lm_sentences, read_documents, split_of
from soat.lm.labels import LABEL_TABLE, MARKS, count_labels, write_labels
from soat.lm.labels import MIN_COUNT as LABEL_MIN_COUNT
from soat.lm.labels import MIN_SHARE as LABEL_MIN_SHARE
from soat.lm.topic import TOPIC_TABLE
from soat.rules.foreign import (
    ASCII_WORD,
    ENGLISH_TABLE,
    OTHER_LANGUAGES,
    OTHER_TABLE,
    english_zipf,
)
from soat.syllable import grammar

KENLM_VERSION = "0.3.0"
MIN_UNIGRAM_COUNT = 2
# Measured on the tune split (perplexity; share of 38k one-slot diacritic choices the model gets
# right) against size: order 3 pruning bigram and trigram singletons (0 1 1) gives 18.7 MiB,
# 55.9, 97.17%; keeping singleton bigrams (0 0 1) 24.4 MiB, 55.1, 97.33%; order 4 (0 1 1 1)
# 33.7 MiB, 46.6, 97.30%; pruning trigrams seen twice (0 1 2) 15.0 MiB, 58.5, 97.04%. The
# decoders assume a trigram, and 0 0 1 is as good as order 4 at the task for 3/4 of the size.
DEFAULT_ORDER = 3
DEFAULT_PRUNE = (0, 0, 1)
# 8-bit quantized probabilities and backoffs in a trie with compressed pointers (-a): the
# smallest of KenLM's formats (-a saves 13% here; larger values than 22 save nothing more).
BUILD_BINARY_ARGS = ("-q", "8", "-b", "8", "-a", "22", "trie")
SIZE_LIMIT = 40 * 1024 * 1024
MANIFEST = "manifest.json"
# How many of English's commonest words the English table keeps in order, whatever their
# spelling (soat.rules.foreign.english_words).
TOP_ENGLISH_WORDS = 30_000

_REPO = Path(__file__).resolve().parents[3]
_PACKAGE_DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass
class CorpusStats:
    """What one pass over the corpora saw."""

    documents: dict[str, dict[str, int]] = field(default_factory=dict)
    sentences: int = 0
    tokens: int = 0
    unigrams: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    tune_sentences: int = 0


@dataclass(frozen=True)
class BuildConfig:
    """Everything that decides what the build produces."""

    out_dir: Path
    work_dir: Path
    tools: Path
    order: int = DEFAULT_ORDER
    prune: tuple[int, ...] = DEFAULT_PRUNE
    corpora: tuple[str, ...] = tuple(CORPUS_FILES)
    keep_work: bool = False


def find_tools() -> Path:
    """The folder holding ``lmplz`` and ``build_binary``: ``$KENLM_BIN``, the repository's
    ``.cache/kenlm/bin`` (``make kenlm-tools``), or the ``PATH``."""
    candidates = [os.environ.get("KENLM_BIN"), str(_REPO / ".cache" / "kenlm" / "bin")]
    found = shutil.which("lmplz")
    if found:
        candidates.append(str(Path(found).parent))
    for candidate in filter(None, candidates):
        folder = Path(candidate)
        if (folder / "lmplz").is_file() and (folder / "build_binary").is_file():
            return folder
    raise UsageError(
        "Không tìm thấy lmplz và build_binary; hãy chạy `make kenlm-tools`.",
        "lmplz and build_binary not found; run `make kenlm-tools` (or set KENLM_BIN).",
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_record(path: Path, name: str) -> dict:
    return {"file": name, "size": path.stat().st_size, "sha256": sha256_of(path)}


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``; renamed over ``path`` when the block succeeds.

    The rename is atomic: readers see the old file or the new one, and a process that has the
    old one memory-mapped keeps its pages (rewriting in place crashed such a process).
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_gzip(path: Path, text: str) -> None:
    """Write ``text`` gzip-compressed, the same bytes for the same text (no name, no time)."""
    with (
        replacing(path) as temporary,
        temporary.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as stream,
    ):
        stream.write(text.encode("utf-8"))


def write_manifest(out: Path, manifest: dict) -> None:
    with replacing(out / MANIFEST) as temporary:
        temporary.write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def read_corpora(config: BuildConfig, train_text: Path, tune_text: Path, console: Console):
    """One pass: write train sentences (and tune sentences for the check), count train tokens."""
    stats = CorpusStats()
    paths = {name: corpus.corpus_path(name) for name in config.corpora}
    total_bytes = sum(path.stat().st_size for path in paths.values())
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[documents]:>7,} documents"),
        TextColumn("{task.fields[tokens]:>11,} tokens"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with (
        train_text.open("w", encoding="utf-8", newline="\n") as train,
        tune_text.open("w", encoding="utf-8", newline="\n") as tune,
        Progress(*columns, console=console) as progress,
    ):
        task = progress.add_task("corpora", total=total_bytes, documents=0, tokens=0)
        done_bytes = 0
        for name, path in paths.items():
            counts = stats.documents.setdefault(name, dict.fromkeys(corpus.SPLITS, 0))
            progress.update(task, description=name)
            with path.open("rb") as raw:
                for document in read_documents(name, raw):
                    split = split_of(name, document.id)
                    counts[split] += 1
                    if split == "train":
                        _add_train(document.text, train, stats)
                    elif split == "tune":
                        _add_tune(document.text, tune, stats)
                    progress.update(
                        task,
                        completed=done_bytes + raw.tell(),
                        documents=sum(sum(c.values()) for c in stats.documents.values()),
                        tokens=stats.tokens,
                    )
            done_bytes += path.stat().st_size
        progress.update(task, completed=total_bytes)
    return stats


def _add_train(text: str, out, stats: CorpusStats) -> None:
    count_labels(text, stats.labels)
    for sentence in lm_sentences(text):
        out.write(" ".join(sentence))
        out.write("\n")
        stats.unigrams.update(sentence)
        stats.sentences += 1
        stats.tokens += len(sentence)


def _add_tune(text: str, out, stats: CorpusStats) -> None:
    for sentence in lm_sentences(text):
        out.write(" ".join(sentence))
        out.write("\n")
        stats.tune_sentences += 1


def write_unigrams(counts: Counter, total: int, path: Path) -> int:
    """Write the unigram table deterministically; return the number of entries."""
    kept = sorted(
        ((word, count) for word, count in counts.items() if count >= MIN_UNIGRAM_COUNT),
        key=lambda item: (-item[1], item[0]),
    )
    body = "".join(f"{word}\t{count}\n" for word, count in kept)
    write_gzip(path, f"# tokens\t{total}\n{body}")
    return len(kept)


def lmplz_args(config: BuildConfig) -> list[str]:
    """lmplz's options, without the tool path and file names."""
    return [
        "-o", str(config.order),
        "--prune", *map(str, config.prune),
        "-S", "40%",
    ]  # fmt: skip


def run_tool(command: list[str], log: Path, console: Console, what: str) -> None:
    """Run a KenLM tool, its chatter to ``log``; raise with the log's tail if it fails."""
    with console.status(f"{what} …"), log.open("w") as stream:
        result = subprocess.run(command, stdout=stream, stderr=subprocess.STDOUT, check=False)
    if result.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise ModelError(
            f"{what} thất bại (mã {result.returncode}).",
            f"{what} failed with exit code {result.returncode}:\n{tail}",
        )


def arpa_counts(arpa: Path) -> dict[str, int]:
    """The n-gram counts per order from an ARPA file's ``\\data\\`` header."""
    counts: dict[str, int] = {}
    with arpa.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("ngram "):
                order, _, number = line[len("ngram ") :].partition("=")
                counts[order.strip()] = int(number)
            elif line.startswith("\\1-grams:"):
                break
    return counts


def sanity_check(model_path: Path, tune_text: Path, limit: int = 20_000) -> dict:
    """Perplexity and OOV rate on the first ``limit`` tune sentences, and the load time."""
    import kenlm

    started = time.perf_counter()
    model = kenlm.Model(str(model_path))
    load_seconds = time.perf_counter() - started
    log10_total, sentences, words, oov = 0.0, 0, 0, 0
    with tune_text.open(encoding="utf-8") as lines:
        for line in lines:
            if sentences == limit:
                break
            sentence = line.rstrip("\n")
            log10_total += model.score(sentence, bos=True, eos=True)
            tokens = sentence.split(" ")
            sentences += 1
            words += len(tokens) + 1  # and </s>
            oov += sum(1 for token in tokens if token not in model)
    return {
        "tune_sentences": sentences,
        "tune_tokens_with_eos": words,
        "perplexity": round(10 ** (-log10_total / max(words, 1)), 2),
        "oov_rate": round(oov / max(words, 1), 5),
        "load_seconds": round(load_seconds, 3),
    }


def soat_version() -> str:
    from soat import __version__

    return __version__


def build_model(config: BuildConfig, console: Console | None = None) -> dict:
    """Build ``unigrams.tsv.gz``, ``labels.tsv``, ``lm.binary``, ``topic.bin.gz`` and
    ``manifest.json`` in ``config.out_dir``."""
    console = console or Console(stderr=True)
    topic_builder()
    started = time.perf_counter()
    work, out = config.work_dir, config.out_dir
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    train_text, tune_text = work / "train.txt", work / "tune.txt"
    arpa, binary = work / "lm.arpa", out / "lm.binary"

    inputs = [
        file_record(corpus.corpus_path(name), f"corpus/{CORPUS_FILES[name]}")
        for name in config.corpora
    ]
    stats = read_corpora(config, train_text, tune_text, console)
    console.log(f"read {stats.sentences:,} sentences, {stats.tokens:,} tokens")
    entries = write_unigrams(stats.unigrams, stats.tokens, out / "unigrams.tsv.gz")
    labels = write_label_table(stats.labels, out)

    lmplz = [str(config.tools / "lmplz"), *lmplz_args(config)]
    lmplz += ["-T", str(work), "--text", str(train_text), "--arpa", str(arpa)]
    run_tool(lmplz, work / "lmplz.log", console, "lmplz")
    ngrams = arpa_counts(arpa)
    console.log(f"lmplz: {ngrams}")
    with replacing(binary) as new_binary:
        build_binary = [str(config.tools / "build_binary"), "-T", str(work / "bb.tmp")]
        build_binary += [*BUILD_BINARY_ARGS, str(arpa), str(new_binary)]
        run_tool(build_binary, work / "build_binary.log", console, "build_binary")
        check = sanity_check(new_binary, tune_text)
    console.log(f"check on tune split: {check}")
    topic = write_topic_table(train_text, out, console)
    tables = build_tables(out, console)

    manifest = {
        "soat_version": soat_version(),
        "kenlm_version": KENLM_VERSION,
        "inputs": inputs,
        "split": {"rule": corpus.SPLIT_RULE, "used_for_statistics": "train"},
        "tokenization": {
            "function": "soat.lm.corpus.lm_sentences",
            "word_form": f"lower case, then {corpus.CANONICAL_NAME}",
        },
        "counts": {
            "documents": stats.documents,
            "train_sentences": stats.sentences,
            "train_tokens": stats.tokens,
            "train_types": len(stats.unigrams),
        },
        "unigrams": {"min_count": MIN_UNIGRAM_COUNT, "entries": entries},
        "lm": {
            "order": config.order,
            "prune": list(config.prune),
            "ngrams": ngrams,
            "lmplz": shlex.join(
                ["lmplz", *lmplz_args(config), "--text", "train.txt", "--arpa", "lm.arpa"]
            ),
            "build_binary": shlex.join(
                ["build_binary", *BUILD_BINARY_ARGS, "lm.arpa", "lm.binary"]
            ),
            "tune_check": {k: v for k, v in check.items() if k != "load_seconds"},
        },
        "artefacts": [file_record(out / name, name) for name in ("lm.binary", "unigrams.tsv.gz")],
        "topic": topic,
        "labels": labels,
        **tables,
    }
    write_manifest(out, manifest)
    if not config.keep_work:
        for path in (train_text, tune_text, arpa):
            path.unlink(missing_ok=True)
    size = binary.stat().st_size
    if size > SIZE_LIMIT:
        console.log(f"[red]lm.binary is {size / 2**20:.1f} MiB, over the 40 MiB budget")
    minutes = (time.perf_counter() - started) / 60
    console.log(f"built in {minutes:.1f} min; lm.binary {size / 2**20:.1f} MiB")
    return manifest


def _english_table(console: Console) -> tuple[str, int]:
    """``english.txt.gz``'s text: wordfreq's English list, bucket by bucket, in its order.

    A line ``@b`` opens bucket ``b`` (frequency ``10 ** (-b / 100)``), then come its words, one
    a line (see :class:`soat.rules.foreign.WordTable`). Kept: every word spelt ``[a-z]+`` (all
    the foreign-word rule looks up), and the first :data:`TOP_ENGLISH_WORDS` of
    ``wordfreq.top_n_list`` whatever their spelling, so that the table's first words, in
    order, are that list (``# top<TAB>n`` in the header says how many).
    """
    import wordfreq

    top = wordfreq.top_n_list("en", TOP_ENGLISH_WORDS)
    _verify(len(set(top)) == len(top), "the top list repeats a word")
    wanted = set(top)
    lines, kept = [], []
    for bucket, words in enumerate(wordfreq.get_frequency_list("en")):
        words = [word for word in words if ASCII_WORD.fullmatch(word) or word in wanted]
        if words:
            lines.append("".join([f"@{bucket}\n", *(f"{word}\n" for word in words)]))
            kept.extend((word, bucket) for word in words)
    _verify([word for word, _ in kept[: len(top)]] == top, "the top list is not the table's head")
    _verify(len({word for word, _ in kept}) == len(kept), "a word is in two buckets")
    with console.status("checking the English table against wordfreq …"):
        for word, bucket in kept:
            _verify(word[:1] not in "#@" and not any(ch.isspace() for ch in word), word)
            if ASCII_WORD.fullmatch(word):
                _verify(english_zipf(bucket) == wordfreq.zipf_frequency(word, "en"), word)
        for word in ("qzxv", "soatsoat"):  # unlisted words
            _verify(english_zipf(None) == wordfreq.zipf_frequency(word, "en"), word)
    header = (
        f"# wordfreq {_version('wordfreq')} English list (CC BY-SA 4.0): @bucket, then words\n"
        f"# top\t{len(top)}\n"
    )
    return header + "".join(lines), len(kept)


def _other_table(console: Console) -> tuple[str, int]:
    """``other-languages.txt.gz``'s text: every ``[a-z]+`` word of wordfreq's small lists of
    the languages the foreign-word rule tells apart from English, sorted, one a line."""
    import wordfreq

    words = sorted(
        {
            word
            for language in OTHER_LANGUAGES
            for word in wordfreq.get_frequency_dict(language, wordlist="small")
            if ASCII_WORD.fullmatch(word)
        }
    )
    with console.status("checking the other languages' table against wordfreq …"):
        for word in words:
            _verify(
                any(
                    wordfreq.zipf_frequency(word, lang, wordlist="small") > 0
                    for lang in OTHER_LANGUAGES
                ),
                word,
            )
    header = (
        f"# wordfreq {_version('wordfreq')} small lists {' '.join(OTHER_LANGUAGES)}"
        " (CC BY-SA 4.0): [a-z]+ words\n"
    )
    return header + "".join(f"{word}\n" for word in words), len(words)


def _verify(ok: object, what: str) -> None:
    if not ok:
        raise ModelError(
            f"Bảng không khớp với nguồn của nó: {what}.",
            f"A table disagrees with its source: {what}.",
        )


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def build_foreign(out: Path, console: Console | None = None) -> dict:
    """Write the foreign-word tables into ``out``; return their ``foreign_words`` manifest entry.

    The foreign-word rule used to load wordfreq (a quarter of a second to import, more to read
    its lists) on the first foreign-looking word; these tables hold exactly what it looked up.
    """
    console = console or Console(stderr=True)
    out.mkdir(parents=True, exist_ok=True)
    english, english_words = _english_table(console)
    write_gzip(out / ENGLISH_TABLE, english)
    other, other_words = _other_table(console)
    write_gzip(out / OTHER_TABLE, other)
    console.log(f"{ENGLISH_TABLE}: {english_words:,} words; {OTHER_TABLE}: {other_words:,} words")
    return {
        "source": f"wordfreq {_version('wordfreq')} (data CC BY-SA 4.0)",
        "english": {"list": "en, best", "words": english_words, "top": TOP_ENGLISH_WORDS},
        "other_languages": {"lists": "small", "words": other_words},
        "artefacts": [file_record(out / name, name) for name in (ENGLISH_TABLE, OTHER_TABLE)],
    }


def build_syllables(out: Path, console: Console | None = None) -> dict:
    """Write ``syllables.txt.gz`` into ``out``; return its ``syllables`` manifest entry."""
    console = console or Console(stderr=True)
    text = grammar.syllable_table()
    header, _, body = text.partition("\n")
    _verify(grammar._read_table(body) == grammar._enumerate(), "syllables.txt.gz")
    write_gzip(out / grammar.SYLLABLE_TABLE.name, text)
    spellings = len(grammar._read_table(body)[0])
    console.log(f"{grammar.SYLLABLE_TABLE.name}: {spellings:,} spellings")
    return {
        "source": header.removeprefix("# "),
        "spellings": spellings,
        "artefacts": [file_record(out / grammar.SYLLABLE_TABLE.name, grammar.SYLLABLE_TABLE.name)],
    }


def build_tables(out: Path, console: Console | None = None) -> dict:
    """The tables that need no corpora; their manifest entries, by name."""
    out.mkdir(parents=True, exist_ok=True)
    return {
        "syllables": build_syllables(out, console),
        "foreign_words": build_foreign(out, console),
    }


def topic_builder():
    """:func:`soat.lm.topic_build.build_topic`, or a clear error when the ``build`` extra
    (scipy) is missing; asked first, so that a build does not fail after lmplz's minutes."""
    try:
        from soat.lm.topic_build import build_topic  # numpy and scipy: build-time only
    except ImportError as error:
        raise UsageError(
            f"Thiếu thư viện để dựng bảng chủ đề ({error.name}): pip install -e '.[build]'.",
            f"The topic table needs {error.name}: pip install -e '.[build]'.",
        ) from None
    return build_topic


def write_label_table(counts: Counter, out: Path) -> dict:
    """``labels.tsv`` from the one-word clauses counted in the training text; its manifest
    entry."""
    path = out / LABEL_TABLE
    with replacing(path) as temporary:
        entries = write_labels(counts, temporary)
    return {
        "table": LABEL_TABLE,
        "source": "one-word clauses of the train split's documents",
        "marks": MARKS,
        "min_count": LABEL_MIN_COUNT,
        "min_share": LABEL_MIN_SHARE,
        "entries": entries,
        "artefacts": [file_record(path, LABEL_TABLE)],
    }


def write_topic_table(train_text: Path, out: Path, console: Console) -> dict:
    """``topic.bin.gz`` from the training text's sentences; its manifest entry."""
    build_topic = topic_builder()
    started = time.perf_counter()
    with (
        console.status("topic table: co-occurrences, PPMI, SVD …"),
        train_text.open(encoding="utf-8") as lines,
    ):
        with replacing(out / TOPIC_TABLE) as temporary:
            entry = build_topic((line.split() for line in lines), temporary)
    entry["artefacts"] = [file_record(out / TOPIC_TABLE, TOPIC_TABLE)]
    console.log(
        f"topic table: {entry['rows']:,} syllables in {time.perf_counter() - started:.0f} s"
    )
    return entry


def update_topic(config: BuildConfig, console: Console) -> dict:
    """``soat-build topic``: read the corpora again, rebuild the topic table and its entry in
    the manifest, and leave the model as it is."""
    topic_builder()
    config.work_dir.mkdir(parents=True, exist_ok=True)
    train_text, tune_text = config.work_dir / "train.txt", config.work_dir / "tune.txt"
    read_corpora(config, train_text, tune_text, console)
    path = config.out_dir / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    manifest["topic"] = write_topic_table(train_text, config.out_dir, console)
    write_manifest(config.out_dir, manifest)
    if not config.keep_work:
        for used in (train_text, tune_text):
            used.unlink(missing_ok=True)
    return manifest


def update_tables(out: Path, console: Console) -> dict:
    """``soat-build tables``: rebuild the tables and their entries in the manifest."""
    path = out / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    manifest.update(build_tables(out, console))
    write_manifest(out, manifest)
    return manifest


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="soat-build", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    model = commands.add_parser(
        "model",
        help="build lm.binary, unigrams.tsv.gz, labels.tsv, topic.bin.gz, manifest.json",
    )
    model.add_argument("--out", type=Path, default=_PACKAGE_DATA, help="artefact folder")
    model.add_argument(
        "--work", type=Path, default=_REPO / ".cache" / "build", help="scratch folder"
    )
    model.add_argument("--order", type=int, default=DEFAULT_ORDER)
    model.add_argument(
        "--prune", type=int, nargs="+", default=list(DEFAULT_PRUNE), help="lmplz --prune"
    )
    model.add_argument("--keep-work", action="store_true", help="keep train.txt and lm.arpa")
    tables = commands.add_parser(
        "tables",
        help=f"build {grammar.SYLLABLE_TABLE.name}, {ENGLISH_TABLE} and {OTHER_TABLE} only",
    )
    tables.add_argument("--out", type=Path, default=_PACKAGE_DATA, help="artefact folder")
    topic = commands.add_parser("topic", help=f"build {TOPIC_TABLE} only (reads the corpora)")
    topic.add_argument("--out", type=Path, default=_PACKAGE_DATA, help="artefact folder")
    topic.add_argument(
        "--work", type=Path, default=_REPO / ".cache" / "build", help="scratch folder"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = Console(stderr=True)
    try:
        if args.command == "tables":
            update_tables(args.out, console)
            return 0
        if args.command == "topic":
            update_topic(BuildConfig(out_dir=args.out, work_dir=args.work, tools=Path()), console)
            return 0
        if len(args.prune) != args.order:
            raise UsageError(
                "--prune cần một ngưỡng cho mỗi bậc.", "--prune needs one threshold per order."
            )
        config = BuildConfig(
            out_dir=args.out,
            work_dir=args.work,
            tools=find_tools(),
            order=args.order,
            prune=tuple(args.prune),
            keep_work=args.keep_work,
        )
        build_model(config, console)
    except SoatError as error:
        console.print(f"[red]soat-build: {escape(error.message_en)}")
        return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
