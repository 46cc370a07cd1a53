"""The run loop: every article through the stages in flow order, written and journalled; one error per article."""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline import __version__, progress
from pipeline.article import Article
from pipeline.config import PipelineConfig
from pipeline.fidelity.checking import default_glossary
from pipeline.fidelity.glossary import load_glossary
from pipeline.io.readers import ReadError, read_articles, safe_id
from pipeline.io.reports import write_article_report, write_run_reports
from pipeline.io.writers import atomic_write, to_json, write_article
from pipeline.models.run_ahead import RunAhead
from pipeline.run.journal import append_journal, finished_ids
from pipeline.run.loaded_models import Models
from pipeline.run.lock import run_lock
from pipeline.run.manifest import article_manifest
from pipeline.stages.repair import Repairer, repair_counts
from pipeline.stages.segment import segment_article
from pipeline.stages.summarise import Summariser
from pipeline.stages.summary_facts import faithful_summary
from pipeline.stages.translate import Translator
from pipeline.stages.validate import validate_article

logger = logging.getLogger(__name__)


@contextmanager
def timed(timings: dict[str, float], stage: str, article_id: str = "") -> Iterator[None]:
    """Add the wall time of the block to timings[stage] (seconds); name the stage's progress bars."""
    start = time.perf_counter()
    try:
        with progress.stage(f"{article_id}: {stage}" if article_id else stage):
            yield
    finally:
        timings[stage] = round(timings.get(stage, 0.0) + time.perf_counter() - start, 3)
        if article_id:
            logger.info("%s: %s done in %.1f s", article_id, stage, time.perf_counter() - start)


@dataclass
class RunResult:
    """What a run did: its folder, the finished article ids, those a previous run finished, failures."""

    run_dir: Path
    finished: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


def run_folder(out_dir: str | Path, run_id: str) -> Path:
    """The folder of run `run_id` under `out_dir`."""
    return Path(out_dir) / safe_id(run_id)


class BatchRunner:
    """Runs every article of an input through the stages and writes its outputs."""

    def __init__(self, config: PipelineConfig, models: Models, config_path: str | None = None):
        self.config = config
        self.models = models
        self.config_path = config_path
        summary_settings = config.summary_model or config.model
        # One model for both: the article's translation runs in the summary's batch (models/run_ahead.py).
        together = models.summary is models.translation and config.summary.with_translation
        self.ahead = RunAhead(models.translation) if together else None
        self.summariser = Summariser(self.ahead or models.summary, config.summary, summary_settings.max_input_tokens)
        self.glossary = default_glossary()
        if config.glossary:
            self.glossary = self.glossary.extend(load_glossary(config.glossary))
        self.translator = Translator(self.ahead or models.translation, config.translation, self.glossary)
        self.repairer = Repairer(self.translator, config.repair, self.glossary)

    def process(self, article: Article) -> Article:
        """Segment, summarise, translate, repair and validate one article (in place) and return it."""
        settings = self.config.translation
        with timed(article.timings, "segment", article.id):
            article.segments = segment_article(article, settings.segment_unit, settings.max_paragraph_chars)
        if not article.segments:
            raise ValueError("article has no text to translate")
        repair = self.config.repair
        with timed(article.timings, "summarise", article.id):
            if self.ahead is not None:
                self.ahead.forget()  # nothing left from an article that failed
                self.ahead.queue([self.translator.request(segment, lang) for lang in self.translator.model_langs()
                                  for segment in article.segments])
            rounds = repair.summary_rounds if repair.enabled else 0
            article.summary, article.summary_check = faithful_summary(self.summariser, article, rounds)
        with timed(article.timings, "translate", article.id):
            article.translations = self.translator.translate(
                {"article": article.segments, "summary": article.summary.segments}
            )
        checked_before = self.repairer.check_seconds
        if repair.enabled:
            with timed(article.timings, "repair", article.id):
                self.repair(article)
        article.validator_seconds_in_repair = round(self.repairer.check_seconds - checked_before, 3)
        with timed(article.timings, "validate", article.id):
            validation = self.config.validation
            assist = self.models.translation if validation.model_assisted else None
            article.fidelity = validate_article(article, self.glossary, assist, validation.quote_overlap)
        article.fidelity["summary_check"] = article.summary_check
        article.fidelity["repair"] = repair_counts(article.repairs)
        return article

    def repair(self, article: Article) -> None:
        """Repair every model-written language of every part, all in the same rounds; zh-Hant from
        OpenCC follows zh-Hans."""
        from_opencc = self.config.translation.zh_hant_method == "opencc"
        where = [(part, lang) for part, by_lang in article.translations.items() for lang in by_lang
                 if not (lang == "zh-Hant" and from_opencc)]  # converted from zh-Hans below
        jobs = [(article.source_segments(part), lang, article.translations[part][lang]) for part, lang in where]
        repaired = self.repairer.repair_all(jobs, article.english())
        for (part, lang), (texts, records) in zip(where, repaired, strict=True):
            article.translations[part][lang] = texts
            article.repairs.setdefault(part, {})[lang] = records
        for part, by_lang in article.translations.items():
            if from_opencc and "zh-Hant" in by_lang and "zh-Hans" in by_lang:
                by_lang["zh-Hant"] = self.translator.to_hant(by_lang["zh-Hans"])
                article.repairs[part]["zh-Hant"] = article.repairs[part]["zh-Hans"]

    def run(self, input_path: str | Path, out_dir: str | Path, run_id: str, force: bool = False,
            wait: float | None = None) -> RunResult:
        """Process every article under `input_path` into `out_dir/run_id/<article-id>/`.

        Articles the run's journal lists as finished are skipped unless `force`; each article is
        journalled once all its files are in place, so a killed run loses no finished article.
        The run holds its folder's lock (run/lock.py) throughout: when another run holds it, this
        one waits up to `wait` seconds (None: until it is done) and then raises RunLocked. The
        journal is read once the lock is held, so what the other run finished is skipped.
        """
        result = RunResult(run_dir=run_folder(out_dir, run_id))
        with run_lock(result.run_dir, wait):
            return self._run_locked(input_path, result, force)

    def _run_locked(self, input_path: str | Path, result: RunResult, force: bool) -> RunResult:
        run_dir = result.run_dir
        done = begin_run(run_dir, input_path, self.config, self.config_path, self.models.load_seconds, force)
        for item in progress.iterate(read_articles(input_path), unit="article", desc="articles"):
            if isinstance(item, ReadError):
                record_error(result, item.path, item.message)
                continue
            if item.id in done:
                skip_finished(result, item.id)
                continue
            try:
                self.process(item)
                finish_article(run_dir, item, article_manifest(item, self.config, self.models, self.config_path))
            except Exception as e:  # noqa: BLE001 - one article's failure must never stop the batch
                logger.debug("%s", traceback.format_exc())
                record_error(result, item.path or item.id, f"{type(e).__name__}: {e}")
                continue
            result.finished.append(item.id)
            logger.info("%s: done in %.1f s -> %s", item.id, sum(item.timings.values()), run_dir / item.id)
        end_run(result)
        return result


# The steps every engine shares (run/ray_engine.py too), so that both write the same folder and journal.


def begin_run(run_dir: Path, input_path: str | Path, config: PipelineConfig, config_path: str | None,
              model_load_seconds: float | None, force: bool) -> set[str]:
    """Prepare a locked run folder: drop a killed run's half-written files, write run.json; return the
    ids an earlier run finished (none with `force`)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    # Half-written files of a killed run: no other run writes here while this one holds the lock.
    for stale in [*run_dir.glob(".*.tmp"), *run_dir.glob("*/.*.tmp")]:
        stale.unlink(missing_ok=True)
    # errors.jsonl holds this run's failures: an earlier run's failed articles were not journalled,
    # so this run tries them again, and its own failures (if any) are written afresh.
    (run_dir / "errors.jsonl").unlink(missing_ok=True)
    done = set() if force else finished_ids(run_dir)
    atomic_write(run_dir / "run.json", to_json({
        "pipeline_version": __version__, "input": str(input_path), "config_file": config_path,
        "config": config.model_dump(mode="json"), "model_load_seconds": model_load_seconds,
    }))
    return done


def skip_finished(result: RunResult, article_id: str) -> None:
    """Count an article an earlier run finished."""
    result.skipped.append(article_id)
    logger.info("%s: finished by an earlier run of %s; skipped (--force redoes it)", article_id, result.run_dir)


def finish_article(run_dir: Path, article: Article, manifest: dict[str, Any]) -> None:
    """Write a processed article's files and report, then journal it: from here on it is finished."""
    write_article(article, run_dir / article.id, manifest)
    write_article_report(run_dir / article.id)
    append_journal(run_dir, {"id": article.id, "input": article.path,
                             "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})


def record_error(result: RunResult, where: str, message: str) -> None:
    """One failure: logged, and errors.jsonl rewritten with all of the run's failures so far."""
    logger.error("%s: %s", where, message)
    result.errors.append({"input": where, "error": message})
    atomic_write(result.run_dir / "errors.jsonl",
                 "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result.errors))


def end_run(result: RunResult) -> None:
    """The run's index and JSONL reports, over every finished article of the folder."""
    if result.finished or result.skipped:
        index, _ = write_run_reports(result.run_dir)
        logger.info("run report: %s", index)
