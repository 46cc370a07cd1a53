"""Counts written in CJK numerals with a measure word or counter: read, and a changed one caught."""

import pytest

from pipeline.fidelity import check
from pipeline.fidelity.figures import check_figures
from pipeline.fidelity.figures_cjk import extract_figures as cjk_figures
from pipeline.fidelity.figures_en import extract_figures as en_figures


@pytest.mark.parametrize(
    "text, expected",
    [
        ("三名", [(3, "")]), ("五人", [(5, "")]), ("兩年", [(2, "year")]), ("三つの課題", [(3, "")]),
        ("二人の子ども", [(2, "")]), ("三か国", [(3, "")]), ("四カ国", [(4, "")]), ("五ヵ国", [(5, "")]),
        ("七ヶ国", [(7, "")]), ("十倍", [(10, "")]), ("三次", [(3, "")]),
        ("三回目ではなく三回", [(3, "ordinal"), (3, "")]),
        ("三歳の子", [(3, "")]), ("三十岁", [(30, "")]), ("五十歲", [(50, "")]), ("三家公司", [(3, "")]),
        ("三条", [(3, "")]), ("五起事故", [(5, "")]), ("八例", [(8, "")]), ("三场比赛", [(3, "")]),
        ("三十余名", [(30, "")]), ("二十多个国家", [(20, "")]), ("三千名", [(3000, "")]),
        ("一万名", [(1e4, "")]), ("三か所", [(3, "")]), ("三社", [(3, "")]),
        ("只有九天", [(9, "day")]),  # a numeral and its measure word count, though 九天 is also a word
        ("七项全能", [(7, "")]),  # heptathlon: the dictionary names no number, the word counts seven
    ],
)
def test_numerals_with_a_measure_word_are_counts(text, expected):
    assert [(f.value, f.unit) for f in cjk_figures(text)] == [(float(v), u) for v, u in expected]


@pytest.mark.parametrize(
    "text",
    ["一部", "统一", "十分", "一般", "一方", "唯一", "一起", "一些", "数十人", "几十名", "十几个", "十数人",
     "二次感染", "三次元", "一次性", "三番五次"],
)
def test_a_numeral_inside_a_word_or_an_approximation_is_no_count(text):
    assert [f for f in cjk_figures(text) if f.value != 1] == []


def test_a_japanese_word_that_opens_with_a_numeral_counts_only_where_it_means_a_number():
    assert cjk_figures("東京五輪は延期された。") == []  # 五輪 "the Olympics"
    assert [f.value for f in cjk_figures("五人が逮捕された。")] == [5.0]
    assert [f.value for f in cjk_figures("五轮比赛后")] == [5.0]  # Chinese: five rounds


def test_a_japanese_court_sentence_writes_its_months_without_a_counter():
    assert [(f.value, f.unit) for f in cjk_figures("禁錮1年6月の判決")] == [(18.0, "month")]
    findings = check_figures(en_figures("He was sentenced to 18 months in prison."),
                             cjk_figures("彼は禁錮1年6月の判決を受けた。"), "ja")
    assert [(f.status, f.severity) for f in findings] == [("preserved", "info")]
    assert [f.unit for f in cjk_figures("令和2年6月に")] == ["year-date", "month-date"]  # a date


@pytest.mark.parametrize("text, expected", [("两三个", [2, 3]), ("三四天", [3, 4]), ("五六名", [5, 6]),
                                            ("一两个", [1, 2])])
def test_two_neighbouring_numerals_are_an_approximate_range(text, expected):
    assert [f.value for f in cjk_figures(text)] == expected


def test_first_is_an_ordinal_not_a_count():
    assert [(f.value, f.unit) for f in cjk_figures("第一次")] == [(1, "ordinal")]


@pytest.mark.parametrize(
    "english, translation, lang",
    [
        ("for three months", "为期四个月", "zh-Hans"),
        ("for 3 months", "为期四个月", "zh-Hans"),
        ("Three people were killed.", "四名遇难。", "zh-Hans"),
        ("3 people were killed.", "四名遇难。", "zh-Hans"),
        ("Five people were hurt.", "六人受伤。", "zh-Hans"),
        ("for two years", "三年", "zh-Hant"),
        ("three issues", "四つの課題", "ja"),
        ("two children", "三人の子ども", "ja"),
        ("three countries", "四か国", "ja"),
        ("It rose three times.", "它上涨了四次。", "zh-Hans"),
        ("a 30-year-old man", "一名四十岁男子", "zh-Hans"),
    ],
)
def test_a_changed_count_in_numerals_is_altered(english, translation, lang):
    findings = [f for f in check_figures(en_figures(english), cjk_figures(translation), lang, translation)
                if f.status != "added"]
    assert [(f.status, f.severity) for f in findings] == [("altered", "error")]


@pytest.mark.parametrize(
    "english, translation, lang",
    [
        ("for three months", "为期三个月", "zh-Hans"),
        ("Three people were killed.", "三名遇难。", "zh-Hans"),
        ("Five people were hurt.", "五人受伤。", "zh-Hans"),
        ("three issues", "三つの課題", "ja"),
        ("two children", "二人の子ども", "ja"),
        ("three countries", "三か国", "ja"),
        ("three countries", "三カ国", "ja"),
        ("It rose three times.", "它上涨了三次。", "zh-Hans"),
        ("a 30-year-old man", "一名三十岁男子", "zh-Hans"),
        ("two or three people", "两三人", "zh-Hans"),
    ],
)
def test_a_kept_count_in_numerals_is_preserved(english, translation, lang):
    findings = check_figures(en_figures(english), cjk_figures(translation), lang, translation)
    assert {f.status for f in findings} == {"preserved"}


@pytest.mark.parametrize(
    "english, translation, lang",
    [
        ("The two men met.", "他们会面了。", "zh-Hans"),  # a number in words simply absent
        ("Three men came.", "男たちが来た。", "ja"),
        ("A man and three others came.", "一名男子和其他人来了。", "zh-Hans"),  # 一 before a measure word is "a"
    ],
)
def test_a_count_in_words_simply_absent_stays_a_warning(english, translation, lang):
    findings = check_figures(en_figures(english), cjk_figures(translation), lang, translation)
    assert all(f.severity != "error" for f in findings)
    assert any(f.status == "missing" and f.severity == "warning" for f in findings)


def test_japanese_points_are_no_clock_time():
    # Japanese writes an hour with 時; ４点 is four points (in Chinese 4点 is four o'clock).
    assert [(f.value, f.unit) for f in cjk_figures("わずか４点だった")] == [(4, "")]
    assert [(f.value, f.unit) for f in cjk_figures("下午4点")] == [(16, "time")]
    statuses = {f.status for f in check_figures(en_figures("They took four points."),
                                                cjk_figures("４点を獲得した。"), "ja")}
    assert statuses == {"preserved"}


def test_digits_pair_with_digits_before_a_numeral_of_the_same_value():
    english = "The two remaining places went to the wire: Villa scored, conceded a minute later, then held on for 1-1."
    translation = "两队争夺战开始后，维拉得分，一分钟后失球，以1-1的比分打平。"
    findings = check_figures(en_figures(english), cjk_figures(translation), "zh-Hans", translation)
    assert all(f.severity != "error" for f in findings)
    assert [f.found for f in findings if f.source is not None and f.source.text == "1"] == ["1", "1"]


def test_a_count_in_words_is_not_altered_into_a_figure_of_another_unit():
    english = "It goes from about eight percent up to three times that, three times the level of others."
    translation = "它的范围是从 8% 直到 24% 多，是其它社会的 3 倍。"
    findings = check_figures(en_figures(english), cjk_figures(translation), "zh-Hans", translation)
    assert all(f.severity != "error" for f in findings)
    assert [f for f in check_figures(en_figures("three times"), cjk_figures("24%"), "zh-Hans")
            if f.status == "altered"] == []


def test_an_ordinal_takes_the_ordinal_and_a_count_the_count_of_the_same_value():
    english = "They took four points from their last five games to finish fifth."
    translation = "最近五场比赛中仅拿下 4 分，最终跌至第五位。"
    findings = check_figures(en_figures(english), cjk_figures(translation), "zh-Hans", translation)
    assert {f.source.text: f.found for f in findings} == {"four": "4", "five": "五场", "fifth": "第五"}


def test_a_rank_written_as_its_bare_number_is_doubt_and_another_rank_an_error():
    # Chinese names congresses by a bare number (二十大, the 20th Congress): the value stands.
    english = "The 20th Party Congress was held in October 2022."
    for translation, severity in (("二十大于2022年10月召开。", "warning"), ("第十九次大会于2022年10月召开。", "error")):
        findings = check_figures(en_figures(english), cjk_figures(translation), "zh-Hans", translation)
        (rank,) = [f for f in findings if f.source and f.source.text == "20th"]
        assert (rank.status, rank.severity) == ("altered", severity)


@pytest.mark.parametrize("text, weeks", [("两个星期", 2), ("三个礼拜", 3), ("兩個禮拜", 2)])
def test_weeks_counted_with_a_measure_word(text, weeks):
    assert [(f.value, f.unit) for f in cjk_figures(text)] == [(weeks, "week")]


@pytest.mark.parametrize("text", ["12 周岁以上的儿童", "年满12週歲"])
def test_an_age_in_full_years_is_no_weeks(text):
    # 周岁 / 週歲 is an age, "12 years old": a count like 12岁.
    assert [(f.value, f.unit) for f in cjk_figures(text)] == [(12, "")]


@pytest.mark.parametrize(
    "text, expected",
    [("为了说明两点。", [(2, "")]), ("下午两点", [(14, "time")]), ("两点半", [(2.5, "time")]),
     ("三点钟", [(3, "time")]), ("三点十分", [(3 + 10 / 60, "time")]), ("4点开会", [(4, "time")])],
)
def test_a_chinese_hour_in_numerals_needs_a_clock_word(text, expected):
    assert [(f.value, f.unit) for f in cjk_figures(text)] == [(pytest.approx(v), u) for v, u in expected]


def test_a_magnitude_in_words_changed_is_altered():
    from pipeline.fidelity import check

    findings = [f for f in check("A million people fled.", "七百万人逃离。", "zh-Hans").findings if f.kind == "figure"]
    assert [(f.status, f.severity) for f in findings] == [("altered", "error")]
    findings = [f for f in check("A million people fled.", "一百万人逃离。", "zh-Hans").findings if f.kind == "figure"]
    assert [f.status for f in findings] == ["preserved"]


def test_an_ideographic_comma_between_digit_groups_separates_thousands():
    from pipeline.fidelity.figures_cjk import extract_figures

    assert [f.value for f in extract_figures("累計感染者数は60、496人となった。")] == [60496]
    assert [f.value for f in extract_figures("第1、2、3条")] == [1, 2, 3]


@pytest.mark.parametrize("english, translation", [
    ("About 30% of voters support him.", "约三成选民支持他。"),  # 成 after a word of approximation is a tenth
    ("More than 70% of voters support him.", "逾七成选民支持他。"),
    ("He left six months ago.", "他半年前离开。"),  # half a year
])
def test_tenths_and_half_a_year_in_chinese(english, translation):
    (finding,) = check_figures(en_figures(english), cjk_figures(translation), "zh-Hans", translation)
    assert finding.status == "preserved"


@pytest.mark.parametrize("text", ["上半年利润上升", "下半年", "三成员国"])
def test_halves_of_a_year_and_words_with_cheng_are_no_lengths_or_tenths(text):
    assert not [f for f in cjk_figures(text) if f.unit in ("%", "year")]


@pytest.mark.parametrize(("translation", "errors"), [
    ("这四名男子获保释。", []),  # the article counts them
    ("这五名男子获保释。", ["五名 is a count that neither the source nor its document states"]),
    ("这两人获保释。", []),  # 两人 "the two of them": an anaphor
    ("病例从三位数降至两位数。", []),  # a size, not a count
    ("城市火光四起。", []),  # 四起 "to spring up everywhere": a word
    ("军情五处的男子获保释。", []),  # 五处 inside 军情五处 (MI5): a name, no count
    ("他们的保释金增长了两倍。", []),  # "tripled": Chinese counts the increase, English says it with a verb
    ("他们的保释金涨了两倍。", []),  # the same with 涨 "rise" alone
    ("他们的保释金是两倍。", ["两倍 is a count that neither the source nor its document states"]),
    ("这七名男子获保释。", ["七名 is a count that neither the source nor its document states"]),  # July's 7 is no count
])
def test_a_count_in_numerals_is_held_to_the_document(translation, errors):
    document = "On July 24, police arrested four men.\nThe men were released on bail."
    report = check("The men were released on bail.", translation, "zh-Hans", document=document)
    assert [f.message for f in report.errors] == errors
    # Without the document the count may come from a sentence the check does not see: a warning.
    alone = check("The men were released on bail.", translation, "zh-Hans")
    warned = {f.target.text for f in alone.findings if (f.kind, f.status, f.severity) == ("figure", "added", "warning")}
    assert not alone.errors and {message.split()[0] for message in errors} <= warned
    assert ("四名" in warned) == ("四名" in translation)  # the document's four men, unknown to the segment
