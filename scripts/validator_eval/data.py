"""The validator's evaluation data: WMT21, WMT22 and WMT24 news, split once by document into a dev
part (rules may be tuned on it) and a frozen test part (never looked at while tuning).

The split is a hash of the corpus and document id, so it does not depend on the order of the
files, on what else is in them, or on the code that reads them: `part_of("wmt22", "guardian.44758")`
says the same thing forever. WMT21's en-zh file has no document ids; its segments take the id of the
en-ja document with the same English (871 of 1,845), and the rest are grouped into documents by
position (see `_wmt21_zh_documents`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

PARTS = ("dev", "test")
# WMT21's second Chinese reference leaves some documents untranslated with this placeholder.
_NO_TRANSLATION = "NO TRANSLATION AVAILABLE"
# Simplified → Traditional: Hong Kong usage for WMT22/24, Taiwan usage with phrases for WMT21, so
# that both regional conventions are in the data (the references themselves are Simplified).
_HANT_CONVERSION = {"wmt21": "s2twp", "wmt22": "s2hk", "wmt24": "s2hk"}


def part_of(corpus: str, doc: str) -> str:
    """"dev" or "test" for one document; about half of the documents each."""
    digest = hashlib.sha256(f"{corpus}/{doc}".encode()).digest()
    return PARTS[digest[0] % 2]


def _converter(corpus: str):
    from pipeline.fidelity.dictionaries import opencc

    return opencc(_HANT_CONVERSION[corpus])


def _wmt22_24(path: Path) -> Iterator[dict]:
    corpus = path.parent.name
    to_hant = _converter(corpus)
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for i, (en, ja, zh) in enumerate(zip(doc["en"], doc["ja"], doc["zh"], strict=True)):
            yield {"id": f"{corpus}/{doc['doc_id']}/{i}", "corpus": corpus, "doc": doc["doc_id"], "en": en,
                   "refs": {"ja": ja, "zh-Hans": zh, "zh-Hant": to_hant.convert(zh)}, "systems": {}}


def _is_headline(en: str) -> bool:
    """A short line without closing punctuation: the title that opens a news document."""
    return len(en.split()) <= 15 and not en.rstrip().endswith((".", '"', "?", "!", "”", "'", ":"))


def _wmt21_zh_documents(rows: list[dict], known: dict[str, str], longest: int = 25) -> list[str]:
    """A document id per en-zh row: the en-ja document of the same English; else the previous
    row's document, until a headline or `longest` rows without a known id start a new one (the
    file holds documents contiguously, some far longer than their en-ja part, such as a talk)."""
    docs: list[str] = []
    current, unknown_run = "zh-0", 0
    for i, row in enumerate(rows):
        if row["en"] in known:
            current, unknown_run = known[row["en"]], 0
        elif _is_headline(row["en"]) or unknown_run >= longest:
            current, unknown_run = f"zh-{i}", 1
        else:
            unknown_run += 1
        docs.append(current)
    return docs


def _wmt21(folder: Path) -> Iterator[dict]:
    ja_path, zh_path = folder / "news.en-ja.jsonl", folder / "news.en-zh.jsonl"
    ja_rows = [json.loads(line) for line in ja_path.read_text(encoding="utf-8").splitlines()] \
        if ja_path.is_file() else []
    for row in ja_rows:
        yield {"id": row["id"], "corpus": "wmt21", "doc": row["doc_id"], "en": row["en"],
               "refs": {"ja": row["ja"]}, "systems": {"ja": row.get("systems", {})}}
    if not zh_path.is_file():
        return
    to_hant = _converter("wmt21")
    zh_rows = [json.loads(line) for line in zh_path.read_text(encoding="utf-8").splitlines()]
    known = {row["en"]: row["doc_id"] for row in ja_rows}
    for row, doc in zip(zh_rows, _wmt21_zh_documents(zh_rows, known), strict=True):
        refs = {"zh-Hans": row["zh-Hans"], "zh-Hant": to_hant.convert(row["zh-Hans"])}
        if row.get("zh-Hans.B") and row["zh-Hans.B"] != _NO_TRANSLATION:
            refs["zh-Hans.B"] = row["zh-Hans.B"]
        yield {"id": row["id"], "corpus": "wmt21", "doc": doc, "en": row["en"], "refs": refs,
               "systems": {"zh-Hans": row.get("systems", {})}}


def load_segments(data: Path, part: str | None = None) -> list[dict]:
    """Every segment of the WMT files under `data`, or those of one part ("dev" / "test").

    Each segment: id, corpus, doc, en, refs (language → human reference; "zh-Hans.B" is WMT21's
    second, independent Chinese reference), systems (language → MT system → output) and part.
    """
    segments: list[dict] = []
    for path in sorted(data.glob("wmt*/news.en-ja-zh.jsonl")):
        segments += _wmt22_24(path)
    if (data / "wmt21").is_dir():
        segments += _wmt21(data / "wmt21")
    for segment in segments:
        segment["part"] = part_of(segment["corpus"], segment["doc"])
    return [s for s in segments if part is None or s["part"] == part]
