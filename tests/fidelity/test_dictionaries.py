"""How CC-CEDICT's definitions name their words: the heads the name index is keyed by."""

import pytest

from pipeline.fidelity import check
from pipeline.fidelity.dictionaries import _heads, cedict_names, cldr_cities
from pipeline.fidelity.facts import Name, Span
from pipeline.fidelity.glossary import Glossary
from pipeline.fidelity.names_match import find_name


@pytest.mark.parametrize(("definition", "heads"), [
    ("Tokyo, capital of Japan", ["Tokyo"]),
    ("Powell (name)", ["Powell"]),
    ("lee side", []),  # no proper noun
    ("Guomindang or Kuomintang (KMT)", ["Guomindang", "Kuomintang"]),  # KMT: not the initials
    ("European Union (EU)", ["European Union", "EU"]),
    ("DPP (Democratic Progressive Party, Taiwan)", ["DPP", "Democratic Progressive Party"]),
    ("State University (US)", ["State University"]),  # a region in brackets, not an acronym of it
    ("the Great Wall", ["Great Wall"]),
    ("Hon Hai Precision Industry Company, Taiwan technology company, aka Foxconn",
     ["Hon Hai Precision Industry Company", "Foxconn"]),
    ("(Mahatma) Gandhi", ["Gandhi", "Mahatma Gandhi"]),  # a word the name may go without
    ("(Tw) Eswatini", []),  # a region mark: the Taiwan form, kept apart
    ("nickname of Portuguese soccer player Cristiano Ronaldo", ["Cristiano Ronaldo"]),  # C罗
    ("nickname for Beijing 2008 Olympic stadium", []),  # 鸟巢 is no name of Beijing
])
def test_a_definition_names_its_word_by_each_spelling_and_acronym(definition, heads):
    assert _heads(definition) == heads


def test_the_before_one_common_word_names_no_proper_noun():
    assert _heads("the West (Europe and North America)", frozenset({"west"})) == []
    assert _heads("I have been enlightened by your teaching") == []  # 见教: a phrase, no name
    assert _heads("Ivory Coast") == ["Ivory Coast"]
    # A description after it makes one a name: the Louvre (a louvre is a slatted window).
    assert _heads("the Louvre, museum in Paris (Tw)", frozenset({"louvre"})) == ["Louvre"]


def test_a_taiwan_form_names_what_the_word_it_refers_to_names():
    # CC-CEDICT: 宾士 "Taiwan equivalent of 奔馳|奔驰", 奔驰 "Mercedes-Benz, German car maker".
    report = check("Mercedes-Benz recalled 3,000 cars.", "賓士召回了3,000輛汽車。", "zh-Hant")
    assert not [f for f in report.findings if f.kind == "name" and f.severity != "info"]
    assert [f for f in check("Mercedes-Benz recalled 3,000 cars.", "宾士召回了3,000辆汽车。", "zh-Hans").errors
            if f.kind == "name"]  # the mainland writes 奔驰


def test_an_acronym_stands_for_every_rendering_of_its_words():
    assert {"阿联酋", "阿拉伯联合酋长国"} <= cedict_names()["uae"]


def test_a_name_by_its_second_spelling_is_found():
    report = check("The Kuomintang lost the election.", "国民党在选举中落败。", "zh-Hans")
    assert not [f for f in report.errors if f.kind == "name"]


def test_a_hyphen_the_dictionary_leaves_out_still_finds_the_name():
    from pipeline.fidelity.dictionaries import cedict_forms

    assert "潘基文" in cedict_forms("ban ki-moon", "zh-Hans")  # CC-CEDICT: "Ban Ki Moon"


def test_a_spelling_or_short_form_that_refers_to_a_name_renders_it():
    # 基地恐怖组织 "same as 基地組織|基地组织"; 富士康 "abbr. of 富士康科技集團|富士康科技集团".
    assert "基地恐怖组织" in cedict_names()["al-qaeda"]
    assert "富士康" in cedict_names()["foxconn technology group"]

    # 德州 "abbr. for 德克薩斯州|德克萨斯州, Texas": the word referred to has no entry; the head after it names it.
    assert "德州" in cedict_names()["texas"]

    # An abbreviation that names its words later in the definition ("abbr. for Papua New Guinea
    # 巴布亞新幾內亞|巴布亚新几内亚[…]", 巴新), or two of them ("abbr. for Jiangsu 江蘇|江苏[…] and
    # Zhejiang 浙江[…]", 江浙).
    assert "央行" in cedict_names()["people's bank of china"]
    assert "江浙" in cedict_names()["jiangsu"] and "江浙" in cedict_names()["zhejiang"]
    assert "巴新" in cedict_names()["papua new guinea"]


def test_a_name_cc_cedict_spells_another_way_is_found_by_jmdicts_spellings():
    # CC-CEDICT has "Macao" for 澳门; JMdict glosses one entry "Macau" and "Macao".
    report = check("Officials in Macau said on Monday.", "澳门官员周一表示。", "zh-Hans")
    assert not [f for f in report.findings if f.kind == "name" and f.severity != "info"]


@pytest.mark.parametrize(("english", "translation"), [
    ("Mahatma Gandhi said so.", "甘地这样说。"),  # "(Mahatma) Gandhi"
    ("Cristiano Ronaldo scored twice.", "C罗梅开二度。"),  # "nickname of … Cristiano Ronaldo"
])
def test_a_name_a_definition_gives_in_part_or_as_a_nickname_is_kept(english, translation):
    assert [f.status for f in check(english, translation, "zh-Hans").findings if f.kind == "name"] == ["preserved"]


def test_a_name_followed_by_its_kind_is_a_head_too():
    # "Guangdong province (Canton) in south China", "Manhattan island", "Newsweek magazine".
    names = cedict_names()
    assert "广东" in names["guangdong"] and "曼哈顿" in names["manhattan"] and "新闻周刊" in names["newsweek"]
    assert "湘菜" not in names.get("hunan", ())  # "Hunan cuisine": a place's thing, not the place


def test_cldr_cities_give_each_regions_forms_and_leave_out_people_like_names():
    cities = cldr_cities()
    assert cities["kolkata"]["zh-Hans"] == ["加尔各答"]
    assert cities["perth"]["zh-Hant"] == ["珀斯", "伯斯"]  # Hong Kong's, then Taiwan's
    assert "ハバナ" in cities["havana"]["ja"]
    assert "davis" not in cities and "center" not in cities  # an Antarctic station, a town in North Dakota


def test_a_city_by_its_taiwan_or_hong_kong_form_is_found_but_never_for_a_person():
    place = [(f.status, f.evidence) for f in check("The storm hit Perth.", "暴風雨襲擊伯斯。", "zh-Hant").findings
             if f.kind == "name"]
    assert place == [("preserved", "cldr (city)")]
    found = find_name(Name("Perth", "PERSON", Span("Perth", 0, 5)), "伯斯說", "zh-Hant", Glossary())
    assert found is None or found[1] != "cldr (city)"
