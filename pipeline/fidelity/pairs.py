"""Checking many (source, translation) pairs from JSONL, one output line per input line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.fidelity.check import check, prefetch_facts
from pipeline.fidelity.facts import LANGS
from pipeline.fidelity.glossary import Glossary
from pipeline.readers import iter_jsonl


def check_pairs(path: Path, glossary: Glossary | None = None) -> Iterator[dict[str, Any]]:
    """One record per non-empty line of `path`: `{"id", "facts", "findings"}`, or `{"id", "error"}`.

    A malformed line gets its own error record (with its line number) and the rest go on.
    """
    batch: list[tuple[str, int, Any, str | None]] = []
    for line in iter_jsonl(path):
        batch.append(line)
        if len(batch) == BATCH_LINES:
            yield from _check_batch(batch, glossary)
            batch = []
    yield from _check_batch(batch, glossary)


# Lines read ahead so that spaCy parses their sources in one batch.
BATCH_LINES = 256


def _check_batch(batch: list[tuple[str, int, Any, str | None]], glossary: Glossary | None) -> Iterator[dict]:
    prefetch_facts([record["source"] for _, _, record, error in batch if not error and not _problem(record)])
    for where, number, record, error in batch:
        if error:
            yield {"id": None, "line": number, "error": f"{where}: {error}"}
            continue
        problem = _problem(record)
        if problem:
            yield {"id": record.get("id") if isinstance(record, dict) else None, "line": number,
                   "error": f"{where}: {problem}"}
            continue
        report = check(record["source"], record["translation"], record["lang"], glossary)
        yield {"id": record.get("id"), "lang": report.lang, "facts": report.facts,
               "findings": [f.to_dict() for f in report.findings]}


def _problem(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "a line must be a JSON object"
    for key in ("source", "translation", "lang"):
        if not isinstance(record.get(key), str):
            return f"field {key!r} is missing or not a string"
    if record["lang"] not in LANGS:
        return f"lang {record['lang']!r} is not one of {', '.join(LANGS)}"
    return None
