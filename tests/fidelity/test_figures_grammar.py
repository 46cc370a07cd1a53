"""How each language writes numbers besides digits: fractions, halves, tenths, decimals in numerals,
era years, temperatures below zero, centuries, count words; kept when equal, caught when changed."""

import pytest

from pipeline.fidelity.figures import check_figures
from pipeline.fidelity.figures_cjk import extract_figures as cjk_figures
from pipeline.fidelity.figures_en import extract_figures as en_figures


def _statuses(english: str, translation: str, lang: str) -> set[tuple[str, str]]:
    findings = check_figures(en_figures(english), cjk_figures(translation), lang, translation)
    return {(f.status, f.severity) for f in findings}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It rose by a third.", [(1 / 3, "")]),
        ("Two-thirds of them agreed.", [(2 / 3, "")]),
        ("three quarters of voters", [(0.75, "")]),
        ("in the first three quarters", [(3, "")]),  # of a year: a count of quarters, 前三季度
        ("a third term", [(3, "ordinal")]),  # an ordinal before a noun, not a fraction
        ("It cut deaths by a third in patients on ventilators.", [(1 / 3, "")]),  # a change "by"
        ("The data was shared by a third party.", [(3, "ordinal")]),
        ("He was jailed for two and a half years.", [(2.5, "year")]),
        ("a year and a half later", [(1.5, "year")]),
        ("It fell to minus 5C, then rose to 30°C.", [(-5, ""), (30, "")]),
        ("He weighs 90kg and lives 300km away.", [(90, ""), (300, "")]),
        ("He drove at 100mph.", [(100, "mile")]),  # imperial: may be converted
        ("It hit 104F, then 100 degrees Fahrenheit.", [(104, "fahrenheit"), (100, "fahrenheit")]),
        ("Prices rose in March, and in mid-July.", [(3, "month-date"), (7, "month-date")]),  # a month alone
        ("Theresa May said so in May.", [(5, "month-date")]),  # May only where it is the month
        ("He is in his 60s.", [(60, "")]),
        ("Dozens of people were hurt.", []),  # rough, like 数十人
        ("They had a month to act.", [(1, "month")]),
        ("over the past decade", [(10, "year")]),
        ("The pair met twice.", [(2, ""), (2, "")]),
        ("its centenary", [(100, "year")]),
        ("COVID-19, G7, F-16 and 5G", []),  # digits glued to letters name things
        ("PM2.5 and the A320 fell 3.2%", [(3.2, "%")]),  # no decimals cut out of a name (.5, 20)
        ("a cut of 25 basis points", [(0.25, "pp")]),
        ("open 24/7 since 9/11", []),  # digits joined by a slash are a phrase or a name
        ("the 2020/21 season", [(2020, "year-date"), (2021, "year-date")]),
        ("One in five adults, 1 in 3 children", [(0.2, ""), (1 / 3, "")]),
        ("It cost $5-7bn.", [(5e9, "DOLLAR"), (7e9, "DOLLAR")]),
        ("He is 1.8m tall; a 3m-high wall; £7m; 1.5m people", [(1.8, ""), (3, ""), (7e6, "GBP"), (1.5e6, "")]),
        ("She won the 100m final and the 200m heats", [(100, ""), (200, "")]),  # races' lengths
        ("It costs 5,000 yuan a year.", [(5000, "CNY")]),  # a rate (每年), not one year
        ("2023 as a year of progress", [(2023, "year-date"), (1, "year")]),
        ("In the first 10 months", [(10, "month")]),  # 前10个月: no ordinal
    ],
)
def test_english_numbers_in_words_and_units(text, expected):
    assert [(round(f.value, 6), f.unit) for f in en_figures(text)] == [(round(v, 6), u) for v, u in expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("下降了百分之八点三", [(8.3, "%")]), ("百分之零点五", [(0.5, "%")]),
        ("约三成的人", [(30, "%")]), ("約3割の人", [(30, "%")]),
        ("令和3年に", [(2021, "year-date")]), ("令和元年", [(2019, "year-date")]), ("平成30年", [(2018, "year-date")]),
        ("零下5摄氏度", [(-5, "")]), ("氷点下5度", [(-5, "")]), ("-5℃", [(-5, "")]),
        ("十九世纪的房子", [(19, "ordinal")]), ("19世紀の家", [(19, "ordinal")]),
        ("约千人游行", [(1000, "")]), ("近万人", [(1e4, "")]),
        ("懲役2年6カ月", [(30, "month")]), ("四级飓风", [(4, "")]),
        # Words, not figures: an idiom, "most likely", a programme's name, "packed streets".
        ("成人の5人に1人", [(0.2, "")]), ("50億～70億ドル", [(5e9, "USD"), (7e9, "USD")]),
        ("5～7%", [(5, "%"), (7, "%")]), ("逾百万人", [(1e6, "")]), ("近百人", [(100, "")]),
        ("千二百人", [(1200, "")]), ("收于7500.23点", [(7500.23, "")]),
        ("約3千5百人", [(3500, "")]), ("裁員7千人", [(7000, "")]),  # digits mixed with 千 / 百 alone
        ("2020/21赛季", [(2020, "year-date"), (2021, "year-date")]),
        ("24年3月期", [(2024, "year-date"), (3, "month-date")]), ("23年度", [(2023, "year-date")]),
        ("2010年から15年にかけて", [(2010, "year-date"), (2015, "year-date")]),
        ("2010年から15年間", [(2010, "year-date"), (15, "year")]), ("25个基点", [(0.25, "pp")]),
        ("一成不变", []), ("他八成是", []), ("千人计划", []), ("万人空巷", []),
        ("港幣1,280萬元", [(1.28e7, "HKD")]), ("新台幣12億元", [(1.2e9, "TWD")]),  # a currency's name first
        ("一季度增长", [(1, "ordinal")]),  # the first quarter, without 第
    ],
)
def test_cjk_numbers_in_words_and_units(text, expected):
    assert [(round(f.value, 6), f.unit) for f in cjk_figures(text)] == [(round(v, 6), u) for v, u in expected]


@pytest.mark.parametrize(
    "english, translation, lang",
    [
        ("It rose by a third.", "增长了三分之一。", "zh-Hans"),
        ("Three-quarters of them agreed.", "そのうち4分の3が同意した。", "ja"),
        ("It fell 8.3 per cent.", "下降了百分之八点三。", "zh-Hans"),
        ("About 30% of people agree.", "约三成的人表示同意。", "zh-Hans"),
        ("About 30% of people agree.", "約3割の人が同意している。", "ja"),
        ("It happened in 2021.", "令和3年に起きた。", "ja"),
        ("Temperatures fell to minus 5C.", "气温降至零下5摄氏度。", "zh-Hans"),
        ("He was jailed for two and a half years.", "他被判入狱两年半。", "zh-Hans"),
        ("He was jailed for two and a half years.", "懲役2年6カ月の判決を受けた。", "ja"),
        ("The 19th-century house burned.", "这座十九世纪的房子被烧毁。", "zh-Hans"),
        ("About 1,000 people marched.", "约千人游行。", "zh-Hans"),
        ("A Category 4 hurricane hit.", "一场四级飓风来袭。", "zh-Hans"),
        ("He now has a month to form a government.", "现在，他有一个月时间组建新政府。", "zh-Hans"),
        ("The pair had their masks off.", "夫妇二人取下口罩。", "zh-Hans"),
        ("in the year ahead", "未来一年", "zh-Hant"),
        ("Nine in 10 people agree.", "9割の人が同意している。", "ja"),
        ("About 90% agree.", "十分之九的人同意。", "zh-Hans"),
        ("1 in 5 adults smoke.", "成人の5人に1人が喫煙する。", "ja"),
        ("One in five children is affected.", "每五个孩子中就有一个受到影响。", "zh-Hans"),
        ("Nine out of 10 voters agreed.", "每10名选民中有9名表示同意。", "zh-Hans"),
        ("One in every five workers lost their job.", "労働者の5人に1人が職を失った。", "ja"),
        ("One out of every three voters backed him.", "有権者の3人に1人が彼を支持した。", "ja"),
        ("Nearly one-in-five children live in poverty.", "近五分之一的儿童生活在贫困中。", "zh-Hans"),
        # The pound in short (镑), misspelt (英磅), in Japanese (英ポンド), or kept as the English writes
        # it; 美圆 for 美元.
        ("The club paid £2.5m for him.", "俱乐部为他支付了250万镑。", "zh-Hans"),
        ("The club paid £2.5m for him.", "俱乐部为他支付了250万英磅。", "zh-Hans"),
        ("The club paid £2.5m for him.", "俱乐部为他支付了 £2.5m。", "zh-Hans"),
        ("The club paid £2.5m for him.", "俱乐部为他支付了 2.5 百万英镑。", "zh-Hans"),
        ("It raised $1.2m.", "它筹集了 120 万美圆。", "zh-Hans"),
        ("The club paid £2.5m for him.", "クラブは彼に250万英ポンドを支払った。", "ja"),
        ("The club paid £2.5m for him.", "クラブは彼に£2.5mを支払った。", "ja"),
        # A length in another unit (minutes, hours, days); 第 makes a minute a rank.
        ("The talks lasted 90 minutes.", "会谈持续了一个半小时。", "zh-Hans"),
        ("The talks lasted 90 minutes.", "会談は1時間半に及んだ。", "ja"),
        ("The strike lasted 48 hours.", "罢工持续了两天。", "zh-Hans"),
        ("He scored in the 90th minute.", "他在第 90 分钟进球。", "zh-Hans"),
        ("He stayed for a fortnight.", "他待了十四天。", "zh-Hans"),
        ("The index closed at 7,500.23.", "该指数收于7500.23点。", "zh-Hans"),
        ("It cost between $5bn and $7bn.", "費用は50億～70億ドル。", "ja"),
        ("More than 1 million people came.", "超过百万人到场。", "zh-Hans"),
        ("Profits rose in the year to March 2024.", "24年3月期の利益は増加した。", "ja"),
        ("Between 2010 and 2015 it grew.", "2010年から15年にかけて成長した。", "ja"),
        ("It fell by 25 basis points.", "0.25％引き下げた。", "ja"),
        ("The flat sold for HK$12.8 million.", "該單位以港幣1,280萬元售出。", "zh-Hant"),
        ("GDP grew 5.3 percent in the first quarter.", "一季度国内生产总值增长5.3%。", "zh-Hans"),
        ("In the first 10 months, output grew 4 percent.", "前10个月，产量增长4%。", "zh-Hans"),
        # Below zero in words; a range of months sharing one 月.
        ("Temperatures fell to minus 20 degrees.", "气温降至零下20度。", "zh-Hans"),
        ("Temperatures fell to minus 20 degrees.", "気温は氷点下20度まで下がった。", "ja"),
        ("Temperatures fell to minus 4F.", "气温降至零下20摄氏度。", "zh-Hans"),
        ("Exports rose from January to September.", "1-9月出口增长。", "zh-Hans"),
        ("Exports rose from January to September.", "1至9月出口增长。", "zh-Hans"),
        ("Profit rose in the April-June quarter.", "4～6月期の利益が増えた。", "ja"),
        # Indian digit groups; a fraction of a scale; 50% as "half"; a date named with a middle dot.
        ("The state has 2,06,737 cases.", "该邦有206,737例。", "zh-Hans"),
        ("The state has 2,06,737 cases.", "州の感染者は20万6,737人。", "ja"),
        ("A quarter of a million people came.", "25万人到场。", "zh-Hans"),
        ("It cost half a billion dollars.", "耗资5亿美元。", "zh-Hans"),
        ("He won 50 per cent of the vote.", "他赢得了一半选票。", "zh-Hans"),
        ("He won 50% of the vote.", "半数の票を得た。", "ja"),
        ("Since September 11, security is tighter.", "9·11以后，安保更严。", "zh-Hans"),
    ],
)
def test_a_number_written_the_other_way_is_kept(english, translation, lang):
    assert _statuses(english, translation, lang) == {("preserved", "info")}


def test_half_an_hour_is_no_hour():
    assert [f.value for f in en_figures("It lasted half an hour.")] == []
    assert _statuses("It lasted half an hour.", "持续了半小时。", "zh-Hans") == set()


@pytest.mark.parametrize(
    "english, translation, lang",
    [
        ("It fell 8.3 per cent.", "下降了百分之八点五。", "zh-Hans"),
        ("About 30% of people agree.", "约四成的人表示同意。", "zh-Hans"),
        ("It happened in 2021.", "令和4年に起きた。", "ja"),
        ("Temperatures fell to minus 5C.", "气温降至零下8摄氏度。", "zh-Hans"),
        ("Temperatures fell to minus 20 degrees.", "气温降至20度。", "zh-Hans"),
        ("Profit rose in the April-June quarter.", "7～9月期の利益が増えた。", "ja"),
        ("The state has 2,06,737 cases.", "该邦有206,797例。", "zh-Hans"),
        ("A quarter of a million people came.", "20万人到场。", "zh-Hans"),
        ("He won 50 per cent of the vote.", "他赢得了40%的选票。", "zh-Hans"),
        ("He was jailed for two and a half years.", "他被判入狱三年半。", "zh-Hans"),
        ("He now has a month to form a government.", "现在，他有四个月时间组建新政府。", "zh-Hans"),
        ("The pair had their masks off.", "夫妇三人取下口罩。", "zh-Hans"),
        ("a week ago", "二週間前", "ja"),
        ("1 in 5 adults smoke.", "成人の4人に1人が喫煙する。", "ja"),
        ("One in five children is affected.", "每四个孩子中就有一个受到影响。", "zh-Hans"),
        ("A quarter of children are affected.", "三分之一的孩子受到影响。", "zh-Hans"),
        ("About 90% agree.", "十分之八的人同意。", "zh-Hans"),
        ("Rates rose by 25 basis points.", "利率上调50个基点。", "zh-Hans"),
        ("In March 2021, he left.", "22年3月，他离开了。", "zh-Hans"),
        ("Unemployment was 4.2% in March.", "4月の失業率は4.2％だった。", "ja"),
        ("The club paid £2.5m for him.", "俱乐部为他支付了 £3.5m。", "zh-Hans"),
        ("The talks lasted 90 minutes.", "会谈持续了两个小时。", "zh-Hans"),
        ("He scored in the 90th minute.", "他在第89分钟进球。", "zh-Hans"),
        ("Unemployment was 4.2% in March.", "失业率为4.2%。", "zh-Hans"),  # a month lost
    ],
)
def test_a_changed_number_written_the_other_way_is_an_error(english, translation, lang):
    assert any(severity == "error" for _, severity in _statuses(english, translation, lang))


@pytest.mark.parametrize(
    "english, translation, lang",
    [
        # "a year" is not one person: a length in words does not take a count of the same value.
        ("It marks a year since the vote, organizers said.", "一名组织者说，这是投票一周年。", "zh-Hans"),
        # "duos" explains 二人; "one of" is left, a warning at most.
        ("one of the most legendary duos", "最も伝説的な二人組のひとつ", "ja"),
    ],
)
def test_a_number_word_is_no_evidence_against_an_unrelated_count(english, translation, lang):
    assert all(severity != "error" for _, severity in _statuses(english, translation, lang))
