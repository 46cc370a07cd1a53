"""The Ray engine (engine: ray): a run as BatchRunner.run does it, its articles processed by a pool of
Ray Data actors that each hold their own copy of the model(s).

This process (the driver) holds the run's lock, reads the input, skips what the journal lists and
writes each result as it streams back, with runner.py's own steps: the folder, the journal and the
reports are the local engine's, so either engine resumes the other. Articles travel to the actors
and back pickled; the actors need the package and the models, not the output folder. Imported only
when a run asks for this engine: Ray is an optional extra (`pip install "news-fidelity-pipeline[ray]"`).
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import traceback
from pathlib import Path
from typing import Any

import pyarrow as pa
import ray
import ray.data

from pipeline import progress
from pipeline.article import Article
from pipeline.config import PipelineConfig
from pipeline.io.readers import ReadError, read_articles
from pipeline.run.lock import run_lock
from pipeline.run.runner import (
    RunResult,
    begin_run,
    end_run,
    finish_article,
    record_error,
    run_folder,
    skip_finished,
)

logger = logging.getLogger(__name__)

# Ray Data restarts a dead actor and retries its task without limit; an article that kills its
# worker every time (out of memory, a crash in native code) is given up after this many tries.
MAX_ATTEMPTS = 3


@ray.remote(num_cpus=0)
class Attempts:
    """How many times each article was started, across actor restarts (an actor's own memory dies with it)."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def start(self, article_id: str) -> int:
        self.counts[article_id] = self.counts.get(article_id, 0) + 1
        return self.counts[article_id]


class WorkersFailed(RuntimeError):
    """No actor could start: a model that does not load on the workers, or the package missing there."""


class ArticleWorker:
    """One actor of the pool: loads the models once, then processes one article per call.

    Each output row is the input's id with either `result` (the pickled processed article and its
    manifest, built here where the models are) or `error` (one line, as errors.jsonl takes it).
    """

    def __init__(self, config: PipelineConfig, config_path: str | None, cwd: str, attempts: Any) -> None:
        # Relative paths in the config (a local model folder, the glossary) are relative to where the
        # command ran, as in the local engine; the manifest keeps them as written.
        if Path(cwd).is_dir():
            os.chdir(cwd)
        from pipeline.run.loaded_models import load_models
        from pipeline.run.runner import BatchRunner

        self.config, self.config_path, self.attempts = config, config_path, attempts
        self.models = load_models(config)
        self.runner = BatchRunner(config, self.models, config_path)

    def __call__(self, batch: pa.Table) -> pa.Table:
        from pipeline.run.manifest import article_manifest

        ids, results, errors = [], [], []
        for blob in batch.column("article").to_pylist():
            article: Article = pickle.loads(blob)
            ids.append(article.id)
            tries = ray.get(self.attempts.start.remote(article.id))
            if tries > MAX_ATTEMPTS:
                results.append(None)
                errors.append(f"WorkerDied: the worker processing it died {tries - 1} times "
                              "(out of memory? see the Ray logs)")
                continue
            try:
                self.runner.process(article)
                manifest = article_manifest(article, self.config, self.models, self.config_path)
                results.append(pickle.dumps((article, manifest)))
                errors.append(None)
            except Exception as e:  # noqa: BLE001 - one article's failure must never stop the batch
                logger.debug("%s", traceback.format_exc())
                results.append(None)
                errors.append(f"{type(e).__name__}: {e}")
        return pa.table({"id": pa.array(ids, pa.string()), "result": pa.array(results, pa.binary()),
                         "error": pa.array(errors, pa.string())})


def run_on_ray(config: PipelineConfig, input_path: str | Path, out_dir: str | Path, run_id: str,
               config_path: str | None = None, force: bool = False, wait: float | None = None, *,
               worker: type[ArticleWorker] = ArticleWorker) -> RunResult:
    """Process every article under `input_path` into `out_dir/run_id/<article-id>/` on Ray actors.

    The same contract as BatchRunner.run (lock, journal, skipped articles, errors.jsonl, reports);
    the models load in the actors only, so this process needs none. Raises WorkersFailed when no
    actor can start. `worker`: the actor class (a subclass, in tests).
    """
    result = RunResult(run_dir=run_folder(out_dir, run_id))
    with run_lock(result.run_dir, wait):
        # No model here: each article's manifest carries its actor's load time.
        done = begin_run(result.run_dir, input_path, config, config_path, None, force)
        pending: list[Article] = []
        for item in read_articles(input_path):
            if isinstance(item, ReadError):
                record_error(result, item.path, item.message)
            elif item.id in done:
                skip_finished(result, item.id)
            else:
                pending.append(item)
        if pending:
            _process(config, config_path, pending, result, worker)
        end_run(result)
    return result


def _process(config: PipelineConfig, config_path: str | None, pending: list[Article], result: RunResult,
             worker: type[ArticleWorker]) -> None:
    """Stream `pending` through the actor pool, writing and journalling each article as it returns."""
    started = connect(config)
    try:
        settings = config.ray
        cuda = any(m is not None and m.device == "cuda" for m in (config.model, config.summary_model))
        gpus = settings.gpus_per_worker if settings.gpus_per_worker is not None else (1.0 if cuda else 0.0)
        # One block per article: an idle actor takes the next article, and a retried task redoes one.
        ds = ray.data.from_items([{"id": a.id, "article": pickle.dumps(a)} for a in pending],
                                 override_num_blocks=len(pending))
        ds = ds.map_batches(
            worker, batch_size=1, batch_format="pyarrow",
            fn_constructor_kwargs={"config": config, "config_path": config_path, "cwd": os.getcwd(),
                                   "attempts": Attempts.remote()},
            compute=ray.data.ActorPoolStrategy(size=settings.workers),
            num_cpus=settings.cpus_per_worker, num_gpus=gpus or None,
        )
        ds.context.enable_progress_bars = progress.enabled()  # Ray's own bars only where ours are shown
        waiting = {a.id: a for a in pending}
        # Whole blocks (one article each), none fetched ahead: a row is written as soon as it is done.
        blocks = ds.iter_batches(batch_size=None, batch_format="pyarrow", prefetch_batches=0)
        rows = (row for block in blocks for row in block.to_pylist())
        for row in progress.iterate(rows, unit="article", desc="articles"):
            article = waiting.pop(row["id"], None)
            if article is None:
                continue  # a second answer for a retried article: it is written already
            if row["error"] is not None:
                record_error(result, article.path or article.id, row["error"])
                continue
            processed, manifest = pickle.loads(row["result"])
            try:
                finish_article(result.run_dir, processed, manifest)
            except Exception as e:  # noqa: BLE001 - a write failure costs this article only, as locally
                logger.debug("%s", traceback.format_exc())
                record_error(result, article.path or article.id, f"{type(e).__name__}: {e}")
                continue
            result.finished.append(article.id)
            logger.info("%s: done in %.1f s -> %s", article.id, sum(processed.timings.values()),
                        result.run_dir / article.id)
        for article in waiting.values():  # not expected: Ray Data returns a row per input or raises
            record_error(result, article.path or article.id, "RuntimeError: no result came back from the Ray workers")
    except ray.exceptions.RayActorError as e:
        if not e.actor_init_failed:
            raise
        # Only the traceback's text comes back, not the exception: its last line names it.
        lines = [line for line in re.sub(r"\x1b\[[0-9;]*m", "", str(e)).splitlines() if line.strip()]
        raise WorkersFailed(f"no Ray worker could start: {lines[-1].strip() if lines else e}") from e
    finally:
        if started:
            ray.shutdown()


def connect(config: PipelineConfig) -> bool:
    """Join the configured Ray cluster, or start a local Ray; True when this call started it (or
    connected), so the run disconnects at its end. A Ray the caller started is used as it is."""
    if ray.is_initialized():
        return False
    address = config.ray.address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, ignore_reinit_error=True)
        return True
    wanted = config.ray.workers * config.ray.cpus_per_worker
    cpus = os.cpu_count() or 1
    if wanted > cpus:
        logger.warning("ray: %d workers x %g CPUs is more than this machine's %d CPUs; they will share them",
                       config.ray.workers, config.ray.cpus_per_worker, cpus)
    # A local Ray counts this machine's CPUs; told more when the workers ask for more, so that the
    # pool can start at all.
    ray.init(num_cpus=max(cpus, int(wanted + 0.999)) if wanted > cpus else None,
             include_dashboard=False, ignore_reinit_error=True)
    return True
