"""Evaluate the fidelity validator on WMT news with human Japanese and Chinese references.

The data (WMT21, WMT22, WMT24) is split once by document into a dev part and a frozen test part
(validator_eval.data); both are reported side by side with their difference, because the
validator is judged on news it has never seen and a rule that helps only the part it was written
on does not generalise.

False alarms: the share of human reference segments with an error finding (WMT21's second Chinese
reference is scored as its own row, "zh-Hans.B"). Recall: the share of automatically perturbed
references where the validator reports a new error of the perturbed kind: a figure's value, scale
or unit changed, a count in CJK numerals changed, a weekday replaced by an invented date; a name
replaced by another document's name, deleted, or another document's name added; a quote deleted
or replaced by another document's quote. Real MT systems' outputs (WMT21) are checked too: their
error rate is shown, not scored (nobody labelled them). translate-toolkit's pofilter `numbers`
check runs on the same pairs for comparison (`pip install translate-toolkit`; skipped when missing).

    python -m pipeline eval [--data ../shared/data] [--part dev|test|both] [--limit N] [--out results.json]
    (or python scripts/evaluate_validator.py with the same options)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from pipeline.fidelity.facts import LANGS, Finding
from pipeline.fidelity.figures_cjk import counted
from pipeline.fidelity.figures_cjk import extract_figures as extract_target_figures
from pipeline.fidelity.name_evidence import name_candidates, text_before_bracket
from validator_eval.data import PARTS, load_segments

# The project's checkout sits beside shared/ (scripts/validator_eval/ is two levels down).
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
SCALE_SWAP = {"万": "億", "億": "万", "亿": "万", "萬": "億"}
# The units the issue names: currencies, percentages, duration counters.
UNIT_SWAP = {"円": "ドル", "ドル": "円", "日元": "美元", "美元": "日元", "日圓": "美元", "%": "円", "％": "円",
             "元": "美元", "ユーロ": "円", "欧元": "美元", "歐元": "美元", "英镑": "美元", "ポンド": "円",
             "か月": "年", "ヶ月": "年", "个月": "年", "個月": "年", "年間": "か月"}
CJK_NUMERALS = "一二三四五六七八九"
FILLER = {"ja": "天気は晴れで、気温は平年並みだった", "zh-Hans": "天气晴朗，气温与往年持平",
          "zh-Hant": "天氣晴朗，氣溫與往年持平"}
# The rows scored: a reference key and the language its check runs in.
ROWS = (("ja", "ja"), ("zh-Hans", "zh-Hans"), ("zh-Hant", "zh-Hant"), ("zh-Hans.B", "zh-Hans"))
# Recall reported per kind: caught over perturbed, all the kind's perturbations together.
KINDS = ("figure", "name", "quote", "added")


try:
    from translate.filters import checks as _pofilter_checks  # noqa: F401

    HAS_POFILTER = True
except ImportError:
    HAS_POFILTER = False


def errors_of(report, kind: str | None = None, severities: tuple[str, ...] = ("error",)) -> set[tuple[str, str, str]]:
    return {(f.kind, f.status, f.source.text if f.source else f.target.text if f.target else "")
            for f in report.findings if f.severity in severities and (kind is None or f.kind == kind)}


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _reads_as_another_unit(before: str, after: str) -> bool:
    """Whether the figure `after` reads as one in a unit other than the one `before` has."""
    units_before = {f.unit for f in extract_target_figures(before)}
    return any(f.unit and f.unit not in units_before for f in extract_target_figures(after))


def _figure_perturbations(target: str, figures: list[Finding], rng: random.Random) -> list[tuple[str, str, str]]:
    """(perturbation, perturbed text, the source figure) for the preserved `figures` of `target`."""
    out = []
    digit_figures = [f for f in figures if re.search(r"\d", f.target.text)]
    if digit_figures:
        chosen = rng.choice(digit_figures)
        span, fact = chosen.target, chosen.source.text if chosen.source else ""
        d = next(re.finditer(r"\d", span.text))
        new_digit = str((int(d.group()) + rng.randint(1, 8)) % 10)
        if new_digit == d.group():
            new_digit = str((int(d.group()) + 1) % 10)
        changed = span.text[:d.start()] + new_digit + span.text[d.end():]
        out.append(("value", _splice(target, span.start, span.end, changed), fact))
        if scale := next((ch for ch in span.text if ch in SCALE_SWAP), None):
            swapped = span.text.replace(scale, SCALE_SWAP[scale], 1)
            out.append(("scale", _splice(target, span.start, span.end, swapped), fact))
        if unit := next((u for u in sorted(UNIT_SWAP, key=len, reverse=True) if u in span.text), None):
            swapped = span.text.replace(unit, UNIT_SWAP[unit], 1)
            # Only a swap that reads as another unit: 元 of 澳元 made 澳美元, a word of no currency.
            if _reads_as_another_unit(span.text, swapped):
                out.append(("unit", _splice(target, span.start, span.end, swapped), fact))
    # A count or a duration in CJK numerals (三个月, 二人, 一週間) given another numeral (never 一); not a
    # weekday (周三), a date or an ordinal. Every such count the translator wrote is a candidate, not
    # only those the validator paired with the source: a count it cannot see is a count it misses.
    paired = {f.target.start: f.source.text for f in figures if f.source}
    numerals = [f for f in extract_target_figures(target)
                if f.words and any(ch in CJK_NUMERALS for ch in f.span.text)
                and (counted(f) or f.unit in ("year", "month", "week", "day", "hour"))]
    if numerals:
        span = rng.choice(numerals).span
        at = next(i for i, ch in enumerate(span.text) if ch in CJK_NUMERALS)
        other = rng.choice([ch for ch in CJK_NUMERALS[1:] if ch != span.text[at]])
        changed = span.text[:at] + other + span.text[at + 1:]
        out.append(("cjk-numeral", _splice(target, span.start, span.end, changed), paired.get(span.start, "")))
    # A weekday replaced by an invented date: what the embedded model does to "on Friday".
    weekdays = [f for f in figures if f.source and re.fullmatch(
        r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?", f.source.text)]
    if weekdays:
        chosen = rng.choice(weekdays)
        span = chosen.target
        invented = f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        out.append(("date", _splice(target, span.start, span.end, invented), chosen.source.text))
    return out


def perturbations(en: str, target: str, lang: str, report, rng: random.Random,
                  pool: dict[str, list[tuple[str, str]]] | None = None) -> list[tuple[str, str, str, str]]:
    """(kind, perturbation, perturbed text, the source fact perturbed) for what this segment offers.

    `pool` holds renderings from other documents of the same part: "name" → [(English, rendering)],
    "quote" → [(English, rendering)]; a swapped or added name and a replaced quote come from it, so
    that what is put in is real text, not one stand-in a rule could learn.
    """
    pool = pool or {}
    out = []
    preserved = {k: [f for f in report.findings if f.kind == k and f.status == "preserved" and f.target]
                 for k in ("figure", "name", "quote")}
    out += [("figure", how, text, fact) for how, text, fact in _figure_perturbations(target, preserved["figure"], rng)]
    # Every name in CJK script, not one drawn at random: a random draw of one name per segment moved
    # the recall by three points with the draw alone.
    cjk_names: dict[str, Finding] = {}
    for f in preserved["name"]:
        if not re.search(r"[A-Za-z]", f.target.text):
            cjk_names.setdefault(f.target.text, f)
    source_lower = en.lower()
    others = [(e, r) for e, r in pool.get("name", []) if e.lower() not in source_lower and r not in target
              and not re.search(r"[A-Za-z]", r)]
    for text, f in cjk_names.items():
        # Every mention goes: a name that stays elsewhere in the segment is still preserved.
        if others:
            _, other = _stable_choice(others, f"replace|{target}|{text}")
            out.append(("name", "replace", target.replace(text, other), f.source.text))
        out.append(("name", "delete", target.replace(text, ""), f.source.text))
    # A name kept in English as a gloss in brackets after its rendering (库雷希（Qureshi）): the
    # rendering, what readers read, replaced by another document's name.
    for f in preserved["name"]:
        run = text_before_bracket(target, f.target) if re.search(r"[A-Za-z]", f.target.text) else None
        ending = [c for c in name_candidates(run.text, lang) if c.end == len(run.text)] if run else []
        if ending and others:
            start = run.start + ending[-1].start
            _, other = _stable_choice(others, f"gloss|{target}|{f.target.text}")
            out.append(("name", "replace", _splice(target, start, run.end, other), f.source.text))
    if cjk_names and others:
        # Another document's name joined to one of this segment's ("A and B"): a name the English
        # lacks. Three draws: whether one added name is noticed depends much on its kind (a country,
        # a person in katakana), so one draw per segment left the rate to chance.
        text = rng.choice(sorted(cjk_names))
        for english, other in _stable_sample(others, f"add|{target}|{text}", ADDED_DRAWS):
            joined = f"{other}と{text}" if lang == "ja" else f"{other}和{text}"
            out.append(("name", "add", target.replace(text, joined, 1), english))
    if preserved["quote"]:
        f = rng.choice(preserved["quote"])
        span = f.target
        out.append(("quote", "delete", _splice(target, span.start, span.end, ""), f.source.text))
        quotes = [r for e, r in pool.get("quote", []) if e != f.source.text and r != span.text]
        inner = rng.choice(quotes)[1:-1] if quotes else FILLER[lang]
        replaced = span.text[0] + inner + span.text[-1]
        out.append(("quote", "replace", _splice(target, span.start, span.end, replaced), f.source.text))
    return out


ADDED_DRAWS = 3
MISSED_PER_CELL = 300


def _stable_sample(items: list[tuple[str, str]], key: str, size: int) -> list[tuple[str, str]]:
    """Up to `size` distinct `items`, ranked by a hash of the item and `key`: the choice stays when
    other items join or leave the pool (a name found in another document does not redraw this
    segment's)."""
    ranked = sorted(set(items), key=lambda item: hashlib.sha256(f"{key}|{item[0]}|{item[1]}".encode()).digest())
    return ranked[:size]


def _stable_choice(items: list[tuple[str, str]], key: str) -> tuple[str, str]:
    """One of `items`, as `_stable_sample` ranks them."""
    return _stable_sample(items, key, 1)[0]


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


def _pool(checked: list[tuple[dict, object]]) -> dict[str, list[tuple[str, str]]]:
    """Name and quote renderings found in the references, for other documents' perturbations."""
    pool: dict[str, list[tuple[str, str]]] = {"name": [], "quote": []}
    for _, report in checked:
        for f in report.findings:
            if f.status == "preserved" and f.kind in pool and f.source and f.target:
                if f.kind == "name" and len(f.target.text) < 2:
                    continue
                pool[f.kind].append((f.source.text, f.target.text))
    return pool


def evaluate(segments: list[dict], seed: int = 0, assist=None, sample: int = 20,
             assisted_langs: tuple[str, ...] = ("ja", "zh-Hans")) -> dict:
    """Counts of false alarms and recall per reference row and kind, for us and for pofilter.

    `segments` are validator_eval.data's (one part, or any list of them). With `assist` (a
    TextGenerator), also the model-assisted option's effect in `assisted_langs`: false alarms
    after back-translation of every alarm, and the share of `sample` caught name and quote
    perturbations per kind that stay caught.
    """
    from pipeline.fidelity import check as check_one
    from pipeline.fidelity.checking import default_glossary, prefetch_facts

    glossary = default_glossary()
    prefetch_facts([seg["en"] for seg in segments])
    stats: dict = {"segments": len(segments), "documents": len({(s["corpus"], s["doc"]) for s in segments}),
                   "langs": {}}
    alarms_examples = []
    missed_examples = []
    missed_per_cell: dict[tuple[str, str], int] = defaultdict(int)
    assisted_seconds = 0.0
    # Every segment is checked with the English of its whole document, as the pipeline checks an
    # article's segments: a count the translation writes may come from another segment.
    documents: dict[tuple[str, str], list[str]] = defaultdict(list)
    for seg in segments:
        documents[seg["corpus"], seg["doc"]].append(seg["en"])
    english = {key: "\n".join(texts) for key, texts in documents.items()}

    def check(source: str, translation: str, lang: str, glossary, seg: dict):
        return check_one(source, translation, lang, glossary, document=english[seg["corpus"], seg["doc"]])

    started = time.perf_counter()
    checks_run = 0
    for row, lang in ROWS:
        with_ref = [seg for seg in segments if row in seg["refs"]]
        if not with_ref:
            continue
        checked = [(seg, check(seg["en"], seg["refs"][row], lang, glossary, seg)) for seg in with_ref]
        checks_run += len(checked)
        pool = _pool(checked)
        alarms = pof_alarms = 0
        # kind/perturbation -> [caught as an error, total, pofilter caught, noticed as an error or a warning]
        recall = defaultdict(lambda: [0, 0, 0, 0])
        by_kind_alarms = defaultdict(int)
        alarm_items = []  # (source, translation, report) of references with an error finding
        caught_items = defaultdict(list)  # "name/delete" -> [(source, perturbed, report, errors before)]
        per_document: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # [alarms, references]
        for seg, report in checked:
            reference = seg["refs"][row]
            per_document[seg["corpus"], seg["doc"]][1] += 1
            per_document[seg["corpus"], seg["doc"]][0] += bool(report.errors)
            if report.errors:
                alarms += 1
                alarm_items.append((seg["en"], reference, report))
                for f in report.errors:
                    by_kind_alarms[f.kind] += 1
                if len(alarms_examples) < 600:
                    alarms_examples.append({"id": seg["id"], "lang": row, "errors": [f.message for f in report.errors]})
            pof_before = pofilter_numbers(seg["en"], reference)
            pof_alarms += bool(pof_before)
            before = errors_of(report)
            noticed_before = errors_of(report, severities=("error", "warning"))
            # Each segment draws from its own generator, so that a change which finds one more fact in
            # one segment does not change what is perturbed in all the segments after it.
            rng = random.Random(f"{seed}:{seg['id']}:{row}")
            for kind, how, text, fact in perturbations(seg["en"], reference, lang, report, rng, pool):
                after = check(seg["en"], text, lang, glossary, seg)
                checks_run += 1
                new = errors_of(after) - before
                caught = any(k == kind for k, _, _ in new)
                cell = recall[f"{kind}/{how}"]
                cell[0] += caught
                cell[1] += 1
                if caught and kind in ("name", "quote"):
                    caught_items[f"{kind}/{how}"].append((seg["en"], text, after, before))
                # A bounded number per row and perturbation, so that the many added-name misses
                # leave room for the rarer kinds of every row.
                if not caught and missed_per_cell[row, f"{kind}/{how}"] < MISSED_PER_CELL:
                    missed_per_cell[row, f"{kind}/{how}"] += 1
                    noticed = [f.message for f in after.findings if f.kind == kind and f.severity == "warning"]
                    missed_examples.append({"id": seg["id"], "lang": row, "perturbation": f"{kind}/{how}",
                                            "fact": fact, "text": text, "warnings": noticed})
                # A doubt made an error (a missing capital's warning once another place stands in
                # its place) is noticed too, though no finding of its key is new.
                cell[3] += caught or any(k == kind for k, _, _ in errors_of(after, severities=("error", "warning"))
                                         - noticed_before)
                if kind == "figure":
                    cell[2] += bool(pofilter_numbers(seg["en"], text)) and not pof_before
        systems = _systems(with_ref, row, lang, check, glossary)
        checks_run += systems.pop("checked", 0)
        stats["langs"][row] = {
            "references": len(checked),
            "false_alarm_rate": alarms / len(checked), "false_alarms": alarms,
            "false_alarm_interval": document_interval(list(per_document.values())),
            "false_alarms_by_kind": dict(by_kind_alarms),
            "pofilter_false_alarm_rate": pof_alarms / len(checked),
            "recall": {k: {"caught": v[0], "total": v[1], "rate": v[0] / v[1] if v[1] else None,
                           "noticed_rate": v[3] / v[1] if v[1] else None,
                           "pofilter_rate": v[2] / v[1] if v[1] and k.startswith("figure") else None}
                       for k, v in sorted(recall.items())},
            "systems": systems,
        }
        if assist is not None and row in assisted_langs:
            stats["langs"][row]["model_assisted"] = assisted_effect(
                alarm_items, caught_items, assist, len(checked), sample, random.Random(seed))
            assisted_seconds += stats["langs"][row]["model_assisted"]["seconds"]
    elapsed = time.perf_counter() - started - assisted_seconds  # the validator's own pace
    stats["pairs_per_second"] = checks_run / elapsed
    stats["alarm_examples"] = alarms_examples
    stats["missed_examples"] = missed_examples
    return stats


def document_interval(counts: list[list[int]], resamples: int = 2000, seed: int = 0) -> list[float]:
    """The 95% interval of a rate by resampling whole documents ([events, items] per document):
    a document's segments share names and style, so its alarms come together, and the interval
    says how far two parts of a few dozen documents may differ by chance alone."""
    if not counts:
        return [0.0, 0.0]
    rng = random.Random(seed)
    rates = []
    for _ in range(resamples):
        drawn = rng.choices(counts, k=len(counts))
        items = sum(n for _, n in drawn)
        rates.append(sum(e for e, _ in drawn) / items if items else 0.0)
    rates.sort()
    return [rates[int(0.025 * resamples)], rates[int(0.975 * resamples) - 1]]


def _systems(segments: list[dict], row: str, lang: str, check, glossary) -> dict:
    """The share of real MT outputs with an error finding, per system (WMT21; not a false alarm
    rate: machine output is often wrong)."""
    if row not in LANGS:
        return {}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for seg in segments:
        for system, output in seg.get("systems", {}).get(row, {}).items():
            counts[system][0] += bool(check(seg["en"], output, lang, glossary, seg).errors)
            counts[system][1] += 1
    out: dict = {system: {"with_errors": n, "outputs": total, "rate": n / total}
                 for system, (n, total) in sorted(counts.items())}
    out["checked"] = sum(total for _, total in counts.values())
    return out


def assisted_effect(alarm_items: list, caught_items: dict, assist, total: int, sample: int,
                    rng: random.Random) -> dict:
    """Back-translate (pipeline.fidelity.assisted) every alarm and a sample of caught perturbations."""
    from pipeline.fidelity.assisted import reconsider
    from pipeline.stages.validate import back_translator

    picked = {k: rng.sample(v, min(sample, len(v))) for k, v in sorted(caught_items.items())}
    items = list(alarm_items) + [(en, text, after) for v in picked.values() for en, text, after, _ in v]
    started = time.perf_counter()
    softened = reconsider(items, back_translator(assist))
    seconds = time.perf_counter() - started
    still_caught = {
        k: sum(any(kind == k.split("/")[0] for kind, _, _ in errors_of(after) - before)
               for _, _, after, before in v) / len(v)
        for k, v in picked.items() if v
    }
    return {"false_alarm_rate": sum(bool(r.errors) for _, _, r in alarm_items) / total,
            "still_caught": still_caught, "sampled": {k: len(v) for k, v in picked.items()},
            "softened": softened, "seconds": round(seconds, 1)}


def kind_recall(lang_stats: dict, kind: str) -> float | None:
    """Recall of one kind: caught over perturbed, all its perturbations together. An added name is
    its own column ("added"), counted when noticed at all: the source has no fact to lose."""
    if kind == "added":
        cell = lang_stats["recall"].get("name/add")
        return cell["noticed_rate"] if cell else None
    cells = [v for k, v in lang_stats["recall"].items() if k.split("/")[0] == kind and k != "name/add"]
    total = sum(v["total"] for v in cells)
    return sum(v["caught"] for v in cells) / total if total else None


def print_table(stats: dict) -> None:
    """One part's table: false alarms and recall per perturbation, per reference row."""
    print(f"{stats['segments']} segments of {stats['documents']} documents; {stats['pairs_per_second']:.0f} pairs/s")
    keys = sorted({k for s in stats["langs"].values() for k in s["recall"]})
    print("| row | refs | false alarms (95% by document) | pofilter numbers | " + " | ".join(keys) + " |")
    for row, s in stats["langs"].items():
        cells = []
        for k in keys:
            r = s["recall"].get(k)
            if not r or r["rate"] is None:
                cells.append("-")
                continue
            pof = f" (pofilter {r['pofilter_rate']:.0%})" if HAS_POFILTER and r["pofilter_rate"] is not None else ""
            noticed = f", {r['noticed_rate']:.0%} with warnings" if r["noticed_rate"] != r["rate"] else ""
            cells.append(f"{r['rate']:.1%} of {r['total']}{noticed}{pof}")
        pofilter = f"{s['pofilter_false_alarm_rate']:.1%}" if HAS_POFILTER else "-"
        low, high = s["false_alarm_interval"]
        print(f"| {row} | {s['references']} | {s['false_alarm_rate']:.1%} ({low:.1%}–{high:.1%}) | {pofilter} | "
              + " | ".join(cells) + " |")
        print(f"|   by kind | {s['false_alarms_by_kind']} |")
        if s.get("systems"):
            print("|   MT systems with an error | " + ", ".join(
                f"{name} {v['rate']:.1%} of {v['outputs']}" for name, v in s["systems"].items()) + " |")
        if assisted := s.get("model_assisted"):
            kept = ", ".join(f"{k} {v:.0%} of {assisted['sampled'][k]} caught stay caught"
                             for k, v in assisted["still_caught"].items())
            print(f"|   model-assisted | false alarms {assisted['false_alarm_rate']:.1%}; {kept}; "
                  f"{assisted['seconds']} s of back-translation |")


def summary_rows(by_part: dict[str, dict]) -> list[dict]:
    """Per reference row: false alarms and recall per kind on each part, and test − dev in points."""
    rows = []
    for row in [r for r, _ in ROWS if all(r in s["langs"] for s in by_part.values())]:
        entry: dict = {"row": row}
        for metric in ("false_alarms", *KINDS):
            values = {}
            for part, stats in by_part.items():
                s = stats["langs"][row]
                values[part] = s["false_alarm_rate"] if metric == "false_alarms" else kind_recall(s, metric)
            entry[metric] = values
            if len(values) == 2 and None not in values.values():
                entry[metric]["gap"] = 100 * (values["test"] - values["dev"])
        rows.append(entry)
    return rows


def print_summary(by_part: dict[str, dict]) -> None:
    """Dev and test side by side: false alarms and recall per kind, and their difference."""
    parts = list(by_part)
    print("\n| row | " + " | ".join(f"{m} {p}" for m in ("false alarms", *KINDS) for p in parts)
          + (" | largest gap (points) |" if len(parts) == 2 else " |"))
    for entry in summary_rows(by_part):
        cells = []
        for metric in ("false_alarms", *KINDS):
            for part in parts:
                value = entry[metric][part]
                cells.append("-" if value is None else f"{value:.1%}")
        gaps = [abs(entry[m]["gap"]) for m in ("false_alarms", *KINDS) if "gap" in entry[m]]
        tail = f" | {max(gaps):.1f} |" if gaps else " |"
        print(f"| {entry['row']} | " + " | ".join(cells) + tail)


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The evaluation's options, shared by `python -m pipeline eval` and the script."""
    parser.add_argument("--data", default=str(DEFAULT_DATA),
                        help="folder with wmt21/, wmt22/, wmt24/ (default: ../shared/data)")
    parser.add_argument("--part", choices=(*PARTS, "both"), default="both",
                        help="the dev part, the frozen test part, or both side by side (default)")
    parser.add_argument("--limit", type=int, help="only the first N segments of each part")
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
    """Evaluate each part, print its table and the side-by-side summary; write JSON when asked."""
    parts = PARTS if args.part == "both" else (args.part,)
    segments = {part: load_segments(Path(args.data), part) for part in parts}
    if not any(segments.values()):
        print(f"error: {args.data}: no WMT news files (wmt21/news.en-ja.jsonl, wmt22/news.en-ja-zh.jsonl, ...)",
              file=sys.stderr)
        return 2
    assist = None
    if args.model_assisted:
        from pipeline.config import load_config
        from pipeline.run.loaded_models import load_models

        assist = load_models(load_config(None)).translation
    by_part = {}
    for part in parts:
        chosen = segments[part][: args.limit] if args.limit else segments[part]
        print(f"\n## {part}")
        by_part[part] = evaluate(chosen, assist=assist, sample=args.sample)
        print_table(by_part[part])
    print_summary(by_part)
    if args.out:
        result = {"parts": by_part, "summary": summary_rows(by_part)}
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
