"""The evaluation's data: one split by document, stable, with WMT21's documents recovered."""

import json

from validator_eval.data import _wmt21_zh_documents, load_segments, part_of


def _write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")


def test_a_document_is_wholly_in_one_part_and_the_part_never_changes(tmp_path):
    docs = [{"doc_id": f"doc{i}", "en": ["A.", "B."], "ja": ["あ。", "い。"], "zh": ["甲。", "乙。"]}
            for i in range(40)]
    _write(tmp_path / "wmt22" / "news.en-ja-zh.jsonl", docs)
    segments = load_segments(tmp_path)
    parts = {}
    for s in segments:
        parts.setdefault(s["doc"], set()).add(s["part"])
    assert all(len(p) == 1 for p in parts.values())
    assert {p for ps in parts.values() for p in ps} == {"dev", "test"}  # 40 documents fall on both sides
    assert [s["part"] for s in load_segments(tmp_path, "dev")] == ["dev"] * len(load_segments(tmp_path, "dev"))
    # The hash of corpus and document id alone decides: the same answer forever.
    assert part_of("wmt22", "doc0") == parts["doc0"].pop()


def test_wmt21_chinese_rows_take_the_japanese_document_or_start_one_at_a_headline():
    known = {"Same English.": "site.1"}
    rows = [{"en": "Same English."}, {"en": "More of it."}, {"en": "A new headline"}, {"en": "Its body."}]
    assert _wmt21_zh_documents(rows, known) == ["site.1", "site.1", "zh-2", "zh-2"]


def test_placeholder_references_are_not_references(tmp_path):
    _write(tmp_path / "wmt21" / "news.en-zh.jsonl", [
        {"id": "z0", "doc_id": None, "en": "Hello there.", "zh-Hans": "你好。", "zh-Hans.B": "NO TRANSLATION AVAILABLE",
         "systems": {"X": "你好。"}}])
    (segment,) = load_segments(tmp_path)
    assert set(segment["refs"]) == {"zh-Hans", "zh-Hant"}
    assert segment["systems"] == {"zh-Hans": {"X": "你好。"}}
