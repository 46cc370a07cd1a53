"""Coverage findings: loops, lengths the source does not allow, characters of another script."""

import opencc
import pytest
from validator_eval.evaluate import DEFAULT_DATA

from pipeline.fidelity.coverage import coverage_findings
from pipeline.fidelity.coverage_codes import COMPLETE, NO_KANA, NOTHING_ADDED, ONCE, SCRIPTS
from pipeline.fidelity.coverage_script import native_forms, simplified_only
from pipeline.stages.hints import requirements

SHARK = "A shark attacked and injured a 13-year-old boy at South Academy beach on Sunday, officials said."
SHARK_JA = "当局によると、日曜日にサウスアカデミー海岸で13歳の少年がサメに襲われ、けがをした。"
SHARK_LOOP = "13歳の少年が" + "サウスアカデミーで" * 7 + "サメに襲われ、けがをした。"
SHARK_ZH = "官员说，周日一条鲨鱼在南学院海滩袭击并咬伤了一名13岁男孩。"


def found(source, translation, lang, expected):
    """(status, severity, found) of the coverage findings that expected `expected`."""
    return [(f.status, f.severity, f.found) for f in coverage_findings(source, translation, lang)
            if f.expected == expected]


def test_a_correct_translation_has_no_coverage_finding():
    assert coverage_findings(SHARK, SHARK_JA, "ja") == []
    assert coverage_findings(SHARK, SHARK_ZH, "zh-Hans") == []
    assert coverage_findings(SHARK, opencc.OpenCC("s2hk").convert(SHARK_ZH), "zh-Hant") == []


def test_a_phrase_in_a_loop_is_an_error_that_says_what_repeats():
    (finding,) = [f for f in coverage_findings(SHARK, SHARK_LOOP, "ja") if f.expected == ONCE]
    assert (finding.kind, finding.status, finding.severity) == ("coverage", "added", "error")
    assert finding.found == "サウスアカデミーで" and finding.target.text == "サウスアカデミーで" * 7
    assert finding.message == "the translation repeats 「サウスアカデミーで」 7 times in a row"
    # The loop's excess length is the loop's finding, not a second one.
    assert not found(SHARK, SHARK_LOOP, "ja", NOTHING_ADDED)


def test_a_sentence_said_three_times_is_counted_three_times():
    (finding,) = coverage_findings(SHARK, SHARK_JA * 3, "ja")
    assert (finding.expected, finding.severity, finding.found) == (ONCE, "error", SHARK_JA)
    assert finding.message.endswith("3 times in a row") and finding.target.end == len(SHARK_JA) * 3


@pytest.mark.parametrize("source, translation, lang, expected", [
    # A short stutter (a mistranslated word said three times) is a warning.
    ("a double cream brioche", "双奶油奶油奶油蛋糕", "zh-Hans", [("added", "warning", "奶油")]),
    # A clause said twice in a row.
    ("The boy was injured.", "少年がけがをした。少年がけがをした。", "ja", [("added", "error", "少年がけがをした。")]),
    # The English repeats it too.
    ("It's sort of like ding, ding, ding.", "听起来就像，叮，叮，叮。", "zh-Hans", []),
    ("Lock her up! Lock her up!", "把她关起来！把她关起来！", "zh-Hans", []),
    ("Lock her up! Lock her up!", "把她关起来！把她关起来！把她关起来！", "zh-Hans",
     [("added", "error", "把她关起来！")]),
    # Reduplicated words, ellipses and digit groups are no loops.
    ("Prices rose steadily, to 1,000,000,000 yen...", "価格はどんどん上がり、1,000,000,000円に……", "ja", []),
])
def test_repetition(source, translation, lang, expected):
    assert found(source, translation, lang, ONCE) == expected


def test_a_translation_cut_short_is_an_error_and_a_padded_one_too():
    cut = SHARK_JA[: int(len(SHARK_JA) * 0.4)]
    assert found(SHARK, cut, "ja", COMPLETE) == [("missing", "error", f"{len(cut)} characters")]
    (finding,) = coverage_findings(SHARK, cut, "ja")
    assert finding.message == ("the translation is far shorter than its source and ends mid-sentence "
                               "(16 characters where about 39 characters are usual): part of the text is missing")
    padded = SHARK_JA + ("目撃者によると、少年は友人と一緒に泳いでいたところ、突然足をかまれた。"
                         "少年は近くの病院に搬送され、命に別条はないという。海岸は当面閉鎖される。")
    assert found(SHARK, padded, "ja", NOTHING_ADDED) == [("added", "error", f"{len(padded)} characters")]


def test_names_found_count_as_long_as_their_renderings_for_a_length_error():
    from pipeline.fidelity import check

    # 自民党 renders "the Liberal Democratic Party" in 3 characters: compact, not cut.
    source = "The Liberal Democratic Party will hold its presidential election in September."
    (length,) = [f for f in check(source, "自民党は9月に総裁選を行う。", "ja").findings if f.kind == "coverage"]
    assert length.severity == "warning" and "names found" in length.message
    # A translation that stops mid-sentence stays an error, names or not.
    (length,) = [f for f in check(source, "自民党は9月に", "ja").findings if f.kind == "coverage"]
    assert length.severity == "error"


def test_a_length_error_is_a_warning_only_when_the_renderings_given_explain_it():
    source = "The Liberal Democratic Party will hold its presidential election in September."
    short = "自民党は9月に総裁選を行う。"
    assert found(source, short, "ja", COMPLETE) == [("missing", "error", f"{len(short)} characters")]
    explained = coverage_findings(source, short, "ja", renderings=[("Liberal Democratic Party", "自民党")])
    assert [(f.status, f.severity) for f in explained] == [("missing", "warning")]
    # A rendering as long as its name explains nothing.
    unexplained = coverage_findings(source, short, "ja", renderings=[("September", "9月")])
    assert [(f.status, f.severity) for f in unexplained] == [("missing", "error")]


@pytest.mark.parametrize("source, translation, lang, expected", [
    # A headline of a few words may be translated much longer or shorter.
    ("It didn't work.", "これが上手くいかなかった。", "ja", []),
    ("China's Xi and Russia's Putin dominate the G7", "中国主席习近平和俄罗斯总统普京成为了七国集团的关注点",
     "zh-Hans", []),
    ("Police were called to the scene by the ambulance service.", "救护车叫来了警察。", "zh-Hans",
     [("missing", "warning", "9 characters")]),
    # Ending mid-sentence where the English ends with a full stop: it stopped early.
    (SHARK, SHARK_JA[:-1] + "と述べた", "ja", [("missing", "warning", f"{len(SHARK_JA) + 3} characters")]),
    (SHARK, SHARK_JA[:26], "ja", [("missing", "error", "26 characters")]),
])
def test_length_bounds_widen_for_short_sources(source, translation, lang, expected):
    assert found(source, translation, lang, COMPLETE) + found(source, translation, lang, NOTHING_ADDED) == expected


def test_simplified_only_characters_follow_what_each_language_writes():
    sets = simplified_only()
    assert {"鲨", "这", "们", "说"} <= sets["ja"] and not set("国学会円氷内税机后干") & sets["ja"]
    assert {"鲨", "这", "们", "个"} <= sets["zh-Hant"]
    # Traditional characters in their own right (后 empress, 干, 里 mile) and the Hong Kong and
    # Taiwan forms OpenCC writes (脱, 税, 群) are not Simplified-only.
    assert not set("后干里台准脱税群") & sets["zh-Hant"]


@pytest.mark.parametrize("translation, lang, expected", [
    ("南アカデミー海岸で鲨鱼が少年を襲う", "ja", [("altered", "error", "鲨鱼")]),
    ("少年が这海岸で襲われた", "ja", [("altered", "warning", "这")]),
    ("国立大学の会議で、円安と税の問題を論じた", "ja", []),
    ("南學院海灘这鯊魚襲擊少年", "zh-Hant", [("altered", "warning", "这")]),
    ("南學院海灘这个鯊魚襲擊少年", "zh-Hant", [("altered", "error", "这个")]),
    ("南学院海滩这个鲨鱼袭击少年", "zh-Hans", []),  # Simplified is zh-Hans's own script
])
def test_simplified_characters_in_japanese_or_traditional_text(translation, lang, expected):
    assert found("Shark attacks boy at South Academy beach", translation, lang, SCRIPTS.get(lang)) == expected


def test_a_character_hong_kong_keeps_in_a_word_is_no_simplified_form():
    # 恒 alone is Simplified (恆), but Hong Kong writes the Hang Seng 恒生.
    assert found("The Hang Seng fell.", "恒生指數下跌。", "zh-Hant", SCRIPTS["zh-Hant"]) == []
    assert found("Eternal love.", "永恒的愛。", "zh-Hant", SCRIPTS["zh-Hant"]) == [("altered", "warning", "恒")]


@pytest.mark.parametrize("convert", ["s2hk", "s2twp"])
def test_opencc_traditional_has_no_simplified_characters(convert):
    text = "皇后在一公里外的台上脱稿讲话，群众准时到场，税务局说这是干货。"
    assert found("The queen spoke.", opencc.OpenCC(convert).convert(text), "zh-Hant", SCRIPTS["zh-Hant"]) == []


@pytest.mark.parametrize("translation, lang, expected", [
    ("一条鲨鱼のニュース袭击了少年。", "zh-Hans", [("altered", "error", "のニュース")]),
    ("一条鲨鱼の袭击了少年。", "zh-Hant", [("altered", "warning", "の")]),
    ("サメが少年を襲った。", "ja", []),
    ("鲨鱼袭击了少年・李ー", "zh-Hans", []),  # the middle dot and long mark are no kana
])
def test_kana_in_chinese(translation, lang, expected):
    assert found("Shark attacks boy", translation, lang, NO_KANA) == expected


def test_repair_requests_say_what_to_fix():
    loop = coverage_findings(SHARK, SHARK_LOOP, "ja")
    assert requirements(loop, "ja") == ["translate the sentence once, completely: the previous translation "
                                        "repeated 「サウスアカデミーで」 over and over"]
    cut = coverage_findings(SHARK, SHARK_JA[:20], "ja")
    assert requirements(cut, "ja") == [
        "translate the whole text, every sentence to its end: the previous translation left part of it out"]
    title = coverage_findings("Shark attacks boy", "鲨鱼が少年を襲う", "ja")
    assert requirements(title, "ja") == [
        "write it in Japanese kanji and kana, not Simplified Chinese characters (鲨 → 鯊, 鱼 → 魚)"]
    hant = coverage_findings("Shark attacks boy", "这个鯊魚の襲擊少年", "zh-Hant")
    assert requirements(hant, "zh-Hant") == [
        "write it in Traditional Chinese characters, not Simplified Chinese characters (这 → 這, 个 → 個)",
        "write it in Chinese characters only, without Japanese kana (の)"]


def test_native_forms_leave_shared_characters_out():
    assert native_forms("说国", "ja") == "说 → 説"
    assert native_forms("这后", "zh-Hant") == "这 → 這, 后 → 後"


@pytest.mark.skipif(not DEFAULT_DATA.is_dir(), reason="the evaluation data is not here")
def test_human_references_of_the_dev_part_rarely_get_a_coverage_error():
    from validator_eval.data import load_segments

    segments = load_segments(DEFAULT_DATA, part="dev")
    for lang in ("ja", "zh-Hans", "zh-Hant"):
        refs = [(s["en"], s["refs"][lang]) for s in segments if lang in s["refs"]]
        new = (ONCE, COMPLETE, NOTHING_ADDED, NO_KANA, *SCRIPTS.values())
        errors = [en for en, ref in refs if any(f.severity == "error" and f.expected in new
                                                for f in coverage_findings(en, ref, lang))]
        assert len(refs) > 500 and len(errors) <= 0.003 * len(refs), (lang, errors)


def test_markup_is_kept_not_translated():
    # A line of chat markup (or an HTML tag) copied as it is is not English left in the translation.
    assert coverage_findings("<|im_end|>", "<|im_end|>", "ja") == []
    assert coverage_findings("<b>Tokyo</b> said on Monday.", "<b>東京</b>は月曜日に述べた。", "ja") == []
    # Words around the markup are still words: an untranslated sentence with a tag is still English.
    (finding,) = coverage_findings("<b>Nothing</b> happened here.", "<b>Nothing</b> happened here.", "ja")
    assert finding.message == "the segment is still English"


def test_names_kept_in_latin_are_not_english_left():
    source = "The two victims have been named as Aden Abdi Madobe and Muhiyadin Adow Shibin."
    assert coverage_findings(source, "两名受害者为 Aden Abdi Madobe 和 Muhiyadin Adow Shibin。", "zh-Hans") == []
    (finding,) = coverage_findings(source, "两名 victims have been named as Aden Abdi Madobe。", "zh-Hans")
    assert finding.message == "the segment is still English"
