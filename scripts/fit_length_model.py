"""Fit the coverage check's length model on the dev part's human references, and measure it.

For each language, the translation's length in English letters (weight × CJK characters + Latin
letters and digits) against its source's letters: the log ratio as intercept + slope × log(letters)
(least squares), and its spread as sqrt(floor + per_letter / letters) (least squares on the squared
residuals). Chinese is fitted on both of WMT21's independent references where a segment has two:
two correct translations that differ in length show how much a correct length varies.

Then, for the shipped models (pipeline/fidelity/coverage_length.py) and the fitted ones, on every
dev row: references with a length error and with a warning, and how many references cut to their
first 40% of characters get an error (a translation that stopped early).

    python scripts/fit_length_model.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from pathlib import Path

from validator_eval.data import load_segments
from validator_eval.evaluate import DEFAULT_DATA

from pipeline.fidelity.coverage_length import (
    CJK,
    LENGTH_ERROR_Z,
    LENGTH_MODELS,
    LengthModel,
    length_finding,
    source_letters,
    translation_units,
)

ROWS = (("ja", "ja"), ("zh-Hans", "zh-Hans"), ("zh-Hans.B", "zh-Hans"))
FITTED_ON = {"ja": ("ja",), "zh-Hans": ("zh-Hans", "zh-Hans.B")}
CUT = 0.4


def _least_squares(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """(intercept, slope) of y on x."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return my - slope * mx, slope


def fit(pairs: list[tuple[str, str]]) -> LengthModel:
    """A LengthModel fitted on (English, reference) pairs."""
    pairs = [(en, ref) for en, ref in pairs if source_letters(en) and CJK.search(ref)]
    weight = statistics.median(source_letters(en) / len(CJK.findall(ref)) for en, ref in pairs)
    letters = [source_letters(en) for en, _ in pairs]
    units = [translation_units(ref, weight) for _, ref in pairs]
    logs = [math.log(n) for n in letters]
    ratios = [math.log(max(u, 0.5) / n) for u, n in zip(units, letters, strict=True)]
    intercept, slope = _least_squares(logs, ratios)
    squares = [(r - intercept - slope * x) ** 2 for r, x in zip(ratios, logs, strict=True)]
    floor, per_letter = _least_squares([1 / n for n in letters], squares)
    return LengthModel(round(weight, 1), round(intercept, 3), round(slope, 3), round(max(floor, 0.001), 4),
                       round(max(per_letter, 0.0), 2))


def measure(segments: list[dict], models: dict[str, LengthModel]) -> None:
    saved = dict(LENGTH_MODELS)
    LENGTH_MODELS.update(models)  # length_finding reads the module's table
    try:
        for row, lang in ROWS:
            pairs = [(s["en"], s["refs"][row]) for s in segments if row in s["refs"]]
            findings = [length_finding(en, ref, lang) for en, ref in pairs]
            errors = sum(f is not None and f.severity == "error" for f in findings)
            warnings = sum(f is not None and f.severity == "warning" for f in findings)
            cut = [length_finding(en, ref[:max(1, int(len(ref) * CUT))], lang) for en, ref in pairs]
            caught = sum(f is not None and f.severity == "error" for f in cut)
            print(f"  {row}: {len(pairs)} references, errors {errors} ({errors / len(pairs):.2%}), warnings "
                  f"{warnings}; cut to {CUT:.0%}: error in {caught / len(pairs):.1%}")
    finally:
        LENGTH_MODELS.clear()
        LENGTH_MODELS.update(saved)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    segments = load_segments(args.data, "dev")
    fitted = {lang: fit([(s["en"], s["refs"][row]) for s in segments for row in rows if row in s["refs"]])
              for lang, rows in FITTED_ON.items()}
    fitted["zh-Hant"] = fitted["zh-Hans"]
    for lang in FITTED_ON:
        print(f"{lang}: shipped {LENGTH_MODELS[lang]}\n{lang}: fitted  {fitted[lang]}")
    print(f"shipped models (errors beyond {LENGTH_ERROR_Z} spreads):")
    measure(segments, {lang: LENGTH_MODELS[lang] for lang in FITTED_ON})
    print("fitted models:")
    measure(segments, fitted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
