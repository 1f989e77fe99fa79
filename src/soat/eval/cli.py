"""``soat eval``: score soat, and the tools people use today, on the shared data.

Subcommands (each prints a table, or JSON with ``--json``; progress bars go to stderr):

* ``spelling [FILE]`` — detection and correction precision, recall and F1 on a labelled set in
  the Viwiki format (the shared development set by default); ``--per-rule``, ``--by-kind``,
  ``--samples K`` (false flags and misses to read), ``--peers`` (Hunspell-vi).
* ``restore`` — diacritic restoration accuracy on heldout news stripped of its marks;
  ``--peers`` (pyvi).
* ``clean`` — flags per 1,000 tokens on heldout edited news with all rules on; ``--per-rule``,
  ``--samples K``, ``--peers`` (Hunspell-vi's unknown words).
* ``speed`` — syllables per second with and without the model, Hunspell-vi on the same text,
  start-up time and peak memory (:mod:`soat.eval.speed`).
* ``synth`` — write a synthetic labelled set (:mod:`soat.eval.synthetic`) from the tune split.

The definitions of the figures are in :mod:`soat.eval.metrics`. Start at :func:`run`; each
``cmd_*`` function gathers its figures into a plain dict, which ``show_*`` renders.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from rich.console import Console
from rich.table import Table
from rich.text import Text

import soat
from soat.errors import ModelError, SoatError, UsageError
from soat.eval import datasets, metrics, peers
from soat.eval.metrics import Flag, RestoreScore, SpellingScore
from soat.eval.synthetic import DEFAULT_RATE, synthesize
from soat.options import LEVELS
from soat.rules.base import CATEGORIES
from soat.syllable.typing import strip_marks

# The rules for misspelt syllables, the only errors Viwiki-format sets label. Not the doubled
# word rule (VI_REPEATED_WORD, also "typos"): the Viwiki development set labels none of the
# twenty-odd doubled words its texts hold (của của, là là, và và), so its flags there would
# count as false alarms whether right or wrong; score it with --rules VI_REPEATED_WORD --samples.
DEFAULT_RULES = (
    "VI_NON_WORD,VI_TONE_PLACEMENT,VI_TYPING_RESIDUE,VI_MISSING_SPACE,VI_CONTEXT,VI_KNOWN_CONFUSION"
)
STARTUP_INPUT = "Tôi đi hoc ở trường.\n"
# Touches every lazily loaded table (lexicon, names, foreign words, numbers) before timing.
WARM_UP = "Tôi đi hoc ở trường với Messi. Màn performace của anh ấy giá 3.5 triệu (USD).\n"


# --- shared helpers ---------------------------------------------------------------------------


def _console() -> Console:
    return Console(width=None if sys.stdout.isatty() else 110, highlight=False)


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr (only on a terminal); yields ``advance(n=1)``."""
    console = Console(stderr=True)
    if total < 2 or not console.is_terminal:
        yield lambda n=1: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (label, BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)


class Timing(NamedTuple):
    """Wall-clock and CPU seconds of one run (CPU time is fair on a busy, shared machine)."""

    wall: float
    cpu: float


@contextmanager
def _clock(children: bool = False) -> Iterator[list[Timing]]:
    """Time the block; CPU time is this process's, or its waited-for children's."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF

    def cpu() -> float:
        usage = resource.getrusage(who)
        return usage.ru_utime + usage.ru_stime

    out: list[Timing] = []
    wall, used = time.perf_counter(), cpu()
    yield out
    out.append(Timing(time.perf_counter() - wall, cpu() - used))


def _note(message: str) -> None:
    print(f"soat eval: {message}", file=sys.stderr)


def _model_problem() -> str | None:
    """Why the language model cannot be used here, or None when it can."""
    try:
        from soat.lm.model import model

        model()
    except (ImportError, SoatError, OSError) as error:
        return error.message_en if isinstance(error, SoatError) else str(error)
    return None


def _use_model(requested: bool) -> bool:
    """``requested``, unless the model is missing (then say so and go on without it)."""
    if not requested:
        return False
    problem = _model_problem()
    if problem:
        _note(f"language model not available ({problem}); scoring without it.")
        return False
    return True


def _rule_filter(spec: str) -> tuple[list[str], Callable[[soat.Issue], bool], str]:
    """Rule ids to switch on, a test for the issues to count, and a label, for ``--rules``."""
    names = [part.strip() for part in spec.split(",") if part.strip()]
    if not names or names == ["all"]:
        off = [rule.id for rule in soat.list_rules() if not rule.default_on]
        label = "all on by default" + (f" (off: {', '.join(off)})" if off else "")
        return [], lambda issue: True, label
    ids = {rule.id for rule in soat.list_rules()}
    unknown = [n for n in names if n not in ids and n not in CATEGORIES]
    if unknown:
        raise UsageError(
            f"Không có quy tắc hay nhóm nào tên {', '.join(unknown)} (xem `soat rules`).",
            f"No rule or category named {', '.join(unknown)} (see `soat rules`).",
        )
    chosen = set(names)
    return (
        [n for n in names if n in ids],
        lambda issue: issue.rule in chosen or issue.category in chosen,
        ", ".join(names),
    )


def _context(text: str, start: int, end: int, width: int = 40) -> Text:
    """``…left [flagged] right…`` on one line, the flagged part highlighted."""
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    line = Text("…" + left)
    line.append(f"[{text[start:end]}]", style="bold red")
    line.append(right + "…")
    return line


def _per_thousand(count: int, tokens: int) -> float:
    return 1000 * metrics.ratio(count, tokens)


def _fmt(value: float, digits: int = 3) -> str:
    return f"{value:.{digits}f}"


# --- spelling ---------------------------------------------------------------------------------


def _check_options(args: argparse.Namespace, use_model: bool) -> dict:
    """The options of ``soat check`` that the spelling and clean scores take from the command."""
    return {"level": args.level, "use_model": use_model, "keep_quotes": args.keep_quotes}


def _quotes(report: dict) -> str:
    """The header's note on quotations when they were checked, not kept (the default)."""
    return "" if report["keep_quotes"] else "; quotations checked (--no-keep-quotes)"


def _flags_of(issues: list[soat.Issue], keep: Callable[[soat.Issue], bool]) -> list[Flag]:
    return [
        Flag(i.offset, i.end, i.rule, i.replacements[0] if i.replacements else None)
        for i in issues
        if keep(i)
    ]


def _hunspell_flags(
    hunspell: peers.Hunspell, documents: list[datasets.LabelledDocument]
) -> list[list[Flag]]:
    """Hunspell-vi's flags on each document; suggestions only where a label could use them."""
    words = [w for doc in documents for w in peers.letter_runs(doc.text)]
    misspelt = hunspell.misspelt(words)
    spans = [hunspell.spans(doc.text, misspelt) for doc in documents]
    near_mistakes = {
        word
        for doc, found in zip(documents, spans, strict=True)
        for start, end, word in found
        if any(metrics.overlaps(Flag(start, end, ""), m) for m in doc.mistakes)
    }
    suggestions = hunspell.suggestions(near_mistakes)
    return [
        [
            Flag(start, end, "HUNSPELL", (suggestions.get(word) or (None,))[0])
            for start, end, word in found
        ]
        for found in spans
    ]


def _score_all(
    documents: list[datasets.LabelledDocument], flags: list[list[Flag]]
) -> tuple[SpellingScore, dict, dict, list]:
    score = SpellingScore()
    per_rule: dict[str, SpellingScore] = {}
    per_kind: dict[str, SpellingScore] = {}
    results = []
    for doc, found in zip(documents, flags, strict=True):
        result = metrics.score_document(doc.text, doc.mistakes, found)
        score += result.score
        metrics.merge(per_rule, result.per_rule)
        metrics.merge(per_kind, result.per_kind)
        results.append(result)
    return score, per_rule, per_kind, results


def cmd_spelling(args: argparse.Namespace) -> dict:
    path = Path(args.file) if args.file else datasets.default_dev_set()
    documents = datasets.read_labelled(path)[: args.docs]
    enabled, keep, label = _rule_filter(args.rules)
    use_model = _use_model(not args.no_model)
    flags: list[list[Flag]] = []
    soat.check(WARM_UP, use_model=use_model)  # load everything before the clock starts
    started = time.perf_counter()
    with _progress(len(documents), "spelling") as advance:
        for doc in documents:
            issues = soat.check(doc.text, enabled=enabled, **_check_options(args, use_model))
            flags.append(_flags_of(issues, keep))
            advance(1)
    seconds = time.perf_counter() - started
    score, per_rule, per_kind, results = _score_all(documents, flags)
    tokens = sum(datasets.whitespace_tokens(doc.text) for doc in documents)
    report = {
        "command": "spelling",
        "dataset": str(path),
        "documents": len(documents),
        "mistakes": score.mistakes,
        "misaligned_labels": sum(doc.misaligned for doc in documents),
        "tokens": tokens,
        "rules": label,
        "model": use_model,
        "level": args.level,
        "keep_quotes": args.keep_quotes,
        "seconds": round(seconds, 2),
        "tokens_per_second": round(metrics.ratio(tokens, seconds)),
        "soat": score.to_dict(),
        "per_rule": {rule: s.to_dict() for rule, s in sorted(per_rule.items())},
        "per_kind": {kind: s.to_dict() for kind, s in sorted(per_kind.items())},
        "peers": {},
    }
    if args.samples:
        report["samples"] = _spelling_samples(documents, results, args.samples, args.seed)
    if args.peers:
        report["peers"]["Hunspell-vi"] = _spelling_peer(documents)
    return report


def _spelling_peer(documents: list[datasets.LabelledDocument]) -> dict | str:
    hunspell = peers.hunspell()
    if isinstance(hunspell, str):
        return hunspell
    try:
        score, *_ = _score_all(documents, _hunspell_flags(hunspell, documents))
    except peers.PeerUnavailable as error:
        return str(error)
    return score.to_dict()


def _spelling_samples(
    documents: list[datasets.LabelledDocument], results: list, count: int, seed: int
) -> dict:
    false_flags, missed, miscorrected = [], [], []
    for doc, result in zip(documents, results, strict=True):
        false_flags += [(doc.text, f) for f in result.false_flags]
        missed += [(doc.text, m) for m in result.missed]
        miscorrected += [(doc.text, m, f) for m, f in result.miscorrected]
    rng = random.Random(seed)

    def pick(items: list) -> list:
        return rng.sample(items, min(count, len(items)))

    return {
        "false_flags": [
            {"context": str(_context(t, f.start, f.end)), "rule": f.rule, "fix": f.replacement}
            for t, f in pick(false_flags)
        ],
        "missed": [
            {"context": str(_context(t, m.start, m.end)), "kind": m.kind, "fix": m.suggest[0]}
            for t, m in pick(missed)
            if m.suggest
        ],
        "wrong_fix": [
            {
                "context": str(_context(t, m.start, m.end)),
                "rule": f.rule,
                "fix": f.replacement,
                "expected": m.suggest[0] if m.suggest else "",
            }
            for t, m, f in pick(miscorrected)
        ],
    }


def _score_row(table: Table, name: str, flags: int, score: dict) -> None:
    table.add_row(
        name,
        str(flags),
        *(_fmt(score[f"detection_{m}"]) for m in ("precision", "recall", "f1")),
        *(_fmt(score[f"correction_{m}"]) for m in ("precision", "recall", "f1")),
    )


def show_spelling(report: dict, args: argparse.Namespace, console: Console) -> None:
    console.print(
        f"[bold]Spelling[/bold] — {Path(report['dataset']).name}: {report['documents']} documents,"
        f" {report['mistakes']} mistakes, {report['tokens']:,} tokens\nrules: {report['rules']};"
        f" model: {'on' if report['model'] else 'off'}; level: {report['level']}{_quotes(report)}"
    )
    if report["misaligned_labels"]:
        console.print(f"({report['misaligned_labels']} labels did not match their text: skipped)")
    table = Table("system", "flags", "det P", "det R", "det F1", "corr P", "corr R", "corr F1")
    _score_row(table, "soat", report["soat"]["flags"], report["soat"])
    skipped = {}
    for name, peer in report["peers"].items():
        if isinstance(peer, str):
            skipped[name] = peer
        else:
            _score_row(table, name, peer["flags"], peer)
    console.print(table)
    for name, peer in report["peers"].items():
        if name not in skipped and peer["detection_f1"]:
            ratio = report["soat"]["detection_f1"] / peer["detection_f1"]
            console.print(f"detection F1, soat / {name}: {ratio:.1f}×")
    for name, reason in skipped.items():
        console.print(f"{name} skipped: {reason}")
    console.print(
        f"checked in {report['seconds']:.1f} s ({report['tokens_per_second']:,} tokens/s)"
    )
    if args.per_rule:
        _show_per_rule(report, console)
    if args.by_kind:
        _show_per_kind(report, console)
    if "samples" in report:
        _show_samples(report["samples"], console)


def _show_per_rule(report: dict, console: Console) -> None:
    table = Table(
        "rule",
        "flags",
        "true",
        "precision",
        "mistakes found",
        "fixed right",
        title="per rule (a mistake found by two rules counts for both)",
    )
    for rule, s in report["per_rule"].items():
        table.add_row(
            rule,
            str(s["flags"]),
            str(s["flags_detecting"]),
            _fmt(metrics.ratio(s["flags_detecting"], s["flags"])),
            str(s["mistakes_detected"]),
            str(s["mistakes_corrected"]),
        )
    console.print(table)


def _show_per_kind(report: dict, console: Console) -> None:
    table = Table(
        "kind of slip",
        "mistakes",
        "found",
        "recall",
        "fixed right",
        "corr recall",
        title="recall by kind of slip (see soat.eval.synthetic)",
    )
    kinds = sorted(report["per_kind"].items(), key=lambda item: -item[1]["mistakes"])
    for kind, s in kinds:
        table.add_row(
            kind,
            str(s["mistakes"]),
            str(s["mistakes_detected"]),
            _fmt(s["detection_recall"]),
            str(s["mistakes_corrected"]),
            _fmt(s["correction_recall"]),
        )
    console.print(table)


def _show_samples(samples: dict, console: Console) -> None:
    titles = {
        "false_flags": "flags on text labelled correct",
        "missed": "mistakes not flagged",
        "wrong_fix": "mistakes flagged with a wrong first fix",
    }
    for key, title in titles.items():
        console.print(f"\n[bold]{title}[/bold]")
        for item in samples[key]:
            console.print(Text(item["context"]), Text(_sample_note(item), style="dim"))


def _sample_note(item: dict) -> str:
    if "kind" in item:
        return f"  {item['kind']}, should be {item['fix']!r}"
    note = f"  {item['rule']} → {item['fix']!r}"
    return note + (f", expected {item['expected']!r}" if "expected" in item else "")


# --- restore ----------------------------------------------------------------------------------


def strip_text(text: str) -> str:
    """``text`` with every mark of every letter removed, letter for letter (same length)."""
    table = {}
    for ch in set(text):
        bare = strip_marks(ch)
        if len(bare) == 1 and bare != ch:
            table[ord(ch)] = bare
    return text.translate(table)


def _run_restorer(restore: Callable[[str], str], texts: list[str], label: str) -> tuple:
    """Strip, restore and score every text; the score and the time spent restoring."""
    score = RestoreScore()
    wall = cpu = 0.0
    with _progress(len(texts), label) as advance:
        for reference in texts:
            stripped = strip_text(reference)
            with _clock() as timing:
                restored = restore(stripped)
            wall += timing[0].wall
            cpu += timing[0].cpu
            score += metrics.score_restoration(reference, restored)
            advance(1)
    return score, Timing(wall, cpu)


def _restore_figures(score: RestoreScore, timing: Timing) -> dict:
    return {
        **score.to_dict(),
        "seconds": round(timing.wall, 2),
        "cpu_seconds": round(timing.cpu, 2),
        "syllables_per_second": round(metrics.ratio(score.syllables, timing.wall)),
        "syllables_per_cpu_second": round(metrics.ratio(score.syllables, timing.cpu)),
    }


def _news(args: argparse.Namespace) -> list:
    """The ``--docs`` first news documents of the ``--split`` the command was given."""
    if args.split == "tune":
        return datasets.tune_documents(args.docs, corpora=("baomoi",))
    return list(datasets.heldout_news(args.docs))


def _add_split(parser: argparse.ArgumentParser, tuned: str) -> None:
    parser.add_argument(
        "--split",
        choices=("heldout", "tune"),
        default="heldout",
        help=f"news to score: heldout (the figures to report) or tune (for tuning {tuned})",
    )


def cmd_restore(args: argparse.Namespace) -> dict:
    problem = _model_problem()
    if problem:
        raise ModelError(f"Không có mô hình ngôn ngữ: {problem}", f"No language model: {problem}")
    texts = [unicodedata.normalize("NFC", doc.text) for doc in _news(args)]
    soat.restore_diacritics("khoi dong")  # load the model before the clock starts
    score, timing = _run_restorer(soat.restore_diacritics, texts, "soat restore")
    report = {
        "command": "restore",
        "split": args.split,
        "documents": len(texts),
        "soat": _restore_figures(score, timing),
        "peers": {},
    }
    if args.peers:
        pyvi = peers.pyvi()
        if isinstance(pyvi, str):
            report["peers"]["pyvi"] = pyvi
        else:
            figures = _restore_figures(*_run_restorer(pyvi.restore, texts, "pyvi"))
            report["peers"]["pyvi"] = {**figures, "failed_lines": pyvi.failed_lines}
    return report


def show_restore(report: dict, args: argparse.Namespace, console: Console) -> None:
    soat_score = report["soat"]
    console.print(
        f"[bold]Diacritic restoration[/bold] — {report['documents']} {report['split']} news "
        "documents,"
        f" {soat_score['syllables']:,} syllables ({soat_score['marked']:,} with marks),"
        " all marks stripped, then restored"
    )
    table = Table("system", "all syllables", "marked syllables", "syllables/s", "syll/CPU s")
    rows = {"soat": soat_score, **report["peers"]}
    for name, s in rows.items():
        if isinstance(s, str):
            continue
        table.add_row(
            name,
            f"{100 * s['accuracy']:.2f}%",
            f"{100 * s['marked_accuracy']:.2f}%",
            f"{s['syllables_per_second']:,}",
            f"{s['syllables_per_cpu_second']:,}",
        )
    console.print(table)
    for name, s in report["peers"].items():
        if isinstance(s, str):
            console.print(f"{name} skipped: {s}")
            continue
        if s.get("failed_lines"):
            console.print(f"{name} raised an error on {s['failed_lines']} lines: left as given")
        errors = (1 - soat_score["accuracy"]) / max(1e-9, 1 - s["accuracy"])
        speed = soat_score["syllables_per_cpu_second"] / max(1, s["syllables_per_cpu_second"])
        console.print(
            f"accuracy soat / {name}: {soat_score['accuracy'] / max(1e-9, s['accuracy']):.2f}×;"
            f" soat makes {errors:.2f}× {name}'s errors; speed (CPU) soat / {name}: {speed:.1f}×"
        )


# --- clean ------------------------------------------------------------------------------------


def cmd_clean(args: argparse.Namespace) -> dict:
    enabled, keep, label = _rule_filter(args.rules)
    use_model = _use_model(not args.no_model)
    documents = _news(args)
    per_rule: Counter[str] = Counter()
    categories: dict[str, str] = {}
    found = []
    tokens = 0
    with _progress(len(documents), "clean news") as advance:
        for doc in documents:
            tokens += datasets.whitespace_tokens(doc.text)
            for issue in soat.check(doc.text, enabled=enabled, **_check_options(args, use_model)):
                if keep(issue):
                    per_rule[issue.rule] += 1
                    categories[issue.rule] = issue.category
                    found.append((doc.text, issue))
            advance(1)
    flags = sum(per_rule.values())
    report = {
        "command": "clean",
        "split": args.split,
        "documents": len(documents),
        "tokens": tokens,
        "rules": label,
        "model": use_model,
        "level": args.level,
        "keep_quotes": args.keep_quotes,
        "flags": flags,
        "flags_per_1000": round(_per_thousand(flags, tokens), 3),
        "per_rule": {
            rule: {
                "category": categories[rule],
                "flags": n,
                "per_1000": round(_per_thousand(n, tokens), 3),
            }
            for rule, n in per_rule.most_common()
        },
        "peers": {},
    }
    if args.samples:
        rng = random.Random(args.seed)
        report["samples"] = [
            {
                "context": str(_context(text, i.offset, i.end)),
                "rule": i.rule,
                "fix": i.replacements[0] if i.replacements else None,
            }
            for text, i in sorted(
                rng.sample(found, min(args.samples, len(found))),
                key=lambda pair: (pair[1].rule, pair[1].offset),
            )
        ]
    if args.peers:
        report["peers"]["Hunspell-vi"] = _clean_peer(documents, tokens)
    return report


def _clean_peer(documents: list, tokens: int) -> dict | str:
    hunspell = peers.hunspell()
    if isinstance(hunspell, str):
        return hunspell
    try:
        listed, seconds = hunspell.unknown_words("\n".join(doc.text for doc in documents))
    except peers.PeerUnavailable as error:
        return str(error)
    return {
        "flags": len(listed),
        "flags_per_1000": round(_per_thousand(len(listed), tokens), 3),
        "most_listed": Counter(listed).most_common(12),
    }


def show_clean(report: dict, args: argparse.Namespace, console: Console) -> None:
    console.print(
        f"[bold]False alarms on clean news[/bold] — {report['documents']}"
        f" {report['split']} documents,"
        f" {report['tokens']:,} tokens\nrules: {report['rules']};"
        f" model: {'on' if report['model'] else 'off'}; level: {report['level']}{_quotes(report)}"
    )
    table = Table("system", "flags", "per 1,000 tokens")
    table.add_row("soat", str(report["flags"]), _fmt(report["flags_per_1000"], 2))
    for name, peer in report["peers"].items():
        if not isinstance(peer, str):
            table.add_row(name, str(peer["flags"]), _fmt(peer["flags_per_1000"], 2))
    console.print(table)
    for name, peer in report["peers"].items():
        if isinstance(peer, str):
            console.print(f"{name} skipped: {peer}")
        else:
            ratio = peer["flags_per_1000"] / report["flags_per_1000"] if report["flags"] else 0
            verdict = f"{ratio:.0f}× fewer false alarms" if report["flags"] else "no flags at all"
            console.print(f"soat vs {name}: {verdict}")
            listed = ", ".join(f"{word} ({n})" for word, n in peer["most_listed"])
            console.print(f"{name}'s most listed words: {listed}")
    if args.per_rule:
        rules = Table("rule", "category", "flags", "per 1,000 tokens", title="per rule")
        for rule, row in report["per_rule"].items():
            rules.add_row(rule, row["category"], str(row["flags"]), _fmt(row["per_1000"], 3))
        console.print(rules)
    if "samples" in report:
        console.print(f"\n[bold]{len(report['samples'])} flags picked at random[/bold]")
        for item in report["samples"]:
            console.print(Text(item["context"]), Text(_sample_note(item), style="dim"))


# --- synth ------------------------------------------------------------------------------------


def cmd_synth(args: argparse.Namespace) -> dict:
    corpora = tuple(part.strip() for part in args.corpora.split(",") if part.strip())
    documents = datasets.tune_documents(args.docs, corpora)
    kinds: Counter[str] = Counter()

    def labelled():
        pairs = ((f"{doc.corpus}/{doc.id}", doc.text) for doc in documents)
        for synthetic in synthesize(pairs, seed=args.seed, rate=args.rate):
            kinds.update(m.kind for m in synthetic.mistakes)
            yield synthetic

    written = datasets.write_labelled(labelled(), args.out)
    return {
        "command": "synth",
        "out": args.out or "-",
        "documents": len(documents),
        "corpora": list(corpora),
        "seed": args.seed,
        "rate": args.rate,
        "mistakes": written,
        "tokens": sum(datasets.whitespace_tokens(doc.text) for doc in documents),
        "kinds": dict(kinds.most_common()),
    }


def show_synth(report: dict, args: argparse.Namespace, console: Console) -> None:
    console.print(
        f"[bold]Synthetic set[/bold] → {report['out']}: {report['documents']} tune documents"
        f" ({', '.join(report['corpora'])}), {report['tokens']:,} tokens,"
        f" {report['mistakes']:,} mistakes (seed {report['seed']}, rate {report['rate']})"
    )
    table = Table("kind of slip", "mistakes")
    for kind, n in report["kinds"].items():
        table.add_row(kind, str(n))
    console.print(table)


# --- the command ------------------------------------------------------------------------------


def _add_common(parser: argparse.ArgumentParser, model: bool = True) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    if model:
        parser.add_argument("--no-model", action="store_true", help="skip the language model")
        parser.add_argument("--level", choices=LEVELS, default="default")
        parser.add_argument(
            "--no-keep-quotes",
            dest="keep_quotes",
            action="store_false",
            help="check the words inside quotation marks in context too (soat check's option)",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="soat eval", description="Score soat (and its peers) on the shared data."
    )
    sub = parser.add_subparsers(dest="what", metavar="WHAT", required=True)

    spelling = sub.add_parser("spelling", help="detection/correction P, R, F1 on a labelled set")
    spelling.add_argument("file", nargs="?", help="Viwiki-format JSONL (default: the dev set)")
    _add_common(spelling)
    spelling.add_argument(
        "--rules",
        default=DEFAULT_RULES,
        help="rule ids or categories to score, comma-separated, or 'all' "
        "(default: the misspelt-syllable rules, the errors the set labels)",
    )
    spelling.add_argument("--docs", type=int, default=None, help="score only the first N")
    spelling.add_argument("--per-rule", action="store_true", help="flags and precision per rule")
    spelling.add_argument("--by-kind", action="store_true", help="recall per kind of slip")
    spelling.add_argument(
        "--samples",
        type=int,
        default=0,
        metavar="K",
        help="print K false flags, K misses and K wrong fixes",
    )
    spelling.add_argument("--seed", type=int, default=0)
    spelling.add_argument("--peers", action="store_true", help="also score Hunspell-vi")
    spelling.set_defaults(compute=cmd_spelling, show=show_spelling)

    restore = sub.add_parser("restore", help="diacritic restoration accuracy on heldout news")
    _add_common(restore, model=False)
    restore.add_argument("--docs", type=int, default=300)
    restore.add_argument("--peers", action="store_true", help="also run pyvi's add_accents")
    _add_split(restore, "the restorer")
    restore.set_defaults(compute=cmd_restore, show=show_restore)

    clean = sub.add_parser("clean", help="flags per 1,000 tokens on heldout edited news")
    _add_common(clean)
    clean.add_argument("--docs", type=int, default=300)
    _add_split(clean, "the rules")
    clean.add_argument(
        "--rules",
        default="all",
        help="rule ids or categories, or 'all' (every rule that is on by default)",
    )
    clean.add_argument("--per-rule", action="store_true", help="flag counts per rule")
    clean.add_argument(
        "--samples", type=int, default=0, metavar="K", help="print K random flags with context"
    )
    clean.add_argument("--seed", type=int, default=0)
    clean.add_argument("--peers", action="store_true", help="also run Hunspell-vi")
    clean.set_defaults(compute=cmd_clean, show=show_clean)

    from soat.eval import speed  # it uses this module's helpers

    speed.add_parser(sub)

    synth = sub.add_parser("synth", help="write a synthetic labelled set from the tune split")
    _add_common(synth, model=False)
    synth.add_argument("--docs", type=int, default=200)
    synth.add_argument("--out", help="output JSONL (default: stdout)")
    synth.add_argument("--seed", type=int, default=0)
    synth.add_argument(
        "--rate",
        type=float,
        default=DEFAULT_RATE,
        help=f"slips per eligible syllable (default {DEFAULT_RATE})",
    )
    synth.add_argument("--corpora", default="baomoi,viwiki")
    synth.set_defaults(compute=cmd_synth, show=show_synth)
    return parser


def run(argv: list[str]) -> int:
    """``soat eval WHAT ...``: compute the figures, then print them as a table or JSON."""
    args = build_parser().parse_args(argv)
    try:
        report = args.compute(args)
    except SoatError as error:
        _note(error.message_en)
        return error.exit_code
    if args.what == "synth" and args.out in (None, "-"):
        show_synth(report, args, Console(stderr=True, highlight=False))
        return 0
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        args.show(report, args, _console())
    return 0
