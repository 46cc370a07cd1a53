"""Speed of the pipeline's generation path against the naive loop, in one process and one run.

  baseline  one `generate` call per segment, float32, the GGUF dequantised at load, nothing reused
  pipeline  the shipped config: the runtime and kernels "auto" chose on this machine (reported with
            the machine); where that is llama.cpp, the transformers runtime runs the same requests
Both translate the same requests (the pipeline's prompts with hints) greedily; the outputs are
compared and every segment that differs is listed. Then the pipeline path alone: cost by article
length (words of WMT24 news) and by batch size. Where llama-cpp-python is installed (the `llama`
extra), it runs the same GGUF one segment at a time as the peer a user would pick, on the
example's segments and on the WMT24 pool the batch sizes ran on, in a process of its own.

    python scripts/benchmark.py [--segments 8] [--lengths 100,400] [--batch-sizes 1,4,8,16]
                                [--skip-baseline] [--skip-decoding-paths] [--out FILE]

Prints generated tokens/s, segments/s, peak RSS and the ratios. Generation caches are off.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import json
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pipeline.article import Article, Segment
from pipeline.config import PipelineConfig, load_config
from pipeline.fidelity.checking import default_glossary
from pipeline.io.readers import parse_text_article
from pipeline.models.base import Generation, Request
from pipeline.models.loading import load_generator
from pipeline.models.machine import describe
from pipeline.stages.segment import segment_article
from pipeline.stages.translate import Translator

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    """Peak resident memory since the last reset_peak() (Linux VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> None:
    """Start a new peak-RSS window (writing 5 to clear_refs resets VmHWM)."""
    with contextlib.suppress(OSError):  # not Linux: the peak then covers the whole process
        Path("/proc/self/clear_refs").write_text("5")


def timed_generate(generator, requests: list[Request]) -> tuple[list[Generation], float]:
    if getattr(generator, "prompt_cache", None) is not None:
        generator.prompt_cache.clear()  # the same prompts run again below: each run starts cold
    start = time.perf_counter()
    outputs = generator.generate(requests)
    return outputs, time.perf_counter() - start


def rates(outputs: list[Generation], seconds: float) -> dict[str, float]:
    tokens = sum(o.new_tokens for o in outputs)
    return {"seconds": round(seconds, 1), "new_tokens": tokens, "tokens_per_s": round(tokens / seconds, 2),
            "segments_per_s": round(len(outputs) / seconds, 3)}


def wmt_article(words: int, data: Path) -> Article:
    """An article of about `words` words: WMT24 news paragraphs, in order, cut at a sentence."""
    paragraphs = []
    count = 0
    for line in (data / "wmt24" / "news.en-ja-zh.jsonl").read_text(encoding="utf-8").splitlines():
        for paragraph in json.loads(line)["en"]:
            if count >= words:
                break
            paragraphs.append(paragraph)
            count += len(paragraph.split())
    return Article(f"wmt-{words}", "\n\n".join(paragraphs))


def load(config: PipelineConfig, **model_changes):
    settings = config.model.model_copy(update={"cache_generations": False, **model_changes})
    start = time.perf_counter()
    generator = load_generator(settings, config.generation)
    seconds = time.perf_counter() - start
    generator.generate([Request("Hello.", "Translate into Japanese.", "ja", 2)])  # warm-up, not timed
    return generator, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.yaml"))
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--segments", type=int, default=8, help="example segments for baseline vs pipeline")
    parser.add_argument("--lengths", default="100,400", help="article lengths in words (pipeline path)")
    parser.add_argument("--batch-sizes", default="1,4,8,16", help="batch sizes to compare (pipeline path)")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--skip-decoding-paths", action="store_true",
                        help="leave out the comparison of decoding paths (four runs over the pool)")
    parser.add_argument("--out", help="write the results as JSON")
    args = parser.parse_args()
    config = load_config(args.config)
    glossary = default_glossary()
    translator = Translator(None, config.translation, glossary)  # prompts only; the generator varies
    example = segment_article(parse_text_article((ROOT / "examples" / "article.txt").read_text(encoding="utf-8"),
                                                 "example"), "sentence", 400)[: args.segments]
    results: dict = {"config": args.config, "segments": len(example)}

    def requests_for(generator, segments: list[Segment], langs=("ja",)) -> list[Request]:
        translator.generator = generator
        return [translator.request(s, lang) for lang in langs for s in segments]

    if not args.skip_baseline:
        reset_peak()
        baseline, load_s = load(config, **NAIVE)
        outputs_b, seconds = timed_generate(baseline, requests_for(baseline, example))
        results["baseline"] = {"load_seconds": round(load_s, 1), **rates(outputs_b, seconds),
                               "peak_rss_mb": round(peak_rss_mb())}
        print("baseline:", results["baseline"], file=sys.stderr)
        del baseline
        gc.collect()
    reset_peak()
    fast, load_s = load(config)
    outputs_p, seconds = timed_generate(fast, requests_for(fast, example))
    results["pipeline"] = {"load_seconds": round(load_s, 1), **rates(outputs_p, seconds),
                           "peak_rss_mb": round(peak_rss_mb())}
    # What the machine is and what the config's "auto" chose on it (pipeline/models/placement.py).
    placement = getattr(fast, "placement", None) or {}
    results["machine"] = placement.get("machine") or describe()
    results["choice"] = {k: v for k, v in placement.get("kernels", {}).items() if k != "timings_ms"} | {
        "device": placement.get("device", "cpu"), "runtime": placement.get("runtime", "transformers")}
    print("machine:", results["machine"], "\nchoice:", results["choice"], file=sys.stderr)
    print("pipeline:", results["pipeline"], file=sys.stderr)
    # A second start: from what the first left in the cache (the converted copy, the tokenizer, the probe).
    again, load_s = load(config)
    results["pipeline"]["second_load_seconds"] = round(load_s, 1)
    print(f"second start: {load_s:.1f} s", file=sys.stderr)
    del again
    gc.collect()
    if not args.skip_baseline:
        results["speedup_tokens_per_s"] = round(results["pipeline"]["tokens_per_s"]
                                                / results["baseline"]["tokens_per_s"], 2)
        results["differing_segments"] = [
            {"source": s.text, "baseline": b.text, "pipeline": p.text}
            for s, b, p in zip(example, outputs_b, outputs_p, strict=True) if b.text != p.text
        ]

    # Where auto chose llama.cpp, the transformers runtime on the same requests: the choice, measured.
    # The decoding paths below are that runtime's.
    paths = fast
    if results["choice"]["runtime"] == "llama.cpp":
        paths, load_s = load(config, runtime="transformers")
        outputs_t, seconds = timed_generate(paths, requests_for(paths, example))
        results["pipeline_transformers"] = {"load_seconds": round(load_s, 1), **rates(outputs_t, seconds)}
        results["llama_cpp_runtime_over_transformers"] = round(
            results["pipeline"]["tokens_per_s"] / results["pipeline_transformers"]["tokens_per_s"], 2)
        print("pipeline, transformers runtime:", results["pipeline_transformers"], file=sys.stderr)

    results["by_length"] = {}
    for words in [int(w) for w in args.lengths.split(",") if w]:
        article = wmt_article(words, Path(args.data))
        segments = segment_article(article, "sentence", 400)
        outputs, seconds = timed_generate(fast, requests_for(fast, segments, ("ja", "zh-Hans")))
        results["by_length"][words] = {"words": len(article.text.split()), "segments": len(segments),
                                       **rates(outputs, seconds)}
        print(f"{words} words:", results["by_length"][words], file=sys.stderr)

    results["by_batch_size"] = {}
    sizes = [int(b) for b in args.batch_sizes.split(",") if b]
    # As many segments as the largest batch, so that every size fills its batches.
    pool = segment_article(wmt_article(25 * max(sizes, default=16), Path(args.data)), "sentence", 400)
    pool = pool[:max(sizes, default=16)]
    results["segments_in_pool"] = len(pool)
    for size in sizes:
        fast.config = fast.config.model_copy(update={"batch_size": size})
        outputs, seconds = timed_generate(fast, requests_for(fast, pool))
        results["by_batch_size"][size] = rates(outputs, seconds)
        print(f"batch {size}:", results["by_batch_size"][size], file=sys.stderr)

    # The decoding paths, on the same pool at the configured batch size: transformers' padded
    # generate(), the shared-prefix prefill (pipeline/models/prefill.py) with generate(), that
    # prefill with the decoder that drops finished rows (pipeline/models/decode.py), and with
    # batches that refill from the waiting rows.
    results["decoding"] = {}
    outputs_by: dict[str, list[Generation]] = {}
    for name, share, drop, refill in [] if args.skip_decoding_paths else DECODING_PATHS:
        paths.config = paths.config.model_copy(update={"batch_size": config.model.batch_size, "share_prefix": share,
                                                       "drop_finished_rows": drop, "refill_rows": refill})
        outputs_by[name], seconds = timed_generate(paths, requests_for(paths, pool))
        results["decoding"][name] = rates(outputs_by[name], seconds)
        print(f"{name}:", results["decoding"][name], file=sys.stderr)
    padded = DECODING_PATHS[0][0]
    for name, *_ in DECODING_PATHS[1:] if outputs_by else []:
        results["decoding"][name]["over_padded"] = round(results["decoding"][name]["tokens_per_s"]
                                                         / results["decoding"][padded]["tokens_per_s"], 2)
        results["decoding"][name]["differing_segments"] = [
            {"source": s.text, padded: a.text, name: b.text}
            for s, a, b in zip(pool, outputs_by[padded], outputs_by[name], strict=True) if a.text != b.text]
    paths.config = paths.config.model_copy(update={"share_prefix": config.model.share_prefix,
                                                   "drop_finished_rows": config.model.drop_finished_rows,
                                                   "refill_rows": config.model.refill_rows})
    del paths
    gc.collect()

    # The peer on both sets: the example's segments, and the WMT24 pool the batch sizes ran on.
    results["llama_cpp"] = llama_cpp_peer(fast, requests_for(fast, example))
    if results["llama_cpp"] and "tokens_per_s" in results["llama_cpp"]:
        results["pipeline_over_llama_cpp"] = round(results["pipeline"]["tokens_per_s"]
                                                   / results["llama_cpp"]["tokens_per_s"], 2)
        if "pipeline_transformers" in results:
            results["pipeline_transformers"]["over_llama_cpp"] = round(
                results["pipeline_transformers"]["tokens_per_s"] / results["llama_cpp"]["tokens_per_s"], 2)
        results["llama_cpp_pool"] = llama_cpp_peer(fast, requests_for(fast, pool))
        peer_rate = (results["llama_cpp_pool"] or {}).get("tokens_per_s")
        for r in results["by_batch_size"].values():
            if peer_rate:
                r["over_llama_cpp"] = round(r["tokens_per_s"] / peer_rate, 2)
    print_table(results)
    if args.out:
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


# The naive loop: transformers' generate() on one row at a time, float32, the GGUF
# dequantised at every load, none of the pipeline's decoding levers (each is on by default).
NAIVE = {"runtime": "transformers", "dtype": "float32", "batch_size": 1, "cache_converted": False,
         "share_prefix": False, "drop_finished_rows": False, "refill_rows": False, "prompt_cache_tokens": 0,
         "draft_tokens": 0, "int4_rows": 0}

# (name, model.share_prefix, model.drop_finished_rows, model.refill_rows)
DECODING_PATHS = [("padded generate()", False, False, False), ("shared prefix, generate()", True, False, False),
                  ("shared prefix, finished rows dropped", True, True, False),
                  ("shared prefix, rows dropped, batch refilled", True, True, True)]


def llama_cpp_peer(generator, requests: list[Request]) -> dict | None:
    """llama.cpp on the same GGUF, one segment at a time, greedy; None when it is not installed.

    It gets the pipeline's own templated prompt text (fence, notes, examples and all), so both
    paths run the same tokens. In a process of its own: a llama.cpp build that crashes (one built
    for this CPU's AMX segfaulted here) then costs its own row, not the benchmark's other results,
    and its OpenMP threads never share the cores with torch's."""
    if importlib.util.find_spec("llama_cpp") is None:
        return None
    gguf = str(Path(generator.resolved.location) / generator.resolved.gguf_file)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            prompts = [(generator.prompt(r), r.max_new_tokens) for r in requests]
            return pool.submit(_run_llama_cpp, gguf, prompts).result()
        except BrokenProcessPool:
            return {"error": "llama.cpp's process died (a crash in the llama-cpp-python build)"}


def _run_llama_cpp(gguf: str, prompts: list[tuple[str, int]]) -> dict:
    from llama_cpp import Llama

    start = time.perf_counter()
    llm = Llama(model_path=gguf, n_threads=2, n_ctx=4096, verbose=False)
    load_s = time.perf_counter() - start
    tokens, start = 0, time.perf_counter()
    for prompt, max_new_tokens in prompts:
        out = llm.create_completion(prompt, max_tokens=max_new_tokens, temperature=0.0)
        tokens += out["usage"]["completion_tokens"]
    seconds = time.perf_counter() - start
    return {"load_seconds": round(load_s, 1), "seconds": round(seconds, 1), "new_tokens": tokens,
            "tokens_per_s": round(tokens / seconds, 2), "segments_per_s": round(len(prompts) / seconds, 3)}


def print_table(results: dict) -> None:
    if machine := results.get("machine"):
        print(f"machine: {machine['cpu']} ({machine['capability']}; {', '.join(machine['flags'])}; "
              f"{machine['threads']} threads; torch {machine['torch']}; GPU: {machine['gpu'] or 'none'})")
    if choice := results.get("choice"):
        if choice.get("runtime") == "llama.cpp":
            print(f"auto chose: device {choice['device']}, runtime llama.cpp")
        else:
            print(f"auto chose: device {choice['device']}, {choice.get('dtype')}, int4 steps up to "
                  f"{choice.get('int4_rows')} rows with {choice.get('int4_input')} input ({choice.get('source')})")
    if "second_load_seconds" in results.get("pipeline", {}):
        print(f"pipeline second start: {results['pipeline']['second_load_seconds']} s")
    print("| path | load s | generate s | new tokens | tokens/s | segments/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for name in ("baseline", "pipeline", "pipeline_transformers", "llama_cpp", "llama_cpp_pool"):
        r = results.get(name)
        if r and "error" in r:
            print(f"| {name} | {r['error']} |")
        elif r:
            print(f"| {name} | {r['load_seconds']} | {r['seconds']} | {r['new_tokens']} | {r['tokens_per_s']} | "
                  f"{r.get('segments_per_s', '-')} | {r.get('peak_rss_mb', '-')} |")
    for name, r in results.get("decoding", {}).items():
        if "over_padded" in r:
            print(f"{name} / padded generate() tokens/s: {r['over_padded']}x ({r['tokens_per_s']}); outputs "
                  f"differing: {len(r['differing_segments'])} of {results['segments_in_pool']}")
    if "pipeline_over_llama_cpp" in results:
        print(f"pipeline / llama.cpp (one segment at a time) tokens/s: {results['pipeline_over_llama_cpp']}x")
    if "pipeline_transformers" in results:
        print(f"pipeline, llama.cpp runtime / transformers runtime tokens/s: "
              f"{results['llama_cpp_runtime_over_transformers']}x")
    if "speedup_tokens_per_s" in results:
        print(f"pipeline / baseline tokens/s: {results['speedup_tokens_per_s']}x; "
              f"{len(results['differing_segments'])} of {results['segments']} segments differ")
    for key, title in (("by_length", "words"), ("by_batch_size", "batch size")):
        print(f"| {title} | segments | generate s | tokens/s | / llama.cpp |")
        print("|---|---|---|---|---|")
        for k, r in results[key].items():
            print(f"| {k} | {r.get('segments', '-')} | {r['seconds']} | {r['tokens_per_s']} | "
                  f"{r.get('over_llama_cpp', '-')} |")


if __name__ == "__main__":
    sys.exit(main())
