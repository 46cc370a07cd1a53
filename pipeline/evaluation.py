"""Evaluate the fidelity validator on WMT news with human Japanese and Chinese references.

False alarms: the share of human reference segments with an error finding. Recall: the share of
automatically perturbed references (a figure's value, scale or unit changed; a name replaced or
deleted; a quote deleted or its content replaced) where the validator reports a new error of the
perturbed kind. translate-toolkit's pofilter `numbers` check runs on the same pairs for comparison
(install it with `pip install translate-toolkit`; it is skipped when missing).

    python -m pipeline eval [--data ../shared/data] [--limit N] [--out results.json] [--model-assisted]
    (or python scripts/evaluate_validator.py with the same options)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from pipeline.fidelity.facts import LANGS, Finding

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT_CONFIG = Path(__file__).resolve().parents[1] / "configs" / "default.yaml"
SCALE_SWAP = {"万": "億", "億": "万", "亿": "万", "萬": "億"}
# The units the issue names: currencies, percentages, duration counters.
UNIT_SWAP = {"円": "ドル", "ドル": "円", "日元": "美元", "美元": "日元", "日圓": "美元", "%": "円", "％": "円",
             "元": "美元", "ユーロ": "円", "欧元": "美元", "歐元": "美元", "英镑": "美元", "ポンド": "円",
             "か月": "年", "ヶ月": "年", "个月": "年", "個月": "年", "年間": "か月"}
STAND_IN_NAMES = {"ja": "佐藤健太郎", "zh-Hans": "王建国", "zh-Hant": "王建國"}
FILLER = {"ja": "天気は晴れで、気温は平年並みだった", "zh-Hans": "天气晴朗，气温与往年持平",
          "zh-Hant": "天氣晴朗，氣溫與往年持平"}


try:
    from translate.filters import checks as _pofilter_checks  # noqa: F401

    HAS_POFILTER = True
except ImportError:
    HAS_POFILTER = False


def load_segments(data: Path) -> list[dict[str, str]]:
    """Aligned (en, ja, zh-Hans, zh-Hant) segments from the WMT22 and WMT24 news files."""
    import opencc

    to_hant = opencc.OpenCC("s2hk")
    segments = []
    for path in sorted(data.glob("wmt*/news.en-ja-zh.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for i, (en, ja, zh) in enumerate(zip(doc["en"], doc["ja"], doc["zh"], strict=True)):
                segments.append({"id": f"{path.parent.name}/{doc['doc_id']}/{i}", "en": en, "ja": ja,
                                 "zh-Hans": zh, "zh-Hant": to_hant.convert(zh)})
    return segments


def errors_of(report, kind: str | None = None, severities: tuple[str, ...] = ("error",)) -> set[tuple[str, str, str]]:
    return {(f.kind, f.status, f.source.text if f.source else f.target.text if f.target else "")
            for f in report.findings if f.severity in severities and (kind is None or f.kind == kind)}


def perturbations(en: str, target: str, lang: str, report, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(kind, perturbation, perturbed text, the source fact perturbed) for what this segment offers."""
    out = []
    preserved = {k: [f for f in report.findings if f.kind == k and f.status == "preserved" and f.target]
                 for k in ("figure", "name", "quote")}
    digit_figures = [f for f in preserved["figure"] if re.search(r"\d", f.target.text)]
    if digit_figures:
        f = rng.choice(digit_figures)
        span = f.target
        digits = list(re.finditer(r"\d", span.text))
        d = digits[0]
        new_digit = str((int(d.group()) + rng.randint(1, 8)) % 10)
        if new_digit == d.group():
            new_digit = str((int(d.group()) + 1) % 10)
        changed = span.text[:d.start()] + new_digit + span.text[d.end():]
        out.append(("figure", "value", target[:span.start] + changed + target[span.end:], f.source.text))
        scale = next((ch for ch in span.text if ch in SCALE_SWAP), None)
        if scale:
            swapped = span.text.replace(scale, SCALE_SWAP[scale], 1)
            out.append(("figure", "scale", target[:span.start] + swapped + target[span.end:], f.source.text))
        unit = next((u for u in sorted(UNIT_SWAP, key=len, reverse=True) if u in span.text), None)
        if unit:
            swapped = span.text.replace(unit, UNIT_SWAP[unit], 1)
            out.append(("figure", "unit", target[:span.start] + swapped + target[span.end:], f.source.text))
    # Every name in CJK script, not one drawn at random: a random draw of one name per segment moved
    # the recall by three points with the draw alone.
    cjk_names: dict[str, Finding] = {}
    for f in preserved["name"]:
        if not re.search(r"[A-Za-z]", f.target.text):
            cjk_names.setdefault(f.target.text, f)
    for text, f in cjk_names.items():
        # Every mention goes: a name that stays elsewhere in the segment is still preserved.
        out.append(("name", "replace", target.replace(text, STAND_IN_NAMES[lang]), f.source.text))
        out.append(("name", "delete", target.replace(text, ""), f.source.text))
    if preserved["quote"]:
        f = rng.choice(preserved["quote"])
        span = f.target
        out.append(("quote", "delete", target[:span.start] + target[span.end:], f.source.text))
        mark_open, mark_close = span.text[0], span.text[-1]
        replaced = mark_open + FILLER[lang] + mark_close
        out.append(("quote", "replace", target[:span.start] + replaced + target[span.end:], f.source.text))
    return out


def pofilter_numbers(en: str, target: str) -> bool | None:
    """True when translate-toolkit's numbers check fails the pair; None when it is not installed."""
    try:
        from translate.filters import checks
    except ImportError:
        return None
    try:
        checks.StandardChecker().numbers(en, target)
    except checks.FilterFailure:
        return True
    return False


def evaluate(segments: list[dict[str, str]], seed: int = 0, assist=None, sample: int = 20,
             assisted_langs: tuple[str, ...] = ("ja", "zh-Hans")) -> dict:
    """Counts of false alarms and recall per language and kind, for us and for pofilter.

    With `assist` (a TextGenerator), also the model-assisted option's effect in `assisted_langs`:
    false alarms after back-translation of every alarm, and the share of `sample` caught name and
    quote perturbations per kind that stay caught.
    """
    from pipeline.fidelity import check
    from pipeline.fidelity.check import default_glossary

    glossary = default_glossary()
    stats: dict = {"segments": len(segments), "langs": {}}
    alarms_examples = []
    missed_examples = []
    assisted_seconds = 0.0
    started = time.perf_counter()
    checks_run = 0
    for lang in LANGS:
        alarms = pof_alarms = 0
        # kind/perturbation -> [caught as an error, total, pofilter caught, noticed as an error or a warning]
        recall = defaultdict(lambda: [0, 0, 0, 0])
        by_kind_alarms = defaultdict(int)
        alarm_items = []  # (source, translation, report) of references with an error finding
        caught_items = defaultdict(list)  # "name/delete" -> [(source, perturbed, report, errors before)]
        for seg in segments:
            report = check(seg["en"], seg[lang], lang, glossary)
            checks_run += 1
            if report.errors:
                alarms += 1
                alarm_items.append((seg["en"], seg[lang], report))
                for f in report.errors:
                    by_kind_alarms[f.kind] += 1
                if len(alarms_examples) < 400:
                    messages = [f.message for f in report.errors]
                    alarms_examples.append({"id": seg["id"], "lang": lang, "errors": messages})
            pof_before = pofilter_numbers(seg["en"], seg[lang])
            pof_alarms += bool(pof_before)
            before = errors_of(report)
            noticed_before = errors_of(report, severities=("error", "warning"))
            # Each segment draws from its own generator, so that a change which finds one more fact in
            # one segment does not change what is perturbed in all the segments after it.
            rng = random.Random(f"{seed}:{seg['id']}:{lang}")
            for kind, how, text, fact in perturbations(seg["en"], seg[lang], lang, report, rng):
                after = check(seg["en"], text, lang, glossary)
                checks_run += 1
                caught = any(k == kind for k, _, _ in errors_of(after) - before)
                cell = recall[f"{kind}/{how}"]
                cell[0] += caught
                cell[1] += 1
                if caught and kind in ("name", "quote"):
                    caught_items[f"{kind}/{how}"].append((seg["en"], text, after, before))
                if not caught and len(missed_examples) < 2000:
                    noticed = [f.message for f in after.findings if f.kind == kind and f.severity == "warning"]
                    missed_examples.append({"id": seg["id"], "lang": lang, "perturbation": f"{kind}/{how}",
                                            "fact": fact, "text": text, "warnings": noticed})
                cell[3] += any(k == kind for k, _, _ in errors_of(after, severities=("error", "warning"))
                               - noticed_before)
                if kind == "figure":
                    cell[2] += bool(pofilter_numbers(seg["en"], text)) and not pof_before
        stats["langs"][lang] = {
            "false_alarm_rate": alarms / len(segments), "false_alarms": alarms,
            "false_alarms_by_kind": dict(by_kind_alarms),
            "pofilter_false_alarm_rate": pof_alarms / len(segments),
            "recall": {k: {"caught": v[0], "total": v[1], "rate": v[0] / v[1] if v[1] else None,
                           "noticed_rate": v[3] / v[1] if v[1] else None,
                           "pofilter_rate": v[2] / v[1] if v[1] and k.startswith("figure") else None}
                       for k, v in sorted(recall.items())},
        }
        if assist is not None and lang in assisted_langs:
            stats["langs"][lang]["model_assisted"] = assisted_effect(
                alarm_items, caught_items, assist, len(segments), sample, random.Random(seed))
            assisted_seconds += stats["langs"][lang]["model_assisted"]["seconds"]
    elapsed = time.perf_counter() - started - assisted_seconds  # the validator's own pace
    stats["pairs_per_second"] = checks_run / elapsed
    stats["alarm_examples"] = alarms_examples
    stats["missed_examples"] = missed_examples
    return stats


def assisted_effect(alarm_items: list, caught_items: dict, assist, total: int, sample: int,
                    rng: random.Random) -> dict:
    """Back-translate (pipeline.fidelity.assisted) every alarm and a sample of caught perturbations."""
    from pipeline.fidelity.assisted import reconsider

    picked = {k: rng.sample(v, min(sample, len(v))) for k, v in sorted(caught_items.items())}
    items = list(alarm_items) + [(en, text, after) for v in picked.values() for en, text, after, _ in v]
    started = time.perf_counter()
    softened = reconsider(items, assist)
    seconds = time.perf_counter() - started
    still_caught = {
        k: sum(any(kind == k.split("/")[0] for kind, _, _ in errors_of(after) - before)
               for _, _, after, before in v) / len(v)
        for k, v in picked.items() if v
    }
    return {"false_alarm_rate": sum(bool(r.errors) for _, _, r in alarm_items) / total,
            "still_caught": still_caught, "sampled": {k: len(v) for k, v in picked.items()},
            "softened": softened, "seconds": round(seconds, 1)}


def print_table(stats: dict) -> None:
    print(f"{stats['segments']} reference segments per language; {stats['pairs_per_second']:.0f} pairs/s")
    print("| lang | false alarms | pofilter numbers false alarms | "
          + " | ".join(sorted({k for s in stats['langs'].values() for k in s['recall']})) + " |")
    keys = sorted({k for s in stats["langs"].values() for k in s["recall"]})
    for lang, s in stats["langs"].items():
        cells = []
        for k in keys:
            r = s["recall"].get(k)
            if not r or r["rate"] is None:
                cells.append("-")
                continue
            pof = f" (pofilter {r['pofilter_rate']:.0%})" if HAS_POFILTER and r["pofilter_rate"] is not None else ""
            noticed = f", {r['noticed_rate']:.0%} with warnings" if r["noticed_rate"] != r["rate"] else ""
            cells.append(f"{r['rate']:.1%} of {r['total']}{noticed}{pof}")
        pofilter = f"{s['pofilter_false_alarm_rate']:.1%}" if HAS_POFILTER else "- (not installed)"
        rates = f"| {lang} | {s['false_alarm_rate']:.1%} | {pofilter} | "
        print(rates + " | ".join(cells) + " |")
        print(f"|   by kind | {s['false_alarms_by_kind']} |")
        if assisted := s.get("model_assisted"):
            kept = ", ".join(f"{k} {v:.0%} of {assisted['sampled'][k]} caught stay caught"
                             for k, v in assisted["still_caught"].items())
            print(f"|   model-assisted | false alarms {assisted['false_alarm_rate']:.1%}; {kept}; "
                  f"{assisted['seconds']} s of back-translation |")


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The evaluation's options, shared by `python -m pipeline eval` and the script."""
    parser.add_argument("--data", default=str(DEFAULT_DATA),
                        help="folder with wmt*/news.en-ja-zh.jsonl (default: ../shared/data)")
    parser.add_argument("--limit", type=int, help="only the first N segments")
    parser.add_argument("--out", help="write the full results (with false-alarm examples) as JSON")
    parser.add_argument("--model-assisted", action="store_true",
                        help="also measure validation.model_assisted with the default config's model (ja, zh-Hans)")
    parser.add_argument("--sample", type=int, default=20,
                        help="caught name and quote perturbations per kind to back-translate (default 20)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    return run(add_arguments(parser).parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Evaluate, print the table, and write the JSON results when asked."""
    segments = load_segments(Path(args.data))
    if not segments:
        print(f"error: {args.data}: no wmt*/news.en-ja-zh.jsonl files", file=sys.stderr)
        return 2
    assist = None
    if args.model_assisted:
        from pipeline.batch import load_models
        from pipeline.config import load_config

        assist = load_models(load_config(DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None)).translation
    stats = evaluate(segments[: args.limit] if args.limit else segments, assist=assist, sample=args.sample)
    print_table(stats)
    if args.out:
        Path(args.out).write_text(json.dumps(stats, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
