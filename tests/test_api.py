"""The public API at the package top: its names, a cheap import, check() and a run with tiny models."""

import json
import subprocess
import sys

import pytest

import pipeline
from pipeline.article import Article
from pipeline.config import ConfigError
from tests.conftest import ROOT

# Removing or renaming one of these breaks users' code: change this list only on purpose.
PUBLIC = ["FidelityReport", "Finding", "Pipeline", "Result", "SegmentResult", "__version__", "assert_faithful",
          "check", "load", "translate_article"]

SOURCE = "The company paid $3.4 billion in 2023."
FAITHFUL = "同社は2023年に34億ドルを支払った。"
WRONG_FIGURE = "同社は2023年に43億ドルを支払った。"
TINY = ROOT / "configs" / "tiny.yaml"


def test_the_public_names_are_pinned():
    assert sorted(pipeline.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(pipeline, name) is not None
    assert set(PUBLIC) <= set(dir(pipeline))
    with pytest.raises(AttributeError):
        pipeline.no_such_name  # noqa: B018


def test_import_pipeline_and_its_pytest_plugin_load_neither_torch_nor_spacy():
    code = ("import sys, pipeline, pipeline.pytest_plugin\n"
            "print(sorted(m for m in ('torch', 'spacy', 'transformers', 'numpy', 'pydantic', 'pipeline.api', "
            "'pipeline.fidelity.checking') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "[]"


def test_check_a_faithful_pair():
    report = pipeline.check(SOURCE, FAITHFUL, "ja")
    assert isinstance(report, pipeline.FidelityReport)
    assert report.ok and report.errors == [] and report.warnings == []
    assert (report.lang, report.facts, report.source, report.translation) == ("ja", 2, SOURCE, FAITHFUL)
    assert {(f.kind, f.status, f.found) for f in report.findings} == {("figure", "preserved", "34億ドル"),
                                                                      ("figure", "preserved", "2023年")}
    data = report.to_dict()
    assert data["ok"] is True and set(data) == {"lang", "facts", "ok", "source", "translation", "findings"}
    assert "2 facts" in str(report) and str(report).endswith("OK")


def test_check_holds_a_count_to_the_article_given():
    article = "Police arrested four men.\nThe men were released on bail."
    assert pipeline.check("The men were released on bail.", "四名男子获保释。", "zh-Hans", document=article).ok
    report = pipeline.check("The men were released on bail.", "五名男子获保释。", "zh-Hans", document=article)
    assert [(f.kind, f.status, f.found) for f in report.errors] == [("figure", "added", "五名")]
    with pytest.raises(AssertionError, match="五名"):
        pipeline.assert_faithful("The men were released on bail.", "五名男子获保释。", "zh-Hans", document=article)


def test_check_an_altered_figure():
    report = pipeline.check(SOURCE, WRONG_FIGURE, "ja")
    assert not report.ok
    (error,) = report.errors
    assert isinstance(error, pipeline.Finding)
    assert (error.kind, error.status, error.expected, error.found) == ("figure", "altered", "34億ドル", "43億ドル")
    assert (error.source.text, error.target.text) == ("$3.4 billion", "43億ドル")
    assert WRONG_FIGURE[error.target.start:error.target.end] == "43億ドル"
    # JSON round trip: the same report comes back.
    text = report.to_json()
    assert "43億ドル" in text  # characters, not \u escapes
    assert json.loads(text) == report.to_dict()
    assert pipeline.FidelityReport.from_dict(json.loads(text)) == report
    # str() is the table `pipeline check` prints.
    table = str(report).splitlines()
    assert table[0].split()[:5] == ["severity", "kind", "status", "source", "target"]
    assert table[1].split()[:3] == ["error", "figure", "altered"]
    assert table[-1] == "ja: 2 facts; figure altered 1, figure preserved 1; 1 error(s)"


def test_check_reads_a_glossary_file(tmp_path):
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text("- en: Zentrix Labs\n  ja: 星光研究所\n", encoding="utf-8")
    source, translation = "Zentrix Labs said profits rose.", "星光研究所は利益が増えたと述べた。"
    assert not pipeline.check(source, translation, "ja").ok
    (name,) = pipeline.check(source, translation, "ja", glossary=glossary).findings
    assert (name.status, name.evidence) == ("preserved", "glossary")


def test_check_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="unknown language 'ko'"):
        pipeline.check(SOURCE, FAITHFUL, "ko")


@pytest.fixture(scope="module")
def translator(tiny_models):
    return pipeline.load(TINY)


def test_load_then_translate_articles_with_the_same_models(translator):
    text = ("Japan criticises China\n\nThe company paid $3.4 billion in 2023, Reuters reported. "
            'Prime Minister Sanae Takaichi said "We will not back down."')
    result = translator.translate_article(text, langs=["ja"])
    assert isinstance(result, pipeline.Result)
    assert result.langs == ["ja"] and result.title == "Japan criticises China"
    assert result.summary and set(result.translations) == {"article", "summary"}
    assert set(result.translations["article"]) == {"ja"}
    assert result.translations["article"]["ja"].startswith(result.segments[0].translations["ja"].replace("\n", " "))
    articles = [s for s in result.segments if s.part == "article"]
    assert [s.kind for s in articles] == ["title", "sentence", "sentence"]
    assert all(set(s.reports) == {"ja"} and s.reports["ja"].translation == s.translations["ja"]
               for s in result.segments)
    # The tiny model writes noise: the facts are lost, and the merged report counts them.
    assert not result.ok and result.errors["ja"]
    assert result.reports["ja"].facts == sum(s.reports["ja"].facts for s in result.segments) >= 7
    assert result.repairs["article"]["ja"]  # repair ran (configs/tiny.yaml: one round)
    assert result.validator_signature.startswith("version:")
    assert result.to_dict()["segments"][0]["reports"]["ja"]["lang"] == "ja"
    assert pipeline.Result.from_dict(json.loads(result.to_json())) == result
    shown = str(result)
    assert "== ja ==" in shown and "summary (en):" in shown and shown.splitlines()[-1].startswith("ja: ")

    # Another article, other languages: the same loaded models; the caller's Article is left as given.
    article = Article(id="paid", text=SOURCE)
    again = translator.translate_article(article, langs=["zh-Hant", "ja"])
    assert again.id == "paid" and again.langs == ["zh-Hant", "ja"]
    assert set(again.translations["article"]) == {"zh-Hant", "ja"}
    assert again.segments[0].methods["zh-Hant"] == "opencc"
    assert article.translations == {} and article.summary is None


def test_translate_article_validates_languages(translator):
    with pytest.raises(ValueError, match="langs must list distinct languages"):
        translator.translate_article(SOURCE, langs=["ko"])
    with pytest.raises(ValueError, match="langs must list distinct languages"):
        translator.translate_article(SOURCE, langs=["ja", "ja"])
    with pytest.raises(ValueError, match="no text"):
        translator.translate_article("  ")
    with pytest.raises(ValueError, match="not English"):
        translator.translate_article("Le gouvernement a annoncé mardi une nouvelle réforme des retraites.")


def test_translate_article_in_one_call_with_a_dict_config(tiny_models):
    config = {"model": {"source": "local", "name": str(tiny_models["chat"]), "dtype": "float32"},
              "summary": {"min_sentences": 1, "max_new_tokens": 16}, "translation": {"max_new_tokens_cap": 8},
              "repair": {"enabled": False}}
    result = pipeline.translate_article(SOURCE, langs=["zh-Hans"], config=config)
    assert result.langs == ["zh-Hans"] and result.repairs == {}
    assert [s.part for s in result.segments][0] == "article"


def test_a_bad_config_names_the_key():
    with pytest.raises(ConfigError, match="model.sorce"):
        pipeline.load({"model": {"sorce": "hub"}})
