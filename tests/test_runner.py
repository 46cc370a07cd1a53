"""End to end with a tiny chat model: outputs, alignment, manifest and per-article errors."""

import json

import pytest

from pipeline.article import Article
from pipeline.config import PipelineConfig
from pipeline.io.readers import parse_text_article
from pipeline.run.loaded_models import load_models
from pipeline.run.runner import BatchRunner
from pipeline.stages.segment import segment_article


@pytest.fixture(scope="module")
def tiny_config(tiny_models):
    return PipelineConfig.model_validate({
        "model": {"source": "local", "name": str(tiny_models["chat"]), "batch_size": 4},
        "summary": {"max_new_tokens": 24},
        "translation": {"max_new_tokens_cap": 12},
    })


@pytest.fixture(scope="module")
def runner(tiny_config):
    return BatchRunner(tiny_config, load_models(tiny_config), "tiny.yaml")


def test_segments_are_title_then_sentences_with_paragraph_numbers(example_text):
    article = parse_text_article(example_text + "\n\nA second paragraph. It has two sentences.", "ex")
    segments = segment_article(article, "sentence", 400)
    assert segments[0].kind == "title" and segments[0].text == article.title
    assert [s.index for s in segments] == list(range(len(segments)))
    assert len(segments) == 1 + 14 + 2
    assert {s.paragraph for s in segments[1:15]} == {0} and {s.paragraph for s in segments[15:]} == {1}


def test_a_run_writes_every_output_with_one_target_per_source_segment(runner, example_text, tmp_path):
    source = tmp_path / "in" / "tvb.txt"
    source.parent.mkdir()
    source.write_text(example_text, encoding="utf-8")
    result = runner.run(source, tmp_path / "out", "r1")
    folder = tmp_path / "out" / "r1" / "tvb"
    assert result.finished == ["tvb"] and result.errors == []
    names = {p.name for p in folder.iterdir()}
    assert names == {"summary.en.txt", "alignment.jsonl", "manifest.json", "fidelity.json", "report.html"} | {
        f"{part}.{lang}.txt" for part in ("article", "summary") for lang in ("ja", "zh-Hans", "zh-Hant")}

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    lines = [json.loads(line) for line in (folder / "alignment.jsonl").read_text(encoding="utf-8").splitlines()]
    article_lines = [line for line in lines if line["part"] == "article"]
    assert manifest["segments"]["article"] == len(article_lines) == 15
    assert manifest["segments"]["summary"] == len(lines) - 15
    for line in lines:
        assert set(line["translations"]) == {"ja", "zh-Hans", "zh-Hant"}
        # Every bound is the cap (12): a segment is marked truncated exactly when it used all of it.
        ja = line["translations"]["ja"]
        assert ja["new_tokens"] <= 12 and ja["truncated"] == (ja["new_tokens"] == 12)
        assert line["translations"]["zh-Hant"]["method"] == "opencc"
    assert article_lines[0]["kind"] == "title" and article_lines[0]["source"].startswith("Japan criticises")
    truncated = sum(line["translations"]["ja"]["truncated"] for line in lines)
    assert truncated > 0
    assert manifest["translated_segments"]["ja"] == {"article": 15, "summary": manifest["segments"]["summary"],
                                                     "truncated": truncated}
    assert manifest["model"]["family"] == "chat" and manifest["model"]["id"].endswith("chat")
    assert manifest["config"]["translation"]["max_new_tokens_cap"] == 12
    assert set(manifest["timings_seconds"]) >= {"segment", "summarise", "translate", "total"}
    assert manifest["article"]["date"] == "2026-01-07 21:55" and manifest["article"]["source"] == "TVB News"
    # The text files hold the aligned segments, the title on its own line.
    ja_text = (folder / "article.ja.txt").read_text(encoding="utf-8")
    title_ja = article_lines[0]["translations"]["ja"]["text"].replace("\n", " ")
    assert ja_text.startswith(title_ja + "\n\n")
    run_json = json.loads((tmp_path / "out" / "r1" / "run.json").read_text(encoding="utf-8"))
    assert run_json["config_file"] == "tiny.yaml"


def test_repair_is_recorded_where_users_read_it(runner, example_text, tmp_path):
    source = tmp_path / "tvb.txt"
    source.write_text(example_text, encoding="utf-8")
    runner.run(source, tmp_path / "out", "r1")
    folder = tmp_path / "out" / "r1" / "tvb"
    fidelity = json.loads((folder / "fidelity.json").read_text(encoding="utf-8"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    # The tiny model writes noise: every segment fails, goes through repair and says so.
    assert manifest["repair"] == fidelity["repair"] and set(fidelity["repair"]) == {"ja", "zh-Hans", "zh-Hant"}
    assert fidelity["repair"]["ja"]["segments_with_errors"] > 0
    assert "repair" in manifest["timings_seconds"] and "summary_check" in fidelity
    # Which validator made the findings, as in the manifest.
    assert fidelity["validator_signature"] == manifest["validator_signature"]
    assert fidelity["validator_signature"].startswith("version:") and "|glossary:" in fidelity["validator_signature"]
    spent = manifest["validator_seconds"]
    assert spent["in_repair"] > 0 and 0 < spent["share"] < 1
    assert spent["total"] == pytest.approx(spent["in_repair"] + spent["validate"], abs=0.002)
    for lang in ("ja", "zh-Hans"):
        for segment in fidelity["langs"][lang]["segments"]:
            record = segment["repair"]
            if record is None:
                assert not any(f["severity"] == "error" for f in segment["findings"])
                continue
            kept = [a for a in record["attempts"] if a["kept"]]
            assert kept[0]["round"] == 0 and kept[-1]["text"] == segment["translation"]
            assert [a["round"] for a in record["attempts"]][:2] == [0, 1]
            assert all(f["outcome"] for f in record["findings"])


def test_bad_inputs_are_recorded_and_the_batch_goes_on(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Good title\n\nJapan protested on Wednesday.", encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")
    (folder / "c.jsonl").write_text('{"id": "c1", "text": "China replied."}\nnot json\n', encoding="utf-8")
    result = runner.run(folder, tmp_path / "out", "r2")
    assert result.finished == ["a", "c1"]
    errors = [json.loads(line) for line in (result.run_dir / "errors.jsonl").read_text().splitlines()]
    assert [(e["input"].rsplit("/", 1)[-1], e["error"]) for e in errors] == [
        ("b.txt", "file is empty"), ("c.jsonl:2", errors[1]["error"])]
    assert errors[1]["error"].startswith("not valid JSON")
    assert (result.run_dir / "a" / "manifest.json").is_file() and (result.run_dir / "c1" / "manifest.json").is_file()


def test_a_rerun_without_failures_leaves_no_earlier_errors(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Good title\n\nJapan protested on Wednesday.", encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")
    first = runner.run(folder, tmp_path / "out", "r")
    assert (first.run_dir / "errors.jsonl").is_file()
    # The user mends the file: the rerun does it, and errors.jsonl says this run had no failure.
    (folder / "b.txt").write_text("Second title\n\nChina replied on Thursday.", encoding="utf-8")
    second = runner.run(folder, tmp_path / "out", "r")
    assert second.finished == ["b"] and second.skipped == ["a"] and not second.errors
    assert not (second.run_dir / "errors.jsonl").exists()


def test_an_article_that_fails_in_a_stage_does_not_stop_the_others(runner, tmp_path, monkeypatch):
    original = runner.process

    def failing(article: Article):
        if article.id == "bad":
            raise RuntimeError("model produced no output")
        return original(article)

    monkeypatch.setattr(runner, "process", failing)
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "bad", "text": "One."}\n{"id": "good", "text": "Two."}\n', encoding="utf-8")
    result = runner.run(path, tmp_path / "out", "r3")
    assert result.finished == ["good"]
    assert result.errors == [{"input": f"{path}:1", "error": "RuntimeError: model produced no output"}]


def test_the_article_is_translated_in_the_summarys_batch(example_text, tmp_path):
    from pipeline.run.loaded_models import Models
    from tests.scripted import ScriptedGenerator

    calls = []

    class Recording(ScriptedGenerator):
        def generate(self, requests):
            calls.append(requests)
            return super().generate(requests)

    model = Recording(lambda r: "A summary sentence." if r.target_lang is None else "訳文。")
    config = PipelineConfig.model_validate({"repair": {"enabled": False}, "translation": {"langs": ["ja"]}})
    source = tmp_path / "tvb.txt"
    source.write_text(example_text, encoding="utf-8")
    result = BatchRunner(config, Models(model, model)).run(source, tmp_path / "out", "r")
    assert result.errors == []
    first = calls[0]
    assert first[0].target_lang is None and len(first) == 1 + 15  # the summary, then 15 segments
    translated = [r.text for call in calls for r in call if r.target_lang == "ja"]
    assert len(translated) == len(set(translated)) == 15 + 1  # each once: 15 segments, 1 summary sentence
