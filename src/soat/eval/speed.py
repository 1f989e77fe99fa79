"""``soat eval speed``: throughput, start-up time and memory, beside Hunspell-vi.

Throughput is timed on heldout news (:func:`soat.eval.datasets.news_of_size`) in this process,
after :func:`soat.load` and a warm-up check have loaded everything a check touches (so loading is
never counted as checking; its time is printed on its own). The same text is checked several
times (``--passes``) and the median and best pass are reported, in wall time and in CPU time,
and the first pass by CPU time (a one-off check, its caches still empty):
on a busy, shared machine wall time swings by a third from run to run, CPU time much less, and
the best pass is the figure least disturbed by other processes. Start-up is the median of three
fresh ``python -m soat check`` processes on a one-line input, run twice: with the environment as
it is (here ``PYTHONDONTWRITEBYTECODE=1``, so modules whose bytecode is missing or stale are
compiled at every start) and with a bytecode cache that a first, untimed run fills.

Start at :func:`cmd_speed`, which gathers the figures into a plain dict; :func:`show_speed`
renders it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

import soat
from soat.eval import datasets, metrics, peers
from soat.eval.cli import STARTUP_INPUT, WARM_UP, Timing, _clock, _model_problem, _progress


def _forget_spellings() -> None:
    """Empty the per-spelling caches a check fills (candidates, confusion lists, model words,
    name spellings), so that a run's first pass meets every spelling for the first time."""
    from soat.lm import context, segments
    from soat.rules import document
    from soat.syllable.candidates import generator

    candidates = generator()
    for cached in (candidates._close, candidates.generate, candidates.confusions):
        cached.cache_clear()
    context._cheapest_first.cache_clear()
    document._is_name_spelling.cache_clear()
    segments._MODEL_WORDS.clear()


def _timed_passes(texts: list[str], use_model: bool, passes: int, label: str) -> list[Timing]:
    """Wall and CPU seconds of each of ``passes`` checks of every text; the per-spelling caches
    are emptied first."""
    _forget_spellings()
    timings = []
    with _progress(passes * len(texts), label) as advance:
        for _ in range(max(1, passes)):
            wall, cpu = time.perf_counter(), time.process_time()
            for text in texts:
                soat.check(text, use_model=use_model)
                advance(1)
            timings.append(Timing(time.perf_counter() - wall, time.process_time() - cpu))
    return timings


def _startup(
    args: list[str], text: str = STARTUP_INPUT, repeats: int = 3, bytecode: bool = False
) -> Timing:
    """Median wall and CPU time of a fresh ``python`` running ``args`` on a tiny input.

    With ``bytecode``, the processes may write and read compiled modules (in a cache of their
    own, filled by one untimed run first); otherwise they inherit this environment as it is.
    """
    package_root = str(Path(soat.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory(prefix="soat-pycache-") as cache:
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = cache
        command = [sys.executable, *args]
        if bytecode:
            subprocess.run(command, input=text.encode(), env=env, capture_output=True, check=False)
        times = []
        for _ in range(repeats):
            with _clock(children=True) as timing:
                subprocess.run(
                    command, input=text.encode(), env=env, capture_output=True, check=False
                )
            times.append(timing[0])
    return Timing(statistics.median(t.wall for t in times), statistics.median(t.cpu for t in times))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rates(timings: list[Timing], syllables: int, tokens: int) -> dict:
    """The figures of the median pass (by CPU time, and by wall time), and of the best."""
    wall = statistics.median(t.wall for t in timings)
    cpu = statistics.median(t.cpu for t in timings)
    best_wall, best_cpu = min(t.wall for t in timings), min(t.cpu for t in timings)
    return {
        "passes": len(timings),
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "syllables_per_second": round(metrics.ratio(syllables, wall)),
        "syllables_per_cpu_second": round(metrics.ratio(syllables, cpu)),
        "tokens_per_second": round(metrics.ratio(tokens, wall)),
        "best_syllables_per_second": round(metrics.ratio(syllables, best_wall)),
        "best_syllables_per_cpu_second": round(metrics.ratio(syllables, best_cpu)),
        # The first pass meets every spelling for the first time, as a one-off check of a file
        # does: the per-spelling caches (candidates, model words) fill in it. (The C++ module's
        # cache of vocabulary ids is not emptied.)
        "first_syllables_per_cpu_second": round(metrics.ratio(syllables, timings[0].cpu)),
        "pass_seconds": [round(t.wall, 3) for t in timings],
        "pass_cpu_seconds": [round(t.cpu, 3) for t in timings],
    }


def _load_everything() -> dict[str, float]:
    """Load the lexicon, tables and model (:func:`soat.load`), then the tables a real text
    touches (names, foreign words, numbers); seconds for each."""
    seconds = {}
    with _clock() as loading:
        soat.load()
    seconds["soat.load() (lexicon, candidate tables, model)"] = round(loading[0].wall, 3)
    with _clock() as loading:
        soat.check(WARM_UP, use_model=False)
    seconds["first check (rules' own tables)"] = round(loading[0].wall, 3)
    return seconds


def cmd_speed(args: argparse.Namespace) -> dict:
    documents = datasets.news_of_size(args.mb)
    texts = [doc.text for doc in documents]
    whole = "\n".join(texts)
    syllables = len(peers.letter_runs(whole))
    tokens = datasets.whitespace_tokens(whole)
    report: dict = {
        "command": "speed",
        "megabytes": round(len(whole.encode("utf-8")) / 1e6, 2),
        "documents": len(documents),
        "syllables": syllables,
        "tokens": tokens,
        "load_average": round(os.getloadavg()[0], 2),
        "cores": os.cpu_count(),
        "runs": {},
        "startup_seconds": {},
        "load_seconds": _load_everything(),
        "peak_rss_mb": {},
        "peers": {},
    }
    problem = _model_problem() if not args.no_model else "--no-model given"
    runs: dict[str, list[Timing]] = {}
    runs["soat check --no-model"] = _timed_passes(texts, False, args.passes, "check --no-model")
    report["peak_rss_mb"]["after check --no-model"] = round(_peak_rss_mb())
    if problem is None:
        soat.check(WARM_UP, use_model=True)
        from soat.lm.model import model

        report["native_screening"] = model().native is not None
        runs["soat check (model)"] = _timed_passes(
            texts, True, args.model_passes, "check with model"
        )
        report["peak_rss_mb"]["after full check"] = round(_peak_rss_mb())
    else:
        report["model_skipped"] = problem
    if args.peers:
        hunspell = peers.hunspell()
        if isinstance(hunspell, str):
            report["peers"]["Hunspell-vi"] = hunspell
        else:
            with _clock(children=True) as timing:
                hunspell.unknown_words(whole)
            runs["Hunspell-vi -l"] = timing
    report["runs"] = {name: _rates(timing, syllables, tokens) for name, timing in runs.items()}
    if not args.no_startup:
        report["startup_seconds"] = _startups(problem is None)
    return report


def _startups(with_model: bool) -> dict:
    commands = {"python -c pass": ["-c", "pass"]}
    commands["soat check --no-model"] = ["-m", "soat", "check", "--no-model", "-"]
    if with_model:
        commands["soat check"] = ["-m", "soat", "check", "-"]
    timings = {}
    for name, command in commands.items():
        timings[name] = _startup(command)
        timings[f"{name}, bytecode cached"] = _startup(command, bytecode=True)
    # Real text names people and quotes foreign words: that loads more tables (run once).
    timings["soat check --no-model, a line with a foreign word (1 run)"] = _startup(
        commands["soat check --no-model"], WARM_UP, repeats=1
    )
    return {name: {"wall": round(t.wall, 3), "cpu": round(t.cpu, 3)} for name, t in timings.items()}


def show_speed(report: dict, args: argparse.Namespace, console: Console) -> None:
    console.print(
        f"[bold]Speed[/bold] — {report['megabytes']} MB of heldout news: {report['documents']}"
        f" documents, {report['syllables']:,} syllables, {report['tokens']:,} tokens; one process;"
        f" load average {report['load_average']} on {report['cores']} cores"
    )
    if "native_screening" in report:
        built = "built" if report["native_screening"] else "not built: scripts/build_native.sh"
        console.print(f"context screening in C++ (soat.lm._native): {built}")
    runs = report["runs"]
    hunspell = runs.get("Hunspell-vi -l")
    table = Table(
        "run",
        "passes",
        "wall s",
        "CPU s",
        "syllables/s",
        "tokens/s",
        "syll/CPU s",
        "best syll/CPU s",
        "first pass syll/CPU s",
        "vs Hunspell (wall, CPU)",
        caption="the median pass (by wall and by CPU time), the best pass by CPU time, and the "
        "first pass (caches still empty)",
    )
    for name, run in runs.items():
        versus = "—"
        if hunspell and name != "Hunspell-vi -l":
            by_wall = run["syllables_per_second"] / max(1, hunspell["syllables_per_second"])
            by_cpu = run["syllables_per_cpu_second"] / max(1, hunspell["syllables_per_cpu_second"])
            versus = f"{by_wall:.2f}×, {by_cpu:.2f}×"
        table.add_row(
            name,
            str(run["passes"]),
            f"{run['seconds']:.2f}",
            f"{run['cpu_seconds']:.2f}",
            f"{run['syllables_per_second']:,}",
            f"{run['tokens_per_second']:,}",
            f"{run['syllables_per_cpu_second']:,}",
            f"{run['best_syllables_per_cpu_second']:,}",
            f"{run['first_syllables_per_cpu_second']:,}",
            versus,
        )
    console.print(table)
    if "model_skipped" in report:
        console.print(f"with the model: skipped ({report['model_skipped']})")
    for name, peer in report["peers"].items():
        if isinstance(peer, str):
            console.print(f"{name} skipped: {peer}")
    other = Table(
        "measure",
        "value",
        caption="start-up: a fresh process on a one-line input, median of 3 runs; as the"
        f" environment is (PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')}"
        "), and with a bytecode cache",
    )
    for name, seconds in report["load_seconds"].items():
        other.add_row(f"load in process: {name}", f"{seconds:.3f} s")
    for name, timing in report["startup_seconds"].items():
        other.add_row(
            f"start-up: {name}",
            f"{timing['wall']:.3f} s wall, {timing['cpu']:.3f} s CPU",
        )
    for name, mb in report["peak_rss_mb"].items():
        other.add_row(f"peak RSS of this process {name}", f"{mb:,.0f} MB")
    console.print(other)


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``speed`` subcommand of ``soat eval``."""
    speed = sub.add_parser("speed", help="throughput, start-up time and memory")
    speed.add_argument("--json", action="store_true", help="print one JSON object")
    speed.add_argument("--mb", type=float, default=1.0, help="megabytes of news (default 1)")
    speed.add_argument(
        "--passes", type=int, default=5, help="passes over the text without the model (5)"
    )
    speed.add_argument(
        "--model-passes", type=int, default=3, help="passes over the text with the model (3)"
    )
    speed.add_argument("--no-model", action="store_true", help="time only the no-model check")
    speed.add_argument("--no-startup", action="store_true", help="skip the start-up timings")
    speed.add_argument("--peers", action="store_true", help="also time Hunspell-vi")
    speed.set_defaults(compute=cmd_speed, show=show_speed)
