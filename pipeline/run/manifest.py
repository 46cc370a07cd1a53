"""An article's manifest: everything needed to know how its outputs were made."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from pipeline import __version__
from pipeline.article import Article
from pipeline.config import PipelineConfig
from pipeline.run.loaded_models import Models, describe_model


def article_manifest(article: Article, config: PipelineConfig, models: Models,
                     config_path: str | None) -> dict[str, Any]:
    """Everything needed to know how this article's outputs were made."""
    summary = article.summary
    translated = {}
    for lang in config.translation.langs:
        parts = {part: by_lang[lang] for part, by_lang in article.translations.items()}
        translated[lang] = {part: len(items) for part, items in parts.items()}
        translated[lang]["truncated"] = sum(t.truncated for items in parts.values() for t in items)
    summary_settings = config.summary_model or config.model
    return {
        "pipeline_version": __version__,
        "article": {"id": article.id, "title": article.title, "date": article.date,
                    "source": article.source, "input": article.path,
                    "input_note": article.metadata.get("input_note")},
        "model": describe_model(models.translation, config.model),
        "summary_model": describe_model(models.summary, summary_settings),
        "config_file": config_path,
        "config": config.model_dump(mode="json"),
        "segments": {"article": len(article.segments), "summary": len(summary.segments) if summary else 0},
        "translated_segments": translated,
        "validator_signature": (article.fidelity or {}).get("validator_signature"),
        "fidelity_errors": {lang: v["errors"] for lang, v in (article.fidelity or {}).get("langs", {}).items()},
        "repair": (article.fidelity or {}).get("repair"),
        "summary_errors": (article.summary_check or {}).get("errors", 0),
        "summary": {"chunks": summary.chunks, "chunked": summary.chunks > 1,
                    "truncated": summary.truncated, "notes": summary.notes} if summary else None,
        "timings_seconds": article.timings | {"total": round(sum(article.timings.values()), 3)},
        # The validator runs inside repair too: its whole share of the article's time.
        "validator_seconds": _validator_seconds(article),
        "model_load_seconds": models.load_seconds,  # once per run, shared by its articles
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def _validator_seconds(article: Article) -> dict[str, float]:
    in_repair = article.validator_seconds_in_repair
    total = in_repair + article.timings.get("validate", 0.0)
    article_total = sum(article.timings.values())
    return {"in_repair": in_repair, "validate": article.timings.get("validate", 0.0), "total": round(total, 3),
            "share": round(total / article_total, 4) if article_total else 0.0}
