"""Write one article's outputs: texts per language, the segment alignment and the manifest."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pipeline.article import Article, Segment, SegmentTranslation

# Japanese and Chinese sentences join without spaces; English ones with a space.
_JOINERS = {"en": " ", "ja": "", "zh-Hans": "", "zh-Hant": ""}


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def to_json(data: Any) -> str:
    """Readable JSON that keeps Japanese and Chinese as characters."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_text(segments: list[Segment], texts: list[str], lang: str) -> str:
    """Rebuild a document from its segments: the title on its own line, paragraphs kept."""
    joiner = _JOINERS[lang]
    blocks: list[str] = []
    current: list[str] = []
    block = None
    for segment, text in zip(segments, texts, strict=True):
        key = ("title", segment.index) if segment.kind == "title" else ("paragraph", segment.paragraph)
        if key != block and current:
            blocks.append(joiner.join(current))
            current = []
        block = key
        current.append(" ".join(text.split("\n")))  # a segment is running text, one line
    if current:
        blocks.append(joiner.join(current))
    return "\n\n".join(blocks) + "\n"


def alignment_lines(article: Article) -> list[dict[str, Any]]:
    """One record per source segment (article then summary) with its translation per language."""
    lines = []
    for part in ("article", "summary"):
        translations = article.translations.get(part, {})
        for segment in article.source_segments(part):
            record: dict[str, Any] = {
                "part": part, "index": segment.index, "kind": segment.kind,
                "paragraph": segment.paragraph, "source": segment.text, "translations": {},
            }
            for lang, items in translations.items():
                item: SegmentTranslation = items[segment.index]
                record["translations"][lang] = {
                    "text": item.text, "truncated": item.truncated,
                    "new_tokens": item.new_tokens, "method": item.method,
                }
            lines.append(record)
    return lines


def write_article(article: Article, folder: Path, manifest: dict[str, Any]) -> list[Path]:
    """Write every output of `article` into `folder`; the manifest is written last.

    The manifest marks the article as finished: a folder without one is incomplete.
    """
    written = []
    for stale in folder.glob(".*.tmp") if folder.is_dir() else []:
        stale.unlink(missing_ok=True)  # left by a process killed mid-write; this article is being redone

    def put(name: str, text: str) -> None:
        atomic_write(folder / name, text)
        written.append(folder / name)

    if article.summary is not None:
        put("summary.en.txt", article.summary.text + "\n")
    for part in ("article", "summary"):
        segments = article.source_segments(part)
        for lang, items in article.translations.get(part, {}).items():
            put(f"{part}.{lang}.txt", render_text(segments, [t.text for t in items], lang))
    if article.fidelity is not None:
        put("fidelity.json", to_json(article.fidelity))
    put("alignment.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in alignment_lines(article)))
    put("manifest.json", to_json(manifest))
    return written
