"""False alarms of the document, foreign, number, typography, style and informal rules on news.

Reads news documents set aside from training (``soat.lm.corpus.iter_documents("heldout")``),
runs each rule on each document, and prints each rule's flags per 1,000 word tokens plus a few
sample flags per rule. Clean edited news should raise at most 1 flag per
1,000 tokens for these rules together.

    python benchmarks/rules_false_alarms.py \
        [--docs 2000] [--samples 5] [--rule VI_NAME_VARIANT] [--corpus baomoi]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator

from soat.document import Document
from soat.lm.corpus import iter_documents
from soat.options import Options
from soat.rules import RULE_MODULES, all_rules

# Every rule but the spelling ones, which `soat eval spelling` and `soat eval clean` measure.
MODULES = tuple(m for m in RULE_MODULES if m not in ("soat.rules.nonword", "soat.rules.context"))


def heldout_documents(limit: int, corpus: str) -> Iterator[str]:
    """The first ``limit`` heldout documents of ``corpus`` (the split the model never saw)."""
    for count, document in enumerate(iter_documents("heldout", (corpus,))):
        if count >= limit:
            return
        yield document.text


def context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", "⏎")
    right = text[end : end + width].replace("\n", "⏎")
    return f"{left}[{text[start:end]}]{right}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--rule", action="append", default=[])
    parser.add_argument("--corpus", default="baomoi", help="baomoi (news) or viwiki")
    args = parser.parse_args()

    rules = [r for r in all_rules() if type(r).__module__ in MODULES]
    if args.rule:
        rules = [r for r in rules if r.id in args.rule]
    options = Options(enabled=frozenset(r.id for r in rules))
    counts: Counter = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    words = tokens = documents = 0
    seconds: Counter = Counter()
    for text in heldout_documents(args.docs, args.corpus):
        documents += 1
        doc = Document.from_text(text, options)
        words += sum(1 for token in doc.tokens if token.kind == "word")
        tokens += len(doc.tokens)
        for rule in rules:
            began = time.perf_counter()
            for issue in rule.check(doc):
                counts[rule.id] += 1
                samples[rule.id].append(
                    context(text, issue.offset, issue.end) + f"  → {list(issue.replacements)[:2]}"
                )
            seconds[rule.id] += time.perf_counter() - began

    print(f"{documents} documents, {words} word tokens ({tokens} tokens with punctuation)")
    print("rates are flags per 1,000 word tokens (the stricter denominator)")
    print(f"{'rule':32} {'flags':>6} {'/1000':>7} {'sec':>6}")
    total_on = 0
    for rule in rules:
        rate = 1000 * counts[rule.id] / max(words, 1)
        note = "" if rule.default_on else "  (off by default)"
        total_on += counts[rule.id] if rule.default_on else 0
        print(f"{rule.id:32} {counts[rule.id]:6d} {rate:7.3f} {seconds[rule.id]:6.1f}{note}")
    print(f"{'TOTAL (default-on rules)':32} {total_on:6d} {1000 * total_on / max(words, 1):7.3f}")
    print(f"{'  per 1,000 tokens of any kind':32} {'':6} {1000 * total_on / max(tokens, 1):7.3f}")
    rng = random.Random(0)
    for rule in rules:
        found = samples[rule.id]
        if not found:
            continue
        print(f"\n== {rule.id} ({len(found)})")
        for line in rng.sample(found, min(args.samples, len(found))):
            print("  ", line)


if __name__ == "__main__":
    main()
