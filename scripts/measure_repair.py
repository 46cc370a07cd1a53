"""Measure what hints and repair do, with the pipeline's model, on WMT24 news and the example article.

Three translations of the same segments, in one process and one model load:
  raw      the plain instruction, no hints, no repair;
  hints    the pipeline's first pass (each segment's own renderings in the prompt);
  repaired the pipeline's output: hints, then validator-guided repair.
For each: the share of source facts the validator finds preserved, per kind and language; chrF
and BLEU against the WMT24 human references (sacrebleu, ja-mecab and zh tokenisers); wall time.
The human references themselves are scored the same way (run "reference"): what the validator
finds preserved in a careful human translation is the ceiling the measure can show, and each
run's share of the facts the reference keeps separates repair's misses from the validator's reach.

    pip install -e .[eval]   # sacrebleu with MeCab
    python scripts/measure_repair.py [--per-doc 2] [--config configs/default.yaml] [--out results.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from pipeline.article import Segment, SegmentTranslation
from pipeline.config import load_config
from pipeline.fidelity import check
from pipeline.fidelity.checking import default_glossary, prefetch_facts
from pipeline.io.readers import parse_text_article
from pipeline.run.loaded_models import load_models
from pipeline.stages.repair import Repairer, finding_key
from pipeline.stages.segment import segment_article
from pipeline.stages.translate import Translator

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ja", "zh-Hans")  # zh-Hant is OpenCC's conversion of zh-Hans: its facts follow zh-Hans
TOKENIZERS = {"ja": "ja-mecab", "zh-Hans": "zh"}


def wmt_segments(data: Path, per_doc: int) -> tuple[list[Segment], dict[str, list[str]]]:
    """The first `per_doc` segments of every WMT24 news document, and their references."""
    segments: list[Segment] = []
    refs: dict[str, list[str]] = {"ja": [], "zh-Hans": []}
    for line in (data / "wmt24" / "news.en-ja-zh.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for en, ja, zh in list(zip(doc["en"], doc["ja"], doc["zh"], strict=True))[:per_doc]:
            segments.append(Segment(len(segments), en))
            refs["ja"].append(ja)
            refs["zh-Hans"].append(zh)
    return segments, refs


def fact_counts(segments: list[Segment], texts: list[SegmentTranslation], lang: str, glossary,
                reference_kept: list[str] | None = None) -> dict:
    """Source facts and preserved facts per kind, segments with an error finding, and the facts
    preserved (as "segment:kind@start-end" keys). With `reference_kept` (the keys the human
    reference preserves), also how many of those this translation preserves."""
    counts: dict = defaultdict(lambda: [0, 0])
    errors = 0
    kept_keys = []
    for segment, translation in zip(segments, texts, strict=True):
        report = check(segment.text, translation.text, lang, glossary)
        errors += bool(report.errors)
        for f in report.findings:
            if f.source is not None and f.kind != "coverage":
                counts[f.kind][1] += 1
                counts[f.kind][0] += f.status == "preserved"
                if f.status == "preserved":
                    kept_keys.append(f"{segment.index}:{finding_key(f)}")
    total = [sum(v[0] for v in counts.values()), sum(v[1] for v in counts.values())]
    result = {"kinds": {k: v for k, v in sorted(counts.items())}, "all": total, "segments_with_errors": errors,
              "kept": kept_keys}
    if reference_kept is not None:
        result["of_reference_kept"] = [len(set(kept_keys) & set(reference_kept)), len(reference_kept)]
    return result


def scores(hypotheses: list[str], references: list[str], lang: str) -> dict[str, float]:
    import sacrebleu

    tokenize = TOKENIZERS[lang]
    return {"chrF": sacrebleu.corpus_chrf(hypotheses, [references]).score,
            "BLEU": sacrebleu.corpus_bleu(hypotheses, [references], tokenize=tokenize).score}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--per-doc", type=int, default=2, help="WMT24 segments per document (17 documents)")
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.yaml"))
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a config key, as `run --set` (e.g. repair.warnings=true)")
    parser.add_argument("--no-raw", action="store_true", help="skip the raw run (greedy: it does not change)")
    parser.add_argument("--out", help="write every translation and figure as JSON")
    args = parser.parse_args()
    try:
        import sacrebleu  # noqa: F401
    except ImportError:
        print("error: sacrebleu is missing: pip install -e .[eval]", file=sys.stderr)
        return 2

    config = load_config(args.config, args.set)
    config.translation.langs = list(LANGS)
    glossary = default_glossary()
    wmt, refs = wmt_segments(Path(args.data), args.per_doc)
    example = segment_article(parse_text_article((ROOT / "examples" / "article.txt").read_text(encoding="utf-8"),
                                                 "example"), "sentence", 400)
    sets = {"wmt24": wmt, "example": example}
    prefetch_facts([s.text for segs in sets.values() for s in segs])

    started = time.perf_counter()
    models = load_models(config)
    print(f"model loaded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    raw = Translator(models.translation, config.translation.model_copy(update={"hints": False}), glossary)
    hinted = Translator(models.translation, config.translation, glossary)
    repairer = Repairer(hinted, config.repair, glossary)

    results: dict = {"config": args.config, "overrides": args.set, "per_doc": args.per_doc,
                     "segments": {k: len(v) for k, v in sets.items()}, "timings": {}, "runs": {}}
    outputs: dict = {}
    for name, translator in (("raw", raw), ("hints", hinted))[1 if args.no_raw else 0:]:
        start = time.perf_counter()
        outputs[name] = translator.translate(sets)
        results["timings"][name] = round(time.perf_counter() - start, 1)
        print(f"{name}: {results['timings'][name]} s", file=sys.stderr)
    start = time.perf_counter()
    outputs["repaired"] = {part: {} for part in sets}
    records: dict = {}
    # As the pipeline does: every set and language in the same rounds.
    where = [(part, lang) for part in sets for lang in LANGS]
    jobs = [(sets[part], lang, outputs["hints"][part][lang]) for part, lang in where]
    for (part, lang), (texts, found) in zip(where, repairer.repair_all(jobs), strict=True):
        records[f"{part}/{lang}"] = found
        outputs["repaired"][part][lang] = texts
    results["timings"]["repair"] = round(time.perf_counter() - start, 1)
    print(f"repair: {results['timings']['repair']} s", file=sys.stderr)

    reference_kept = {}
    for lang in LANGS:
        texts = [SegmentTranslation(text) for text in refs[lang]]
        entry = {"facts": fact_counts(wmt, texts, lang, glossary)}
        reference_kept[lang] = entry["facts"]["kept"]
        results["runs"][f"reference/wmt24/{lang}"] = entry
    for run, by_part in outputs.items():
        for part, segments in sets.items():
            for lang in LANGS:
                texts = by_part[part][lang]
                entry = {"facts": fact_counts(segments, texts, lang, glossary,
                                              reference_kept[lang] if part == "wmt24" else None)}
                if part == "wmt24":
                    entry |= scores([t.text for t in texts], refs[lang], lang)
                results["runs"][f"{run}/{part}/{lang}"] = entry
    results["repair_records"] = records
    print_table(results)
    if args.out:
        results["translations"] = {run: {part: {lang: [t.text for t in texts] for lang, texts in by_lang.items()}
                                         for part, by_lang in by_part.items()} for run, by_part in outputs.items()}
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def print_table(results: dict) -> None:
    print(f"segments: {results['segments']}; wall time (s): {results['timings']}")
    print("| run | set | lang | facts preserved | of those the reference keeps | names | figures | quotes | "
          "segments with errors | chrF | BLEU |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for key, entry in results["runs"].items():
        run, part, lang = key.split("/")
        facts = entry["facts"]
        cell = {k: f"{v[0]}/{v[1]}" for k, v in facts["kinds"].items()}
        kept, total = facts["all"]
        share = f"{kept / total:.1%} of {total}" if total else "-"
        metrics = (f"{entry['chrF']:.1f} | {entry['BLEU']:.1f}" if "chrF" in entry else "- | -")
        of_reference = "-"
        if "of_reference_kept" in facts:
            hit, wanted = facts["of_reference_kept"]
            of_reference = f"{hit / wanted:.1%} of {wanted}" if wanted else "-"
        print(f"| {run} | {part} | {lang} | {share} | {of_reference} | {cell.get('name', '-')} | "
              f"{cell.get('figure', '-')} | "
              f"{cell.get('quote', '-')} | {facts['segments_with_errors']} | {metrics} |")


if __name__ == "__main__":
    sys.exit(main())
