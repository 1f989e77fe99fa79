"""Throughput, start-up time and memory of soat beside Hunspell-vi: ``soat eval speed``.

    PYTHONPATH=src python benchmarks/speed.py [--mb 1] [--passes 5] [--peers] [--no-model] [--json]

Arguments are passed through to ``soat eval speed`` (see ``benchmarks/README.md``). Kept out of
the test suite: it prints figures, it asserts nothing.
"""

from __future__ import annotations

import sys

from soat.eval.cli import run

if __name__ == "__main__":
    sys.exit(run(["speed", *sys.argv[1:]]))
