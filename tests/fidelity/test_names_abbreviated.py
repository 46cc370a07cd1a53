"""Bodies by the short forms Chinese and Japanese make of their names (上交所, 東大, 東電)."""

import pytest

from pipeline.fidelity import check
from pipeline.fidelity.names_abbreviated import abbreviation


@pytest.mark.parametrize("target, forms, lang, found", [
    ("上交所表示交易正常。", ["上海证券交易所"], "zh-Hans", "上交所"),
    ("東大と京大が1位と2位になった。", ["東京大学"], "ja", "東大"),
    ("東電は原発は安全だと述べた。", ["東京電力"], "ja", "東電"),
    # The first character and one of the head word's are both needed: 上海 is the city.
    ("上海表示交易正常。", ["上海证券交易所"], "zh-Hans", None),
    ("深交所表示交易正常。", ["上海证券交易所"], "zh-Hans", None),
    # Inside other words (大西洋 the Atlantic, 大阪 Osaka) no span is a name of its own.
    ("北大西洋的渔业", ["北京大学"], "zh-Hans", None),
    ("東大阪市の工場", ["東京大学"], "ja", None),
    # A dictionary word with a meaning of its own: 中行 is the Bank of China.
    ("中行表示。", ["中国工商银行"], "zh-Hans", None),
])
def test_a_short_form_keeps_the_first_character_and_the_head(target, forms, lang, found):
    short = abbreviation(target, forms, lang, "")
    assert (short[0].text if short else None) == found


@pytest.mark.parametrize("english, target, lang", [
    ("The Shanghai Stock Exchange said trading was normal.", "上交所表示交易正常。", "zh-Hans"),
    ("The University of Tokyo and Kyoto University ranked first and second.", "東大と京大が1位と2位になった。", "ja"),
])
def test_bodies_by_their_short_forms_are_preserved(english, target, lang):
    report = check(english, target, lang)
    names = {f.source.text: f.status for f in report.findings if f.kind == "name"}
    assert set(names.values()) == {"preserved"}, names


def test_another_exchange_short_form_is_no_rendering():
    report = check("The Shenzhen Stock Exchange said trading was normal.", "上交所表示交易正常。", "zh-Hans")
    assert [f.status for f in report.errors] == ["missing"]
