"""Run the pipeline over many articles: read, summarise, translate, write; one error per article."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline import __version__, progress
from pipeline.config import PipelineConfig
from pipeline.data import Article, Segment
from pipeline.fidelity.check import default_glossary
from pipeline.fidelity.glossary import load_glossary
from pipeline.models.ahead import RunAhead
from pipeline.models.base import TextGenerator
from pipeline.readers import ReadError, read_articles, safe_id
from pipeline.repair.loop import Repairer, repair_counts
from pipeline.repair.summary import faithful_summary
from pipeline.reports import write_article_report, write_run_reports
from pipeline.segment import split_paragraphs, split_segments
from pipeline.summarise import Summariser
from pipeline.translate import Translator
from pipeline.validate import validate_article
from pipeline.writers import atomic_write, to_json, write_article

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


def segment_article(article: Article, unit: str, max_paragraph_chars: int) -> list[Segment]:
    """The title (if any), then the body's sentences or short paragraphs, numbered in order."""
    segments: list[Segment] = []
    if article.title:
        segments.append(Segment(index=0, text=article.title, kind="title"))
    for number, paragraph in enumerate(split_paragraphs(article.text)):
        for text in split_segments(paragraph, unit, max_paragraph_chars):
            kind = "paragraph" if unit == "paragraph" and text == paragraph else "sentence"
            segments.append(Segment(index=len(segments), text=text, kind=kind, paragraph=number))
    return segments


@dataclass
class Models:
    """The loaded generators; the summary model is the translation model unless configured."""

    translation: TextGenerator
    summary: TextGenerator
    load_seconds: float = 0.0


def load_models(config: PipelineConfig) -> Models:
    """Load the configured model(s) once for the whole run."""
    from pipeline.models.loading import load_generator

    start = time.perf_counter()
    translation = cached(load_generator(config.model, config.generation), config.model, config)
    summary = translation
    if config.summary_model is not None and config.summary_model != config.model:
        summary = cached(load_generator(config.summary_model, config.generation), config.summary_model, config)
    return Models(translation, summary, round(time.perf_counter() - start, 3))


def cached(generator: TextGenerator, settings: Any, config: PipelineConfig) -> TextGenerator:
    """The generator behind a generation cache when the model config asks for one (greedy only)."""
    if not settings.cache_generations or config.generation.do_sample:
        return generator
    import torch
    import transformers

    from pipeline.models.cache import CachedGenerator
    from pipeline.models.embedded import cache_dir

    resolved = generator.resolved
    identity = {"model": resolved.model_id, "sha256": resolved.sha256, "revision": resolved.revision,
                "location": None if resolved.sha256 else resolved.location, "family": generator.family,
                "dtype": settings.dtype, "batch_size": settings.batch_size,
                "int4_rows": settings.int4_rows,  # int4 and bfloat16 round differently: other greedy choices
                "generation": config.generation.model_dump(mode="json"),
                "transformers": transformers.__version__, "torch": torch.__version__}
    return CachedGenerator(generator, cache_dir() / "generations.sqlite", identity)


def describe_model(generator: TextGenerator, settings: Any) -> dict[str, Any]:
    """The manifest's record of a model: id, file hash, revision and how it was run."""
    resolved = generator.resolved
    return {
        "id": resolved.model_id, "sha256": resolved.sha256, "revision": resolved.revision,
        "gguf_file": resolved.gguf_file, "family": generator.family, "dtype": settings.dtype,
        "batch_size": settings.batch_size,
    }


@dataclass
class RunResult:
    """What a run did: its folder, the finished article ids, those a previous run finished, failures."""

    run_dir: Path
    finished: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


JOURNAL = "journal.jsonl"


def finished_ids(run_dir: Path) -> set[str]:
    """Articles a run has finished: in its journal, with their manifest (written last) in place."""
    journal = run_dir / JOURNAL
    if not journal.is_file():
        return set()
    ids = set()
    for line in journal.read_text(encoding="utf-8").splitlines():
        try:
            article_id = json.loads(line)["id"]
        except (json.JSONDecodeError, KeyError, TypeError):
            continue  # a line cut by a kill: that article is simply done again
        if (run_dir / article_id / "manifest.json").is_file():
            ids.add(article_id)
    return ids


def append_journal(run_dir: Path, entry: dict[str, Any]) -> None:
    """One line per finished article, flushed to disk before the next article starts."""
    with open(run_dir / JOURNAL, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def default_run_id(input_path: str | Path, config: PipelineConfig) -> str:
    """The same input and config give the same run folder, so rerunning a command resumes it.

    Standard input is new every time: its runs are named by the start time.
    """
    if str(input_path) == "-":
        return "stdin-" + datetime.now().strftime("%Y%m%d-%H%M%S")
    resolved = str(Path(input_path).resolve())
    digest = hashlib.sha256((resolved + to_json(config.model_dump(mode="json"))).encode()).hexdigest()[:8]
    return safe_id(f"{Path(resolved).stem or 'input'}-{digest}")


class BatchRunner:
    """Runs every article of an input through the stages and writes its outputs."""

    def __init__(self, config: PipelineConfig, models: Models, config_path: str | None = None):
        self.config = config
        self.models = models
        self.config_path = config_path
        summary_settings = config.summary_model or config.model
        # One model for both: the article's translation runs in the summary's batch (models/ahead.py).
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
        for (part, lang), (texts, records) in zip(where, self.repairer.repair_all(jobs), strict=True):
            article.translations[part][lang] = texts
            article.repairs.setdefault(part, {})[lang] = records
        for part, by_lang in article.translations.items():
            if from_opencc and "zh-Hant" in by_lang and "zh-Hans" in by_lang:
                by_lang["zh-Hant"] = self.translator.to_hant(by_lang["zh-Hans"])
                article.repairs[part]["zh-Hant"] = article.repairs[part]["zh-Hans"]

    def manifest(self, article: Article) -> dict[str, Any]:
        """Everything needed to know how this article's outputs were made."""
        summary = article.summary
        translated = {}
        for lang in self.config.translation.langs:
            parts = {part: by_lang[lang] for part, by_lang in article.translations.items()}
            translated[lang] = {part: len(items) for part, items in parts.items()}
            translated[lang]["truncated"] = sum(t.truncated for items in parts.values() for t in items)
        summary_settings = self.config.summary_model or self.config.model
        return {
            "pipeline_version": __version__,
            "article": {"id": article.id, "title": article.title, "date": article.date,
                        "source": article.source, "input": article.path,
                        "input_note": article.metadata.get("input_note")},
            "model": describe_model(self.models.translation, self.config.model),
            "summary_model": describe_model(self.models.summary, summary_settings),
            "config_file": self.config_path,
            "config": self.config.model_dump(mode="json"),
            "segments": {"article": len(article.segments), "summary": len(summary.segments) if summary else 0},
            "translated_segments": translated,
            "fidelity_errors": {lang: v["errors"] for lang, v in (article.fidelity or {}).get("langs", {}).items()},
            "repair": (article.fidelity or {}).get("repair"),
            "summary_errors": (article.summary_check or {}).get("errors", 0),
            "summary": {"chunks": summary.chunks, "chunked": summary.chunks > 1,
                        "truncated": summary.truncated, "notes": summary.notes} if summary else None,
            "timings_seconds": article.timings | {"total": round(sum(article.timings.values()), 3)},
            # The validator runs inside repair too: its whole share of the article's time.
            "validator_seconds": self._validator_seconds(article),
            "model_load_seconds": self.models.load_seconds,  # once per run, shared by its articles
            "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }

    @staticmethod
    def _validator_seconds(article: Article) -> dict[str, float]:
        in_repair = article.validator_seconds_in_repair
        total = in_repair + article.timings.get("validate", 0.0)
        article_total = sum(article.timings.values())
        return {"in_repair": in_repair, "validate": article.timings.get("validate", 0.0), "total": round(total, 3),
                "share": round(total / article_total, 4) if article_total else 0.0}

    def run(self, input_path: str | Path, out_dir: str | Path, run_id: str, force: bool = False) -> RunResult:
        """Process every article under `input_path` into `out_dir/run_id/<article-id>/`.

        Articles the run's journal lists as finished are skipped unless `force`; each article is
        journalled once all its files are in place, so a killed run loses no finished article.
        """
        run_dir = Path(out_dir) / safe_id(run_id)
        result = RunResult(run_dir=run_dir)
        run_dir.mkdir(parents=True, exist_ok=True)
        done = set() if force else finished_ids(run_dir)
        atomic_write(run_dir / "run.json", to_json({
            "pipeline_version": __version__, "input": str(input_path), "config_file": self.config_path,
            "config": self.config.model_dump(mode="json"), "model_load_seconds": self.models.load_seconds,
        }))
        for item in progress.iterate(read_articles(input_path), unit="article", desc="articles"):
            if isinstance(item, ReadError):
                self._record_error(result, item.path, item.message)
                continue
            if item.id in done:
                result.skipped.append(item.id)
                logger.info("%s: finished by an earlier run of %s; skipped (--force redoes it)", item.id, run_dir)
                continue
            try:
                self.process(item)
                write_article(item, run_dir / item.id, self.manifest(item))
                write_article_report(run_dir / item.id)
                append_journal(run_dir, {"id": item.id, "input": item.path,
                                         "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
            except Exception as e:  # noqa: BLE001 - one article's failure must never stop the batch
                logger.debug("%s", traceback.format_exc())
                self._record_error(result, item.path or item.id, f"{type(e).__name__}: {e}")
                continue
            result.finished.append(item.id)
            logger.info("%s: done in %.1f s -> %s", item.id, sum(item.timings.values()), run_dir / item.id)
        if result.finished or result.skipped:
            index, _ = write_run_reports(run_dir)
            logger.info("run report: %s", index)
        return result

    def _record_error(self, result: RunResult, where: str, message: str) -> None:
        logger.error("%s: %s", where, message)
        result.errors.append({"input": where, "error": message})
        atomic_write(result.run_dir / "errors.jsonl",
                     "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result.errors))
