"""A weekday or a date replaced by another date is one error; a date added beside a kept weekday is not."""

import pytest

from pipeline.fidelity.figures import check_figures
from pipeline.fidelity.figures_cjk import extract_figures as cjk_figures
from pipeline.fidelity.figures_en import extract_figures as en_figures


def _statuses(english: str, translation: str, lang: str) -> list[tuple[str, str]]:
    return [(f.status, f.severity) for f in check_figures(en_figures(english), cjk_figures(translation), lang,
                                                           translation)]


@pytest.mark.parametrize(
    "translation, lang",
    [("彼は3月3日に辞任した。", "ja"), ("他于3月3日辞职。", "zh-Hans"), ("他於3月3日辭職。", "zh-Hant"),
     ("彼は3日に辞任した。", "ja"), ("他于2023年3月4日辞职。", "zh-Hans")],  # 2023-03-04 is a Saturday
)
def test_a_weekday_replaced_by_an_invented_date_is_one_error(translation, lang):
    findings = check_figures(en_figures("He resigned on Friday."), cjk_figures(translation), lang, translation)
    errors = [f for f in findings if f.severity == "error"]
    assert [(f.status, f.source.text) for f in errors] == [("altered", "Friday")]
    assert "3" in errors[0].found
    assert [f for f in findings if f.status == "added"] == []  # the date's parts are the one finding


@pytest.mark.parametrize(
    "translation, lang",
    [
        ("彼は3日（金）に辞任した。", "ja"),
        ("彼は3月3日(金)に辞任した。", "ja"),
        ("彼は金曜日（3日）に辞任した。", "ja"),
        ("他周五（3月3日）辞职。", "zh-Hans"),
        ("他於週五（3月3日）辭職。", "zh-Hant"),
        ("他周五辞职。", "zh-Hans"),
    ],
)
def test_a_kept_weekday_with_or_without_a_date_is_no_error(translation, lang):
    statuses = _statuses("He resigned on Friday.", translation, lang)
    assert ("preserved", "info") in statuses
    assert all(severity != "error" for _, severity in statuses)


def test_a_weekday_given_as_a_full_date_that_falls_on_it_is_a_warning():
    # 3 March 2023 was a Friday: the translator resolved the weekday, which a reader may want to check.
    assert _statuses("He resigned on Friday.", "他于2023年3月3日辞职。", "zh-Hans") == [("altered", "warning")]


def test_a_lost_weekday_without_a_date_stays_a_warning():
    assert _statuses("He resigned on Friday.", "他辞职了。", "zh-Hans") == [("missing", "warning")]


def test_a_date_changed_to_another_date_stays_an_error():
    statuses = _statuses("He left on Jan. 13.", "他1月14日离开。", "zh-Hans")
    assert statuses == [("preserved", "info"), ("altered", "error")]


def test_a_changed_date_is_not_blamed_on_a_weekday_beside_it():
    # The weekday was dropped and the day changed: the day is the error, the weekday only a warning.
    statuses = _statuses("On Friday, Jan. 13, he left.", "1月14日、彼は去った。", "ja")
    assert sorted(statuses) == [("altered", "error"), ("missing", "warning"), ("preserved", "info")]


@pytest.mark.parametrize("english", ["Black Friday sales rose.", "He spoke on Fox News Sunday.",
                                     "Good Friday is a holiday."])
def test_a_weekday_in_a_name_is_no_figure(english):
    assert [f for f in en_figures(english) if f.unit == "weekday"] == []


@pytest.mark.parametrize("english", ["On Friday, he left.", "Last Friday he left.", "He left on Friday.",
                                     "He left Friday Jan. 13."])
def test_a_weekday_that_dates_something_is_a_figure(english):
    assert [f.value for f in en_figures(english) if f.unit == "weekday"] == [4]


@pytest.mark.parametrize(
    "english, translation, lang",
    [
        ("in the 1960's", "1960年代に", "ja"),
        ("I mean '60s, '70s", "60年代、70年代のこと", "ja"),
        ("well into the '90s", "继续带入了 90 年代", "zh-Hans"),
        ("I mean '60s, '70s", "指的是上世纪 6、70 年代", "zh-Hans"),  # two decades share one 年代
        ("I mean '60s, '70s", "指的是六七十年代的垃圾", "zh-Hans"),
        ("in the 1980s and 1990s", "在80、90年代", "zh-Hans"),
        ("in the 1960s", "在上世纪 60 年代", "zh-Hans"),
        ("in the 1960s", "自20世纪60年代以来", "zh-Hans"),
        ("2,500 years ago", "大约2500年前", "zh-Hans"),  # years read like a year
        ("on the 21st anniversary", "21周年記念日に", "ja"),
        ("its second anniversary", "两周年", "zh-Hans"),
    ],
)
def test_decades_years_ago_and_anniversaries_are_preserved(english, translation, lang):
    assert {s for s, _ in _statuses(english, translation, lang)} == {"preserved"}


@pytest.mark.parametrize("english, translation, lang", [("in the 1960s", "在上世纪 70 年代", "zh-Hans"),
                                                         ("on the 21st anniversary", "22周年記念日に", "ja")])
def test_a_changed_decade_or_anniversary_is_an_error(english, translation, lang):
    assert ("altered", "error") in _statuses(english, translation, lang)


@pytest.mark.parametrize("english, translation, lang", [
    ("Prices rose for the 30th consecutive month.", "物価は30カ月連続で上昇した。", "ja"),
    ("Output rose for the ninth straight year.", "产量连续9年增长。", "zh-Hans"),
    ("Output rose for the ninth consecutive year.", "产量连续第九年增长。", "zh-Hans"),
])
def test_an_ordinal_run_of_periods_is_counted_in_periods_too(english, translation, lang):
    assert _statuses(english, translation, lang) == [("preserved", "info")]
    changed = translation.replace("30", "20").replace("9", "8").replace("九", "八")
    # Another count is an error for an ordinal in digits, and another rank (第八) for one in words;
    # an ordinal in words ("ninth") given as another count of periods (8年) is a warning, as
    # ordinals in words are when lost.
    expected = ("altered", "error") if "30th" in english or "第" in changed else ("missing", "warning")
    assert expected in _statuses(english, changed, lang)


@pytest.mark.parametrize("english, right, wrong, lang", [
    ("It is Germany's fifth-largest partner.", "ドイツの5番目に大きな相手国", "ドイツの3番目に大きな相手国", "ja"),
    ("He became the ninth chancellor.", "彼は9人目の首相となった。", "彼は7人目の首相となった。", "ja"),
    ("India is now the third worst-hit country.", "インドは世界で3位となった。", "インドは世界で9位となった。", "ja"),
    ("He was picked in the fifth round.", "彼は5巡目で指名された。", "彼は2巡目で指名された。", "ja"),
    ("It is the fifth-largest economy.", "这是第五大经济体。", "这是第三大经济体。", "zh-Hans"),
])
def test_a_rank_in_words_given_another_rank_is_an_error(english, right, wrong, lang):
    assert _statuses(english, right, lang) == [("preserved", "info")]
    assert ("altered", "error") in _statuses(english, wrong, lang)


@pytest.mark.parametrize("english, translation, lang", [
    ("It was the first time.", "3回目だった。", "ja"),  # "first" is often 初めて: worth a look only
    ("It marks a year since the vote.", "投票から一年目にあたる。", "ja"),  # 一年目: a length here
    ("Three people saw it.", "三人目睹了这一切。", "zh-Hans"),  # Chinese 人目睹 is "people saw"
])
def test_a_word_rank_is_altered_only_by_another_rank(english, translation, lang):
    assert ("altered", "error") not in _statuses(english, translation, lang)


@pytest.mark.parametrize(
    "english, translation, lang",
    [
        ("We were back a week later.", "据报道，一周后我们回来了。", "zh-Hans"),  # a count after a comma
        ("It happened on the 3rd.", "据报道，3日发生了这件事。", "zh-Hans"),
        ("We meet at 10 a.m.", "周五，10点开会。", "zh-Hans"),
    ],
)
def test_a_figure_right_after_a_comma_is_read(english, translation, lang):
    assert _statuses(english, translation, lang) == [("preserved", "info")]


def test_digits_of_a_name_of_letters_and_digits_stand_for_no_other_figure():
    # The A3 road: no figure in English, so its 3 is neither a week altered nor a figure added.
    assert _statuses("Driving up the A3, we were back a week later.", "开车上 A3 公路，一周后我们回来了。",
                     "zh-Hans") == [("preserved", "info")]
    # ABC 10 written ABC10: the digits still state the source's figure.
    assert _statuses("She told ABC 10 that she wants to see the woman jailed.",
                     "彼女はABC10に、その女性の投獄を望むと語った。", "ja") == [("preserved", "info")]


def test_both_numbers_of_a_score_are_the_score():
    # Two equal numbers side by side are one fact, not a figure said again that may go.
    source = "Aston Villa held on for a 1-1 draw at West Ham."
    assert _statuses(source, "阿斯顿维拉与西汉姆联 1:1 战平。", "zh-Hans") == [("preserved", "info")] * 2
    assert ("altered", "error") in _statuses(source, "阿斯顿维拉与西汉姆联 6:1 战平。", "zh-Hans")
