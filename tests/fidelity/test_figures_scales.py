"""Money with a scale word in every spelling news uses: £7million, $3.4bn, US$1.2trn, £300k, 14 lakh."""

import pytest

from pipeline.fidelity import check
from pipeline.fidelity.figures import check_figures
from pipeline.fidelity.figures_cjk import extract_figures as cjk_figures
from pipeline.fidelity.figures_en import extract_figures as en_figures
from pipeline.fidelity.glossary import Glossary


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("a £7million deal", 7e6, "GBP"),
        ("a £7 million deal", 7e6, "GBP"),
        ("It cost $3.4bn.", 3.4e9, "DOLLAR"),
        ("It cost $3.4 bn.", 3.4e9, "DOLLAR"),
        ("a €12bn fund", 12e9, "EUR"),
        ("¥500bn of bonds", 500e9, "JPY"),
        ("$20m", 20e6, "DOLLAR"),
        ("$20M", 20e6, "DOLLAR"),
        ("US$1.2trn", 1.2e12, "USD"),
        ("US$1.2 trn", 1.2e12, "USD"),
        ("$2.5tn", 2.5e12, "DOLLAR"),
        ("£300k", 300e3, "GBP"),
        ("£1.5bn", 1.5e9, "GBP"),
        ("HK$3.5bn", 3.5e9, "HKD"),
        ("A$2bn", 2e9, "AUD"),
        ("$5mn", 5e6, "DOLLAR"),
        ("$1.2 bln", 1.2e9, "DOLLAR"),
        ("$3.4billion", 3.4e9, "DOLLAR"),
        ("3.4bn yuan", 3.4e9, "CNY"),
        ("Rs 5 crore", 5e7, "INR"),
    ],
)
def test_a_currency_sign_keeps_its_scale_in_every_spelling(text, value, unit):
    (figure,) = en_figures(text)
    assert (figure.unit, figure.value) == (unit, pytest.approx(value))


@pytest.mark.parametrize(
    "text, value",
    [
        ("14 lakh cases", 1.4e6),
        ("4.67 lakh active cases", 4.67e5),
        ("2.3 crore people", 2.3e7),
        ("3.4bn people", 3.4e9),
    ],
)
def test_scale_words_of_a_count(text, value):
    (figure,) = en_figures(text)
    assert (figure.unit, figure.value) == ("", pytest.approx(value))


@pytest.mark.parametrize("text, value, unit", [
    ("Growth was 2.1pc last year.", 2.1, "%"),  # British papers' per cent
    ("Shares fell 3.5p.", 3.5, ""),  # pence glued to the digits, a count like "85 pence"
])
def test_british_spellings_of_per_cent_and_pence(text, value, unit):
    (figure,) = en_figures(text)
    assert (figure.unit, figure.value) == (unit, pytest.approx(value))


def test_computers_are_no_per_cent():
    assert [f.unit for f in en_figures("He has 5 PCs and 3 PC games.")] == ["", ""]


@pytest.mark.parametrize("text", ["a 5-4 vote", "version 3.4b", "3.4GHz", "2.5mm of rain"])
def test_letters_glued_to_digits_are_no_scale(text):
    assert all(f.value < 1e3 for f in en_figures(text))


@pytest.mark.parametrize(
    "english, translation, lang, status",
    [
        ("a £7million deal", "700万ポンドの契約", "ja", "preserved"),
        ("a £7million deal", "7ポンドの契約", "ja", "altered"),
        ("It cost $3.4bn.", "耗资34亿美元。", "zh-Hans", "preserved"),
        ("It cost $3.4bn.", "耗资3.4美元。", "zh-Hans", "altered"),
        ("US$1.2trn", "1.2兆ドル", "ja", "preserved"),
        ("£300k", "30萬英鎊", "zh-Hant", "preserved"),
        ("approaching 14 lakh", "140万人に迫る", "ja", "preserved"),
    ],
)
def test_scaled_money_is_compared_at_its_full_value(english, translation, lang, status):
    (finding,) = check_figures(en_figures(english), cjk_figures(translation), lang)
    assert finding.status == status


@pytest.mark.parametrize("translation, lang", [("他被罚款 5 万多英镑。", "zh-Hans"), ("罰款5萬餘英鎊", "zh-Hant"),
                                               ("5万余ポンドの罰金", "ja")])
def test_more_than_between_an_amount_and_its_currency(translation, lang):
    (finding,) = check_figures(en_figures("He was fined more than £50,000."), cjk_figures(translation), lang)
    assert finding.status == "preserved"


def test_the_same_amount_with_no_unit_beside_it_is_a_warning_and_another_unit_an_error():
    source = en_figures("He paid £50,000 in fines.")
    (apart,) = check_figures(source, cjk_figures("罚款金额为 5 万（英镑）。"), "zh-Hans")
    assert (apart.status, apart.severity) == ("altered", "warning")  # the currency may be written apart
    (other,) = check_figures(source, cjk_figures("罚款金额为 5 万美元。"), "zh-Hans")
    assert (other.status, other.severity) == ("altered", "error")


FIRE = "The fire has consumed about 10,000 acres."


def test_an_imperial_measure_may_be_kept_or_converted_to_metric():
    from pipeline.fidelity import check

    def figures(en, translation, lang="zh-Hans"):
        return [(f.status, f.severity) for f in check(en, translation, lang).findings if f.kind == "figure"]

    assert figures(FIRE, "大火已烧毁约 4,047 公顷土地。") == [("preserved", "info")]
    assert figures(FIRE, "大火已烧毁约10000英亩土地。") == [("preserved", "info")]
    assert figures("It was 95 degrees Fahrenheit.", "気温は35度だった。", "ja") == [("preserved", "info")]
    assert figures("He ran 3 miles.", "他跑了4.8公里。") == [("preserved", "info")]
    # ... in the metric unit the translator chose: centimetres for a height, metres for a distance.
    assert figures("He is 6 feet tall.", "彼の身長は約183センチだ。", "ja") == [("preserved", "info")]
    assert figures("He ran 3 miles.", "他跑了4800米。") == [("preserved", "info")]
    assert figures("They were given five acres.", "他们获得了0英亩土地。") == [("altered", "error")]
    # American news gives bare "degrees" in Fahrenheit: kept, or converted to Celsius.
    assert figures("Temperatures rose above 90 degrees.", "气温超过 32.2 摄氏度。") == [("preserved", "info")]
    assert figures("Temperatures rose above 90 degrees.", "气温超过90度。") == [("preserved", "info")]
    assert figures("Temperatures rose above 90 degrees.", "气温超过60度。") == [("altered", "error")]
    # Another value is still another value; a measure lost is a warning (it may be rounded away).
    assert figures(FIRE, "大火已烧毁约9000英亩土地。") == [("altered", "error")]
    assert figures(FIRE, "大火已烧毁大片土地。") == [("missing", "warning")]
    # A number in the English unit is no conversion, even where it matches one (5 acres = 2.02 ha).
    assert figures("They were given five acres.", "彼らは2エーカーの土地を得た。", "ja") == [("altered", "error")]
    assert figures("They were given five acres.", "彼らは約2ヘクタールの土地を得た。", "ja") == [("preserved", "info")]


@pytest.mark.parametrize("translation, lang", [
    ("该公司筹集了500万澳元。", "zh-Hans"),
    ("該公司籌集了500萬加元。", "zh-Hant"),
    ("同社は500万米ドルを調達した。", "ja"),
    ("同社は500万豪ドルを調達した。", "ja"),
])
def test_a_bare_dollar_may_be_any_dollar(translation, lang):
    report = check("The company raised $5m.", translation, lang, Glossary([]))
    assert not [f for f in report.findings if f.kind == "figure" and f.severity == "error"]


@pytest.mark.parametrize("source", ["The company raised US$5m.", "The company raised A$5m."])
def test_a_qualified_dollar_is_not_another(source):
    other = "500万加元" if "US$" in source else "500万美元"
    report = check(source, f"该公司筹集了{other}。", "zh-Hans", Glossary([]))
    assert [f for f in report.findings if f.kind == "figure" and f.severity == "error"]


def test_a_bare_dollar_is_not_a_pound():
    report = check("The company raised $5m.", "该公司筹集了500万英镑。", "zh-Hans", Glossary([]))
    assert [f for f in report.findings if f.kind == "figure" and f.severity == "error"]


@pytest.mark.parametrize("text, value", [("投票率は５２・３％だった。", 52.3), ("１・５倍に増えた", 1.5),
                                         ("２・５兆円", 2.5e12)])
def test_a_middle_dot_between_digits_is_a_decimal_point_before_a_percentage_or_scale(text, value):
    assert [f.value for f in cjk_figures(text)] == [pytest.approx(value)]


def test_a_middle_dot_between_months_joins_two_months():
    assert [(f.value, f.unit) for f in cjk_figures("1・2月の売上")] == [(1, ""), (2, "month-date")]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("a capacity of 1,200 megawatts", 1.2e9, "W"),
        ("a 1.2-gigawatt plant", 1.2e9, "W"),
        ("80 billion kilowatt-hours", 8e13, "Wh"),
        ("a 5GW wind farm", 5e9, "W"),
        ("output of 5 TWh", 5e12, "Wh"),
        ("a 100kWh battery", 1e5, "Wh"),
        ("40 watts", 40.0, "W"),
    ],
)
def test_power_and_energy_are_read_in_watts(text, value, unit):
    (figure,) = en_figures(text)
    assert (figure.unit, figure.value) == (unit, pytest.approx(value))


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("装机容量为120万千瓦", 1.2e9, "W"),
        ("装机容量为1200兆瓦", 1.2e9, "W"),  # 兆 before 瓦 is mega, not 10^12
        ("發電800億千瓦時", 8e13, "Wh"),
        ("用电800亿度电", 8e13, "Wh"),  # 度 (电) is the kilowatt-hour
        ("出力は120万キロワット", 1.2e9, "W"),
        ("1兆キロワット時を使った", 1e15, "Wh"),
        ("1.2GWの発電所", 1.2e9, "W"),
    ],
)
def test_cjk_power_and_energy_keep_their_metric_prefix(text, value, unit):
    (figure,) = cjk_figures(text)
    assert (figure.unit, figure.value) == (unit, pytest.approx(value))


def test_power_is_compared_across_the_units_a_translation_restates_it_in():
    def figures(en, translation, lang="zh-Hans"):
        return [(f.status, f.severity) for f in check(en, translation, lang).findings if f.kind == "figure"]

    plant = "The plant has a capacity of 1.2 gigawatts."
    assert figures(plant, "该电厂装机容量为120万千瓦。") == [("preserved", "info")]
    assert figures(plant, "该电厂装机容量为1200兆瓦。") == [("preserved", "info")]
    assert figures(plant, "同発電所の出力は120万キロワットだ。", "ja") == [("preserved", "info")]
    assert figures(plant, "该电厂装机容量为12万千瓦。") == [("altered", "error")]
    # A unit word we do not read keeps the number in one of the prefixed units.
    dam = "The dam generated 80 billion kilowatt-hours."
    assert figures(dam, "大坝发电量达800亿度。") == [("preserved", "info")]
    assert figures(dam, "大坝发电量达900亿千瓦时。") == [("altered", "error")]


def test_a_scaled_decimal_may_round_a_more_exact_amount():
    # English written from a Chinese original rounds: 21.84 million for 2184.3万.
    def statuses(english, translation):
        return [(f.status, f.severity) for f in check_figures(en_figures(english), cjk_figures(translation),
                                                               "zh-Hans")]

    assert statuses("The population stood at 21.84 million.", "人口为2184.3万人。") == [("preserved", "info")]
    assert statuses("The population stood at 21.84 million.", "人口为2185.3万人。") == [("altered", "error")]
    assert statuses("The population stood at 21 million.", "人口为2184万人。") == [("altered", "error")]
