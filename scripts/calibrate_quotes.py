"""Measure how human references render direct quotes, to set the quote checks' thresholds.

On the evaluation's dev part only, print percentiles of:
- the length ratio (target characters per English character) and the dictionary word overlap, for
  segments whose English and reference have the same number of quotes;
- the meaning similarity (pipeline/fidelity/meaning.py) of each aligned reference quote with its
  English ("own"), and of each English quote with three target quotes of other documents ("other",
  what the evaluation's quote/replace puts in), for quotes under and from LONG_QUOTE_WORDS words,
  and for the pairs whose dictionary overlap fails;
- how much closer two neighbouring English quotes together are to a target quote than its own
  quote alone, where one quote is unaligned (a merge) and where both have target quotes.

pipeline/fidelity/quotes.py cites the numbers this prints.

    python scripts/calibrate_quotes.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from validator_eval.data import load_segments
from validator_eval.evaluate import DEFAULT_DATA

from pipeline.fidelity.meaning import similarity
from pipeline.fidelity.quotes import (
    LONG_QUOTE_WORDS,
    Quote,
    _lexical_problem,
    align,
    lexical_overlap,
)
from pipeline.fidelity.quotes_extract import extract_quotes, extract_target_quotes

PERCENTILES = (0, 0.01, 0.02, 0.05, 0.1, 0.5, 0.95, 0.98, 0.99, 1)
ROWS = (("ja", "ja"), ("zh-Hans", "zh-Hans"), ("zh-Hant", "zh-Hant"), ("zh-Hans.B", "zh-Hans"))
OTHERS_PER_QUOTE = 3


def percentiles(values: list[float]) -> list[float]:
    values = sorted(values)
    return [round(values[min(len(values) - 1, int(len(values) * p))], 3) for p in PERCENTILES] if values else []


def lexical(segments: list[dict]) -> None:
    for lang in ("ja", "zh-Hans"):
        ratios, overlaps = [], []
        for segment in segments:
            if lang not in segment["refs"]:
                continue
            sources, targets = extract_quotes(segment["en"]), extract_target_quotes(segment["refs"][lang])
            if len(sources) != len(targets):
                continue
            for source, target in zip(sources, targets, strict=True):
                ratios.append(len(target.text) / max(1, len(source.text)))
                overlap, glossed = lexical_overlap(source.text, target.text, lang)
                if glossed >= 3:
                    overlaps.append(overlap)
        print(f"{lang}: {len(ratios)} quotes; length ratio {percentiles(ratios)}; overlap {percentiles(overlaps)}")


def aligned_pairs(segments: list[dict], row: str, lang: str) -> list[tuple[str, Quote, Quote]]:
    """(document, English quote, its aligned target quote) of every reference of `row`."""
    found = []
    for segment in segments:
        if row in segment["refs"]:
            sources, targets = extract_quotes(segment["en"]), extract_target_quotes(segment["refs"][row])
            doc = f"{segment['corpus']}:{segment['doc']}"
            found += [(doc, s, targets[k]) for s, k in zip(sources, align(sources, targets, lang), strict=True)
                      if k is not None]
    return found


def meaning(segments: list[dict]) -> None:
    for row, lang in ROWS:
        pairs = aligned_pairs(segments, row, lang)
        rng = random.Random(0)
        others = [(s, rng.choice([t for d, _, t in pairs if d != doc]))
                  for doc, s, _ in pairs for _ in range(OTHERS_PER_QUOTE)]
        for name, group in (("own", [(s, t) for _, s, t in pairs]), ("other", others)):
            scores = similarity([(s.text, t.text) for s, t in group], lang)
            long = [len(s.text.split()) >= LONG_QUOTE_WORDS for s, _ in group]
            failed = [_lexical_problem(s, t, lang) is not None for s, t in group]
            for label, keep in ((f"< {LONG_QUOTE_WORDS} words", [not x for x in long]),
                                (f">= {LONG_QUOTE_WORDS} words", long), ("dictionary overlap fails", failed)):
                chosen = [c for c, k in zip(scores, keep, strict=True) if k]
                print(f"{row} meaning, {name}, {label}: n={len(chosen)} {percentiles(chosen)}")


def merge_gains(segments: list[dict]) -> None:
    merges, separate = [], []
    for row, lang in ROWS:
        for segment in segments:
            if row not in segment["refs"]:
                continue
            sources, targets = extract_quotes(segment["en"]), extract_target_quotes(segment["refs"][row])
            pairs = align(sources, targets, lang)
            for i in range(len(sources)):
                for j in (i - 1, i + 1):
                    if not 0 <= j < len(sources) or pairs[j] is None:
                        continue
                    first, second = (sources[j], sources[i]) if j < i else (sources[i], sources[j])
                    target = targets[pairs[j]].text
                    alone, together = similarity([(sources[j].text, target),
                                                  (first.text + " " + second.text, target)], lang)
                    (merges if pairs[i] is None else separate).append(together - alone)
    print(f"merge gain, one quote unaligned: n={len(merges)} {sorted(round(g, 3) for g in merges)}")
    print(f"merge gain, both aligned: n={len(separate)} {percentiles(separate)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    args = parser.parse_args()
    segments = load_segments(Path(args.data), part="dev")  # thresholds are tuned on dev only
    print("percentiles:", PERCENTILES)
    lexical(segments)
    meaning(segments)
    merge_gains(segments)
    return 0


if __name__ == "__main__":
    sys.exit(main())
