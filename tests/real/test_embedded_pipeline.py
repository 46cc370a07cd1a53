"""The pipeline with the real embedded model on a short excerpt of the example article.

Run with `pytest -m real_model`. The model loads once for the module (over a minute).
"""

import json
import re
import subprocess
import sys

import opencc
import pytest

from pipeline.config import load_config
from pipeline.io.readers import parse_text_article
from pipeline.models import llama_runtime
from pipeline.models.embedded import EMBEDDED
from pipeline.run.loaded_models import load_models
from pipeline.run.runner import BatchRunner
from tests.conftest import ROOT

pytestmark = pytest.mark.real_model

KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def run_folder(example_text, tmp_path_factory):
    """Title + two sentences with a name, a quote and figures, run through the default config."""
    article = parse_text_article(example_text, "excerpt")
    sentences = [
        "Japan's Chief Cabinet Secretary Minoru Kihara addressed reporters on Wednesday.",
        "A three month curb on Chinese exports of rare earth could cost Japanese businesses 660 billion yen and "
        "shave 0.11 percent of annual gross domestic, according to Nomura Research Institute economist, "
        "Takahide Kiuchi.",
    ]
    assert all(s in article.text for s in sentences)
    source = tmp_path_factory.mktemp("in") / "excerpt.txt"
    source.write_text(f"{article.title}\n{article.date}\n{article.source}\n\n" + " ".join(sentences), encoding="utf-8")
    config = load_config(ROOT / "configs" / "default.yaml")
    config = config.model_copy(update={"summary": config.summary.model_copy(update={"min_sentences": 1}),
                                       # the model itself is under test: no cached generations
                                       "model": config.model.model_copy(update={"cache_generations": False})})
    out = tmp_path_factory.mktemp("out")
    result = BatchRunner(config, load_models(config), "configs/default.yaml").run(source, out, "real")
    assert result.errors == [] and result.finished == ["excerpt"]
    return result.run_dir / "excerpt"


@pytest.fixture(scope="module")
def alignment(run_folder):
    return [json.loads(line) for line in (run_folder / "alignment.jsonl").read_text(encoding="utf-8").splitlines()]


def test_segment_counts_match_and_nothing_was_dropped(run_folder, alignment):
    manifest = json.loads((run_folder / "manifest.json").read_text(encoding="utf-8"))
    article = [line for line in alignment if line["part"] == "article"]
    assert len(article) == manifest["segments"]["article"] == 3  # title + 2 sentences
    assert len(alignment) - len(article) == manifest["segments"]["summary"] >= 1
    for line in alignment:
        for lang in ("ja", "zh-Hans", "zh-Hant"):
            assert line["translations"][lang]["text"].strip(), (lang, line["source"])


def test_japanese_output_is_japanese(alignment):
    for line in alignment:
        ja = line["translations"]["ja"]["text"]
        assert HAN.search(ja) or KANA.search(ja), ja
    assert KANA.search(" ".join(line["translations"]["ja"]["text"] for line in alignment))


def test_chinese_output_is_han_without_kana(alignment):
    for line in alignment:
        for lang in ("zh-Hans", "zh-Hant"):
            text = line["translations"][lang]["text"]
            assert HAN.search(text) and not KANA.search(text), (lang, text)


def test_traditional_differs_from_simplified_where_characters_differ(alignment):
    to_hk = opencc.OpenCC("s2hk")
    changed = 0
    for line in alignment:
        hans, hant = line["translations"]["zh-Hans"]["text"], line["translations"]["zh-Hant"]["text"]
        assert hant == to_hk.convert(hans)
        changed += hant != hans
    assert changed >= 1  # news about Japan and China always holds 国/國, 日本 aside


def test_manifest_names_the_model_and_its_sha256(run_folder):
    manifest = json.loads((run_folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"]["sha256"] == EMBEDDED.sha256
    assert manifest["model"]["id"] == EMBEDDED.model_id
    assert manifest["timings_seconds"]["translate"] > 0
    summary = (run_folder / "summary.en.txt").read_text(encoding="utf-8")
    assert re.search(r"[A-Za-z]{3,}", summary) and not HAN.search(summary)


def test_models_verify_command_accepts_the_cached_file():
    result = subprocess.run([sys.executable, "-m", "pipeline", "models", "verify"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "sha256 verified" in result.stdout


PEOPLE = ("Minoru Kihara", "Takahide Kiuchi")


def test_after_repair_the_figures_are_right_and_every_person_is_right_or_reported(run_folder, alignment):
    line = next(line for line in alignment if "660 billion yen" in line["source"])
    assert "6600億円" in line["translations"]["ja"]["text"].replace(",", "")
    assert "6600亿日元" in line["translations"]["zh-Hans"]["text"].replace(",", "")
    hant = line["translations"]["zh-Hant"]["text"].replace(",", "")
    assert "6600億日圓" in hant or "6600億日元" in hant  # OpenCC's Hong Kong form of 亿日元 keeps 元
    fidelity = json.loads((run_folder / "fidelity.json").read_text(encoding="utf-8"))
    for lang in ("ja", "zh-Hans", "zh-Hant"):
        seen = set()
        for segment in fidelity["langs"][lang]["segments"]:
            if segment["part"] != "article":
                continue
            outcomes = {f["source"]: f["outcome"] for f in (segment["repair"] or {}).get("findings", [])}
            for finding in segment["findings"]:
                name = (finding["source"] or {}).get("text")
                if finding["kind"] != "name" or name not in PEOPLE:
                    continue
                seen.add(name)
                if finding["status"] != "preserved":
                    # Not right: then it is an error, and the repair record says it still fails.
                    assert finding["severity"] == "error" and outcomes.get(name) == "still failing", (lang, finding)
        assert seen == set(PEOPLE), lang


def test_the_converted_copy_loads_fast_and_generates_what_the_gguf_does():
    import time

    from pipeline.models.base import Request
    from pipeline.models.converted import converted_folder, is_complete
    from pipeline.models.loading import load_generator

    config = load_config(ROOT / "configs" / "default.yaml")
    settings = config.model.model_copy(update={"runtime": "transformers"})
    first = load_generator(settings, config.generation)  # saves the copy where there is none yet
    assert first.placement["kernels"]["source"] == "calibrated" and first.config.dtype in ("float32", "bfloat16")
    assert is_complete(converted_folder(EMBEDDED.sha256, first.config.dtype))
    del first
    start = time.perf_counter()
    fast = load_generator(settings, config.generation)
    print(f"load from the converted copy: {time.perf_counter() - start:.1f} s")
    plain = load_generator(settings.model_copy(update={"cache_converted": False}), config.generation)
    requests = [Request("Japan protested on Wednesday.", "Translate into Japanese.", "ja", 24),
                Request("The package is worth 660 billion yen.", "Translate into Simplified Chinese.", "zh-Hans", 24)]
    assert [g.text for g in fast.generate(requests)] == [g.text for g in plain.generate(requests)]


@pytest.mark.skipif(not llama_runtime.available(), reason="llama-cpp-python is not installed")
def test_auto_runs_the_embedded_model_with_llama_cpp_and_repeats_its_outputs(run_folder):
    import time

    from pipeline.models.base import Request
    from pipeline.models.loading import load_generator

    model = json.loads((run_folder / "manifest.json").read_text(encoding="utf-8"))["model"]
    probe = model["placement"].get("llama_cpp_probe") or {}
    if probe.get("works") is False:
        # A build that crashes on this CPU (a native build segfaults on the Xeon with AMX) leaves the
        # transformers runtime, and the manifest says why.
        assert model["runtime"] == model["placement"]["runtime"] == "transformers" and probe["error"]
        pytest.skip(f"llama.cpp does not run on this machine: {probe['error']}")
    assert model["runtime"] == model["placement"]["runtime"] == "llama.cpp"
    config = load_config(ROOT / "configs" / "default.yaml")
    requests = [Request(text, "Translate into Japanese.", "ja", 32) for text in (
        "Japan protested on Wednesday.", "The package is worth 660 billion yen.",
        "Minoru Kihara addressed reporters.")] * 2  # the same prompts twice: one row shares the other's cells

    def run():
        start = time.perf_counter()
        generator = load_generator(config.model, config.generation)
        print(f"llama.cpp load: {time.perf_counter() - start:.1f} s")
        return [(g.text, g.new_tokens) for g in generator.generate(requests)]

    first = run()
    assert first == run()  # the same code on the same machine repeats its outputs
    assert all(KANA.search(text) and 0 < tokens <= 32 for text, tokens in first)
