"""check() on the example article: a correct and a corrupted Japanese and Chinese translation."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.fidelity import check, extract_facts
from pipeline.io.readers import parse_text_article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PEOPLE = {"Minoru Kihara", "Sanae Takaichi", "Mao Ning", "Takahide Kiuchi"}
ORGS = {"Nomura Research Institute", "China Daily"}


@pytest.fixture(scope="module")
def source(example_text):
    return parse_text_article(example_text, "example").text


def reference(lang):
    return (FIXTURES / f"example.{lang}.txt").read_text(encoding="utf-8").strip()


def test_the_examples_facts_are_extracted(source):
    facts = extract_facts(source)
    people = {n.text for n in facts.names if n.label == "PERSON"}
    assert people == PEOPLE
    assert {n.text for n in facts.names if n.label == "ORG"} >= ORGS
    figures = {(f.span.text, f.unit) for f in facts.figures}
    assert {("660 billion yen", "JPY"), ("0.11 percent", "%"), ("three month", "month"),
            ("Wednesday", "weekday")} <= figures
    assert [q.text[:24] for q in facts.quotes] == ["The present measure, whi", "lodging a strong protest"]


@pytest.mark.parametrize("lang", ["ja", "zh-Hans", "zh-Hant"])
def test_a_correct_translation_passes_with_every_fact_preserved(source, lang):
    import opencc

    text = reference("zh-Hans" if lang == "zh-Hant" else lang)
    if lang == "zh-Hant":
        text = opencc.OpenCC("s2hk").convert(text)
    report = check(source, text, lang)
    assert report.ok, [f.message for f in report.errors]
    preserved = {f.source.text for f in report.findings if f.status == "preserved"}
    assert PEOPLE | ORGS | {"660 billion yen", "0.11 percent", "three month", "Wednesday"} <= preserved
    assert sum(f.kind == "quote" and f.status == "preserved" for f in report.findings) == 2
    renderings = {f.source.text: f.target.text for f in report.findings if f.status == "preserved"}
    expected_yen = {"ja": "6600億円", "zh-Hans": "6600亿日元", "zh-Hant": "6600億日元"}[lang]
    assert renderings["660 billion yen"] == expected_yen
    assert renderings["Mao Ning"] == {"ja": "毛寧", "zh-Hans": "毛宁", "zh-Hant": "毛寧"}[lang]


CORRUPTIONS = {
    "ja": [
        ("木原", "小田川", ("name", "missing", "Minoru Kihara")),  # every mention: none is left
        ("6600億円", "660億円", ("figure", "altered", "660 billion yen")),
        ("0.11%", "1.1%", ("figure", "altered", "0.11 percent")),
        ("「わが国のみを対象とした今回の措置は、国際的な慣行と大きく異なり、到底容認できず、極めて遺憾だ」と述べた",
         "今回の措置は遺憾だと述べた", ("quote", "missing", None)),
    ],
    "zh-Hans": [
        ("高市", "安倍", ("name", "missing", "Sanae Takaichi")),
        ("6600亿日元", "6600亿美元", ("figure", "altered", "660 billion yen")),
        ("三个月", "六个月", ("figure", "altered", "three month")),
        ("“提出强烈抗议并要求撤回该措施。”", "“天气晴朗，气温与往年持平。”", ("quote", "altered", None)),
    ],
}


@pytest.mark.parametrize("lang", ["ja", "zh-Hans"])
def test_a_corrupted_translation_fails_with_the_right_reasons(source, lang):
    text = reference(lang)
    for old, new, _ in CORRUPTIONS[lang]:
        assert old in text
        text = text.replace(old, new)
    report = check(source, text, lang)
    errors = {(f.kind, f.status, f.source.text if f.kind != "quote" else None) for f in report.errors}
    for _, _, reason in CORRUPTIONS[lang]:
        assert reason in errors
    altered = {f.source.text: f.message for f in report.errors if f.status == "altered" and f.kind == "figure"}
    if lang == "ja":
        assert altered["660 billion yen"] == "expected 6600億円, found 660億円"
    else:
        assert altered["660 billion yen"] == "expected 6600亿日元, found 6600亿美元"


@pytest.mark.parametrize(
    "translation, reason",
    [("", ("coverage", "missing")), ("Japan criticised China over the ban.", ("coverage", "missing"))],
)
def test_empty_or_untranslated_segments_are_coverage_errors(translation, reason):
    report = check("Japan criticised China over the ban.", translation, "ja")
    assert reason in {(f.kind, f.status) for f in report.errors}


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="expected one of ja, zh-Hans, zh-Hant"):
        check("x", "y", "ko")


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", "check", *args], capture_output=True, text=True)


def test_cli_pairs_writes_one_line_per_input_and_survives_bad_lines(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    good = {"id": "a", "source": "It cost 660 billion yen.", "translation": "6600億円かかった。", "lang": "ja"}
    bad_value = {"id": "b", "source": "It cost 660 billion yen.", "translation": "660億円かかった。", "lang": "ja"}
    pairs.write_text("\n".join([json.dumps(good, ensure_ascii=False), "{oops",
                                json.dumps({"id": "c", "source": "x", "lang": "ja"}),
                                json.dumps(bad_value, ensure_ascii=False)]) + "\n", encoding="utf-8")
    out = tmp_path / "findings.jsonl"
    result = run_cli("--pairs", str(pairs), "--out", str(out))
    assert result.returncode == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("id") for r in records] == ["a", None, "c", "b"]
    assert records[0]["facts"] == 1 and records[0]["findings"][0]["status"] == "preserved"
    assert "not valid JSON" in records[1]["error"] and "'translation'" in records[2]["error"]
    finding = records[3]["findings"][0]
    assert set(finding) == {"kind", "status", "severity", "source", "target", "expected", "found", "evidence",
                            "message"}
    assert (finding["kind"], finding["status"], finding["severity"]) == ("figure", "altered", "error")
    assert finding["source"] == {"text": "660 billion yen", "start": 8, "end": 23}
    assert finding["target"] == {"text": "660億円", "start": 0, "end": 5}


def test_pairs_may_carry_their_article_for_counts_it_states(tmp_path):
    from pipeline.io.pairs import check_pairs

    base = {"source": "The men were released.", "translation": "五名男子获释。", "lang": "zh-Hans"}
    lines = [{**base, "id": "alone"}, {**base, "id": "in article", "document": "Police held four men."},
             {**base, "id": "bad", "document": 4}]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    alone, in_article, bad = check_pairs(pairs)
    assert not [f for f in alone["findings"] if f["severity"] == "error"]
    assert [f["found"] for f in in_article["findings"] if f["severity"] == "error"] == ["五名"]
    assert "'document' is not a string" in bad["error"]


def test_cli_single_pair_prints_a_table_and_sets_the_exit_code(tmp_path):
    en, ja = tmp_path / "en.txt", tmp_path / "ja.txt"
    en.write_text("Minoru Kihara said it could cost 660 billion yen.", encoding="utf-8")
    ja.write_text("木原稔氏は6600億円の損失になり得ると述べた。", encoding="utf-8")
    ok = run_cli("--source", str(en), "--translation", str(ja), "--lang", "ja")
    assert ok.returncode == 0 and "preserved" in ok.stdout and "OK" in ok.stdout
    ja.write_text("木原稔氏は660億円の損失になり得ると述べた。", encoding="utf-8")
    failing = run_cli("--source", str(en), "--translation", str(ja), "--lang", "ja")
    assert failing.returncode == 1 and "expected 6600億円, found 660億円" in failing.stdout
    missing = run_cli("--source", str(tmp_path / "absent.txt"), "--translation", str(ja), "--lang", "ja")
    assert missing.returncode == 2 and "absent.txt" in missing.stderr
    both = run_cli("--pairs", "x.jsonl", "--source", str(en))
    assert both.returncode == 2 and "either --pairs" in both.stderr


def test_cli_single_pair_holds_counts_to_the_document_given(tmp_path):
    en, zh, article = tmp_path / "en.txt", tmp_path / "zh.txt", tmp_path / "article.txt"
    en.write_text("The men were released on bail.", encoding="utf-8")
    zh.write_text("五名男子获保释。", encoding="utf-8")
    article.write_text("Police arrested four men.\nThe men were released on bail.", encoding="utf-8")
    pair = ("--source", str(en), "--translation", str(zh), "--lang", "zh-Hans")
    assert run_cli(*pair).returncode == 0
    held = run_cli(*pair, "--document", str(article))
    assert held.returncode == 1 and "五名 is a count that neither the source nor its document states" in held.stdout
    mixed = run_cli("--pairs", "x.jsonl", "--document", str(article))
    assert mixed.returncode == 2 and "--document goes with --source" in mixed.stderr


def test_full_width_latin_is_matched_and_quoted_as_written():
    report = check("The UAE invests in Russia.", "ＵＡＥはロシアに投資している。", "ja")
    uae = next(f for f in report.findings if f.kind == "name" and f.source.text == "UAE")
    assert uae.status == "preserved" and uae.target.text == "ＵＡＥ" and uae.found == "ＵＡＥ"


def test_english_words_left_in_a_translation_are_a_warning():
    source = "Beijing says it comes at a time of rising diplomatic tensions. Tokyo finds it extremely regrettable."
    report = check(source, "北京は外交 tensionsが高まっていると述べた。東京は非常に regrettableです。", "ja")
    (finding,) = [f for f in report.findings if f.kind == "coverage"]
    assert (finding.status, finding.severity, finding.found) == ("altered", "warning", "tensions, regrettable")
    assert finding.target.text == "tensions" and not report.errors
    assert not [f for f in check("Apple sold the iPhone.", "アップルはiPhoneを販売した。", "ja").findings
                if f.kind == "coverage"]
