"""Checking many (source, translation) pairs from JSONL, one output line per input line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.fidelity.assisted import QUOTE_OVERLAP, BackTranslate, reconsider
from pipeline.fidelity.checking import check, prefetch_facts
from pipeline.fidelity.facts import LANGS
from pipeline.fidelity.glossary import Glossary
from pipeline.io.readers import iter_jsonl


def check_pairs(
    path: Path, glossary: Glossary | None = None, assist: BackTranslate | None = None,
    quote_overlap: float = QUOTE_OVERLAP,
) -> Iterator[dict[str, Any]]:
    """One record per non-empty line of `path`: `{"id", "facts", "findings"}`, or `{"id", "error"}`.

    A line may carry `"document"`, the English of the whole article its source belongs to: a count
    its translation writes is then held to the article (pipeline.fidelity.check).

    A malformed line gets its own error record (with its line number) and the rest go on. With
    `assist` (a back-translation callable, pipeline.fidelity.assisted), name and quote errors the
    English confirms become warnings.
    """
    batch: list[tuple[str, int, Any, str | None]] = []
    for line in iter_jsonl(path):
        batch.append(line)
        if len(batch) == BATCH_LINES:
            yield from _check_batch(batch, glossary, assist, quote_overlap)
            batch = []
    yield from _check_batch(batch, glossary, assist, quote_overlap)


# Lines read ahead so that spaCy parses their sources in one batch.
BATCH_LINES = 256


def _check_batch(
    batch: list[tuple[str, int, Any, str | None]], glossary: Glossary | None, assist: BackTranslate | None,
    quote_overlap: float,
) -> Iterator[dict]:
    good = [record for _, _, record, error in batch if not error and not _problem(record)]
    prefetch_facts([record["source"] for record in good])
    reports = {id(r): check(r["source"], r["translation"], r["lang"], glossary, r.get("document")) for r in good}
    if assist is not None:
        reconsider([(r["source"], r["translation"], reports[id(r)]) for r in good], assist, quote_overlap)
    for where, number, record, error in batch:
        if error:
            yield {"id": None, "line": number, "error": f"{where}: {error}"}
            continue
        problem = _problem(record)
        if problem:
            yield {"id": record.get("id") if isinstance(record, dict) else None, "line": number,
                   "error": f"{where}: {problem}"}
            continue
        report = reports[id(record)]
        yield {"id": record.get("id"), "lang": report.lang, "facts": report.facts,
               "findings": [f.to_dict() for f in report.findings]}


def _problem(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "a line must be a JSON object"
    for key in ("source", "translation", "lang"):
        if not isinstance(record.get(key), str):
            return f"field {key!r} is missing or not a string"
    if record.get("document") is not None and not isinstance(record["document"], str):
        return "field 'document' is not a string"
    if record["lang"] not in LANGS:
        return f"lang {record['lang']!r} is not one of {', '.join(LANGS)}"
    return None
