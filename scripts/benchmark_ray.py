"""Articles per minute with the local engine and with Ray (1 and 2 workers) on the same articles.

    python scripts/benchmark_ray.py [--config configs/tiny.yaml] [--articles 6] [--workers 1,2]
                                    [--cpus-per-worker 1] [--out FILE]

The articles: examples/article.txt, then short ones of two of its sentences each. Each engine runs
the same command a user types (`python -m pipeline run ... [--engine ray --workers N]`), in a
process of its own, cold, into its own run folder, with the generation cache off (a later run
would otherwise read an earlier one's outputs), after one untimed local run of the first article
(the files every process reads are then in the OS's page cache for all). The Ray runs join a
local Ray started once by this script, as they would join a running cluster; its start is
reported apart.

Per run: the wall time of the command (Python start, imports, model loading, in the actors for
Ray; every article), articles per minute, the ratio to the local engine, the median article's
processing time (its stages, from the manifests), and the overhead per article: (wall time x
workers - all articles' processing time) / articles, the time a worker slot spent not processing
(process start, imports, model load, transfers, writing, waiting at the end). Each Ray worker and
the local engine get --cpus-per-worker torch threads (default 1), so that the ratios compare
engines and worker counts, not thread counts (on busy cores two threads a process can be several
times slower than one).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.io.readers import parse_text_article
from pipeline.models.machine import describe

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "article.txt"


def benchmark_articles(count: int, folder: Path) -> tuple[Path, int]:
    """A JSONL of `count` articles (the example, then two-sentence ones from it) and its word count."""
    example = parse_text_article(EXAMPLE.read_text(encoding="utf-8"), "example", str(EXAMPLE))
    sentences = re.split(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])", " ".join(example.text.split()))
    records = [{"id": "example", "title": example.title, "text": example.text}]
    for i in range(count - 1):
        at = (2 * i) % max(len(sentences) - 1, 1)
        records.append({"id": f"short-{i + 1}", "title": f"Short {i + 1}", "text": " ".join(sentences[at:at + 2])})
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:count]), encoding="utf-8")
    return path, sum(len(r["text"].split()) for r in records[:count])


def processing_seconds(run_dir: Path) -> list[float]:
    """Each finished article's stage time, from its manifest."""
    return [json.loads(m.read_text(encoding="utf-8"))["timings_seconds"]["total"]
            for m in sorted(run_dir.glob("*/manifest.json"))]


def measure(command: list[str], run_dir: Path, workers: int, threads: int, env: dict[str, str]) -> dict:
    """Run one pipeline command; its wall time and what its manifests say."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit {done.returncode}\n{done.stderr[-2000:]}")
    seconds = processing_seconds(run_dir)
    count = len(seconds)
    return {"engine": "ray" if "ray" in command else "local", "workers": workers, "cpus_per_worker": threads,
            "articles": count, "wall_s": round(wall, 2), "articles_per_min": round(60 * count / wall, 2),
            "median_article_s": round(statistics.median(seconds), 2),
            "overhead_per_article_s": round((wall * workers - sum(seconds)) / count, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default="configs/tiny.yaml",
                        help="the run config (default: configs/tiny.yaml; configs/default.yaml: the real model)")
    parser.add_argument("--articles", type=int, default=6,
                        help="how many articles (default 6; the first is the example)")
    parser.add_argument("--workers", default="1,2", help="Ray worker counts to run, comma-separated (default 1,2)")
    parser.add_argument("--cpus-per-worker", type=int, default=1,
                        help="CPUs (torch threads) per Ray worker and for the local engine (default 1)")
    parser.add_argument("--out", help="also write the rows as JSON to this file")
    args = parser.parse_args(argv)
    try:
        import ray
    except ImportError:
        print("error: needs Ray: pip install 'news-fidelity-pipeline[ray]'", file=sys.stderr)
        return 2

    cpus, threads = os.cpu_count() or 1, args.cpus_per_worker
    workers_list = [int(w) for w in args.workers.split(",")]
    work = Path(tempfile.mkdtemp(prefix="benchmark-ray-"))
    source, words = benchmark_articles(args.articles, work)
    machine = describe()
    print(f"Machine: {machine['cpu']}, {cpus} CPUs ({machine['capability']}, torch {machine['torch']}), "
          f"GPU: {machine['gpu'] or 'none'}")
    print(f"Config: {args.config}; {args.articles} articles, {words} words; outputs under {work}", flush=True)
    base = [sys.executable, "-m", "pipeline", "--quiet", "run", str(source), "--config", args.config,
            "--set", "model.cache_generations=false", "--out", str(work / "out")]
    local_env = os.environ | {"OMP_NUM_THREADS": str(threads)}  # torch takes its threads from it
    first = work / "first.jsonl"
    first.write_text(source.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    measure([*base[:5], str(first), *base[6:], "--run-id", "warm-up"], work / "out" / "warm-up", 1, threads, local_env)
    rows = [measure([*base, "--run-id", "local"], work / "out" / "local", 1, threads, local_env)]
    started = time.perf_counter()
    # At least the CPUs the largest pool asks for, so that it can start on a small machine.
    ray.init(num_cpus=max(cpus, threads * max(workers_list)), include_dashboard=False, log_to_driver=False)
    ray_start = time.perf_counter() - started
    address = ray.get_runtime_context().gcs_address
    try:
        for workers in workers_list:
            rows.append(measure([*base, "--run-id", f"ray-{workers}", "--engine", "ray", "--ray-address", address,
                                 "--workers", str(workers), "--set", f"ray.cpus_per_worker={threads}"],
                                work / "out" / f"ray-{workers}", workers, threads, dict(os.environ)))
    finally:
        ray.shutdown()
    print(f"Ray {ray.__version__}: a local Ray started in {ray_start:.1f} s (not counted below)\n")
    local_rate = rows[0]["articles_per_min"]
    header = ("engine", "workers", "cpus/worker", "wall s", "articles/min", "vs local", "median article s",
              "overhead/article s")
    print("  ".join(f"{h:>{max(len(h), 7)}}" for h in header))
    for row in rows:
        cells = (row["engine"], row["workers"], row["cpus_per_worker"], row["wall_s"], row["articles_per_min"],
                 f"{row['articles_per_min'] / local_rate:.2f}x", row["median_article_s"], row["overhead_per_article_s"])
        print("  ".join(f"{str(c):>{max(len(h), 7)}}" for c, h in zip(cells, header, strict=True)))
    if args.out:
        report = {"machine": machine, "config": args.config, "articles": args.articles, "words": words,
                  "ray": ray.__version__, "ray_start_s": round(ray_start, 2), "rows": rows}
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
