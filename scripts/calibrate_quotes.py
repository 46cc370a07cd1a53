"""Measure how human references render direct quotes, to set the quote checks' thresholds.

For every segment of the evaluation's dev part whose English and reference have the same number of quotes, print
percentiles of the length ratio (target characters per English character) and of the CC-CEDICT
word overlap. pipeline/fidelity/quotes.py cites the numbers this prints.

    python scripts/calibrate_quotes.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.evaluation import DEFAULT_DATA
from pipeline.evaluation_data import load_segments
from pipeline.fidelity.quotes import extract_quotes, extract_target_quotes, lexical_overlap

PERCENTILES = (0, 0.01, 0.02, 0.05, 0.1, 0.5, 0.95, 0.99)


def percentiles(values: list[float]) -> list[float]:
    values = sorted(values)
    return [round(values[min(len(values) - 1, int(len(values) * p))], 3) for p in PERCENTILES] if values else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    args = parser.parse_args()
    segments = load_segments(Path(args.data), part="dev")  # thresholds are tuned on dev only
    print("percentiles:", PERCENTILES)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
