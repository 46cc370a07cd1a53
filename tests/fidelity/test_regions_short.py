"""Chinese places written by one character each (粤港澳, 京津冀, 川渝), from CC-CEDICT's short names."""

import pytest

from pipeline.fidelity import check
from pipeline.fidelity.regions_short import find_region_abbreviation, region_abbreviations


def test_short_names_come_from_the_dictionary():
    table = region_abbreviations()
    assert "粤" in table["广东"] and "渝" in table["重庆"] and "沪" in table["shanghai"]
    assert "川" in table["sichuan"]  # "Sichuan Province": the kind word is no part of the name


@pytest.mark.parametrize("text, keys, found", [
    ("粤港澳大湾区拥有8600万人口。", {"广东"}, "粤"),
    ("粤港澳大湾区拥有8600万人口。", {"hong kong"}, "港"),
    ("川渝将共建新的经济区。", {"重庆"}, "渝"),
    ("京津冀地区", {"tianjin", "天津"}, "津"),
    # One character alone is an everyday word: 港 "harbour".
    ("渔船回到了港口。", {"hong kong"}, None),
    # A run inside a longer word (津巴布韦 Zimbabwe, 新西兰 New Zealand) or a word of something
    # else (伊斯兰 Islam) is no short name; nor one in a transliterated name (西蒙兹).
    ("津巴布韦总统", {"天津"}, None),
    ("我在新西蘭的父母", {"spain"}, None),
    ("对伊斯兰政府构成了威胁", {"伊朗"}, None),
    ("尼克•托马斯•西蒙兹表示", {"spain"}, None),
])
def test_a_short_name_counts_only_among_others(text, keys, found):
    at = find_region_abbreviation(keys, text)
    assert (text[at[0]:at[1]] if at else None) == found


def test_places_joined_by_their_short_names_are_found():
    report = check("Sichuan and Chongqing will build a new economic zone.", "川渝将共建新的经济区。", "zh-Hans")
    assert not report.errors
    names = {f.source.text: f.status for f in report.findings if f.kind == "name"}
    assert names == {"Sichuan": "preserved", "Chongqing": "preserved"}
    # Another region's short name is no rendering of these.
    report = check("Sichuan and Chongqing will build a new economic zone.", "京津将共建新的经济区。", "zh-Hans")
    assert {f.source.text for f in report.errors if f.kind == "name"} == {"Sichuan", "Chongqing"}
