"""Readers: plain-text articles (title / date / source header), JSONL, and folders of both."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pipeline.article import Article
from pipeline.io.screening import ScreeningError, screen

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")  # HTML is reduced to its text (screening.py)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
# Files `datasets.load_dataset` reads with a packaged builder (JSONL stays with our own reader).
DATASET_SUFFIXES = {".parquet": "parquet", ".csv": "csv", ".arrow": "arrow"}
# A header is at most this many short lines before the first blank line.
MAX_HEADER_LINES = 4
MAX_HEADER_LINE_CHARS = 200
# Date lines as broadcasters print them: "發佈日期: 2026-01-07 21:55", "Published: 7 Jan 2026".
_DATE_LABEL = re.compile(
    r"^\s*(發佈日期|发布日期|發布日期|日期|published|updated|date)\s*[:：]\s*(?P<value>.+)$", re.I
)
_DATE_VALUE = re.compile(
    r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]* \d{4}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}\b",
    re.I,
)


@dataclass
class ReadError:
    """An input that could not become an Article; the batch goes on without it."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def safe_id(raw: str) -> str:
    """An article id usable as one path component: no separators, no dot-only names."""
    cleaned = re.sub(r"[^\w.\-]+", "_", raw.strip(), flags=re.UNICODE).strip("._")
    return cleaned[:120] or "article"


def parse_text_article(text: str, article_id: str, path: str = "") -> Article:
    """Split a plain-text article into its header (title, date, source) and body.

    The header is the block before the first blank line when it is at most four short lines:
    the first is the title, a line with a date (labelled or not) is the date, any other is
    the source. Text without such a block is all body.
    """
    text = text.replace("\r\n", "\n").replace("\ufeff", "").strip()
    head, sep, body = text.partition("\n\n")
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    is_header = (
        sep
        and body.strip()
        and 1 <= len(lines) <= MAX_HEADER_LINES
        and all(len(line) <= MAX_HEADER_LINE_CHARS for line in lines)
        and not re.search(r"[.!?\"”]$", lines[0])  # a title has no final full stop
    )
    if not is_header:
        return Article(id=article_id, text=text, path=path)
    title, date, sources = lines[0], "", []
    for line in lines[1:]:
        labelled = _DATE_LABEL.match(line)
        if labelled and not date:
            date = labelled.group("value").strip()
        elif _DATE_VALUE.search(line) and not date and len(line) < 40:
            date = line
        else:
            sources.append(line)
    return Article(
        id=article_id, text=body.strip(), title=title, date=date, source="; ".join(sources), path=path
    )


def read_text_file(path: Path) -> Article:
    """One article from a UTF-8 text file; the id is the file name without its suffix."""
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise ValueError("file is empty")
    return parse_text_article(text, safe_id(path.stem), str(path))


def iter_jsonl(path: Path, lines: Iterable[str] | None = None) -> Iterator[tuple[str, int, Any, str | None]]:
    """(where, line number, record, error) for each non-empty line; error says why it is not JSON.

    `lines` replaces reading `path` (stdin); `path` still names the input in messages.
    """
    with (open(path, encoding="utf-8") if lines is None else nullcontext(lines)) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield f"{path}:{number}", number, json.loads(line), None
            except json.JSONDecodeError as e:
                yield f"{path}:{number}", number, None, f"not valid JSON ({e.msg} at column {e.colno})"


def read_jsonl_file(path: Path, lines: Iterable[str] | None = None) -> Iterator[Article | ReadError]:
    """Articles from JSONL lines `{"id", "title", "text", "date", "source"}`; bad lines yield errors."""
    for where, number, record, error in iter_jsonl(path, lines):
        if error:
            yield ReadError(where, error)
            continue
        yield record_to_article(record, where, f"{path.stem}-{number}")


def record_to_article(record: Any, where: str, fallback_id: str) -> Article | ReadError:
    """An Article from a `{"id", "title", "text", "date", "source"}` record (JSONL line, dataset row)."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return ReadError(where, "record has no string field 'text'")
    if not record["text"].strip():
        return ReadError(where, "field 'text' is empty")
    known = {"id", "title", "text", "date", "source"}
    return Article(
        id=safe_id(str(record.get("id") or fallback_id)),
        text=record["text"].strip(),
        title=str(record.get("title") or "").strip(),
        date=str(record.get("date") or ""),
        source=str(record.get("source") or ""),
        path=where,
        metadata={k: v for k, v in record.items() if k not in known},
    )


def is_saved_dataset(folder: Path) -> bool:
    """A folder written by `Dataset.save_to_disk` or `DatasetDict.save_to_disk`."""
    return (folder / "state.json").is_file() or (folder / "dataset_dict.json").is_file()


def read_dataset(path: Path) -> Iterator[Article | ReadError]:
    """Rows of a Hugging Face dataset as articles: a saved folder, or a file datasets reads by type."""
    try:
        import datasets

        if path.is_dir():
            loaded = datasets.load_from_disk(str(path))
        else:
            builder = DATASET_SUFFIXES[path.suffix.lower()]
            loaded = datasets.load_dataset(builder, data_files=str(path), split="train")
    except Exception as e:  # noqa: BLE001 - any failure to load is this input's error, not the batch's
        yield ReadError(str(path), f"cannot load as a dataset: {type(e).__name__}: {e}".splitlines()[0])
        return
    splits = loaded.items() if isinstance(loaded, datasets.DatasetDict) else [("", loaded)]
    for split, rows in splits:
        prefix = f"{path.stem}-{split}" if split else path.stem
        for number, row in enumerate(rows):
            yield record_to_article(row, f"{path}{'/' + split if split else ''}[{number}]", f"{prefix}-{number}")


def read_articles(path: str | Path) -> Iterator[Article | ReadError]:
    """Every article under `path` (a file or a folder, recursively), in a stable order.

    Unreadable inputs yield a ReadError naming the file and the problem instead of raising, so
    one bad file never stops a batch.
    """
    if str(path) == "-":
        yield from _screened(read_stdin(sys.stdin))
        return
    path = Path(path)
    if not path.exists():
        yield ReadError(str(path), "no such file or folder")
        return
    if path.is_dir() and is_saved_dataset(path):
        yield from _screened(read_dataset(path))
        return
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    seen: dict[str, int] = {}
    for file in files:
        suffix = file.suffix.lower()
        if path.is_dir() and suffix not in TEXT_SUFFIXES + JSONL_SUFFIXES + tuple(DATASET_SUFFIXES):
            logger.debug("skipping %s: not a text or JSONL file", file)
            continue
        for item in _screened(_read_file(file, suffix)):
            if isinstance(item, Article):
                # Two files called article.txt in different folders must not share outputs.
                count = seen.get(item.id, 0)
                seen[item.id] = count + 1
                if count:
                    item.id = f"{item.id}-{count + 1}"
            yield item


def read_stdin(stream: TextIO) -> Iterator[Article | ReadError]:
    """Articles from standard input: JSONL when the first line is a JSON object, else one text article."""
    text = stream.read()
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if first.lstrip().startswith("{"):
        yield from read_jsonl_file(Path("<stdin>"), lines)
    elif not text.strip():
        yield ReadError("<stdin>", "no input")
    else:
        yield parse_text_article(text, "stdin", "<stdin>")


def _screened(items: Iterable[Article | ReadError]) -> Iterator[Article | ReadError]:
    for item in items:
        if isinstance(item, Article):
            try:
                item = screen(item)
            except ScreeningError as e:
                yield ReadError(item.path or item.id, str(e))
                continue
        yield item


def _read_file(file: Path, suffix: str) -> Iterator[Article | ReadError]:
    try:
        if suffix in DATASET_SUFFIXES:
            yield from read_dataset(file)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(file)
        else:
            yield read_text_file(file)
    except UnicodeDecodeError as e:
        yield ReadError(str(file), f"not UTF-8 text (byte {e.start}: {e.reason})")
    except (OSError, ValueError) as e:
        yield ReadError(str(file), str(getattr(e, "strerror", None) or e))
