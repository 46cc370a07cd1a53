"""Chinese names spelled the Taiwan (Wade-Giles) or Hong Kong (Cantonese) way, and Japanese names
in passport spelling, read against the characters of a translation."""

import pytest

from pipeline.fidelity import check
from pipeline.fidelity.facts import Name, Span
from pipeline.fidelity.names_chinese import chinese_reading, chinese_syllables, surname_alone, wade_giles_to_pinyin


def _person(text: str) -> Name:
    return Name(text, "PERSON", Span(text, 0, len(text)))


def _name_errors(source: str, translation: str, lang: str) -> list[str]:
    return [f.message for f in check(source, translation, lang).errors if f.kind == "name"]


def test_wade_giles_without_apostrophes_reads_as_its_pinyin_syllables():
    assert {"qing", "jing", "zhing"} <= wade_giles_to_pinyin("ching")
    assert "xie" in wade_giles_to_pinyin("hsieh")
    assert "ying" in wade_giles_to_pinyin("ing") and "yi" in wade_giles_to_pinyin("ih")
    assert "zhong" in wade_giles_to_pinyin("chung") and "guo" in wade_giles_to_pinyin("kuo")


def test_an_english_given_name_is_no_chinese_syllable():
    assert chinese_syllables("John Lee Ka-chiu") == ["lee", "ka", "chiu"]
    assert chinese_syllables("Lai Ching-te") == ["lai", "ching", "te"]
    assert chinese_syllables("Donald Trump") == []


@pytest.mark.parametrize(("name", "target", "found"), [
    ("Lai Ching-te", "賴清德在臺北發表講話", "賴清德"),  # Taiwan: Wade-Giles
    ("Tsai Ing-wen", "蔡英文表示", "蔡英文"),
    ("Hsieh Chang-ting", "谢长廷抵达东京", "谢长廷"),
    ("Ching-te Lai", "赖清德说", "赖清德"),  # surname last in the English
    ("John Lee Ka-chiu", "行政長官李家超表示", "李家超"),  # Hong Kong: Cantonese
    ("Cheung Kin-chung", "張建宗出席", "張建宗"),
])
def test_a_taiwan_or_hong_kong_spelling_reads_as_the_hanzi(name, target, found):
    span, evidence = chinese_reading(_person(name), target)
    assert span.text == found and "Cantonese" in evidence


def test_the_syllables_must_all_read_in_a_row():
    assert chinese_reading(_person("Lai Ching-te"), "赖先生在清德") is None
    assert chinese_reading(_person("Tsai Ing-wen"), "英文老师蔡先生") is None


def test_taiwan_and_hong_kong_people_are_found_and_a_wrong_one_is_not():
    assert not _name_errors("Lai Ching-te spoke in Taipei.", "賴清德在臺北發表講話。", "zh-Hant")
    assert not _name_errors("John Lee Ka-chiu met reporters.", "李家超會見記者。", "zh-Hant")
    assert _name_errors("Lai Ching-te spoke in Taipei.", "侯友宜在臺北發表講話。", "zh-Hant")


def test_an_english_given_name_with_a_chinese_surname_is_doubt_not_an_error():
    # CC-CEDICT gives Jack Ma 马云 ("aka Jack Ma"), not Joseph Tsai 蔡崇信.
    report = check("Joseph Tsai founded a firm in Hangzhou.", "蔡崇信在杭州创立了一家公司。", "zh-Hans")
    findings = [f for f in report.findings if f.kind == "name" and f.source and f.source.text == "Joseph Tsai"]
    assert findings[0].severity == "warning" and "蔡崇" in findings[0].message
    # Another surname is no such doubt.
    assert _name_errors("Joseph Tsai founded a firm in Hangzhou.", "张勇在杭州创立了一家公司。", "zh-Hans")


def test_a_passport_spelling_of_a_long_vowel_reads_as_the_kanji():
    assert not _name_errors("Shohei Ohtani signed with the Dodgers.", "大谷翔平はドジャースと契約した。", "ja")


@pytest.mark.parametrize(
    "name, target, found",
    [
        ("Lee", "李教授表示，信号较强。", "李"),  # Professor Lee: Cantonese / Korean spelling of 李
        ("Xi", "習氏は、会談は有益だったと述べた。", "習"),  # in Japanese too
        ("Wong", "黃先生表示計劃會繼續。", "黃"),
        ("Xi", "中国主席表示会谈有益。", None),  # 席 of 主席 is no surname
        ("Lee", "他带着行李表示要走。", None),  # 李 of 行李 "luggage"
        ("Wong", "李先生表示計劃會繼續。", None),  # another surname
    ],
)
def test_a_surname_alone_is_found_before_a_title_or_a_verb_of_saying(name, target, found):
    match = surname_alone(_person(name), target)
    assert (match[0].text if match else None) == found


_WONG = "Speaking on Tuesday, Mr Wong said the plan would go ahead."


@pytest.mark.parametrize(
    "translation, severity",
    [
        ("黄先生周二表示，计划将继续。", None),  # found
        ("黄伟文周二表示，计划将继续。", "warning"),  # the full name, its surname read: doubt
        ("他周二表示，计划将继续。", "error"),  # gone: a Chinese surname alone is surely a name
    ],
)
def test_a_chinese_surname_alone_is_a_name_to_render(translation, severity):
    findings = [f for f in check(_WONG, translation, "zh-Hans").findings if f.status == "missing"]
    assert [f.severity for f in findings] == ([severity] if severity else [])


@pytest.mark.parametrize("name, rendering", [("Margaret Thatcher", "柴契爾"), ("Jens Stoltenberg", "史托騰柏格")])
def test_a_taiwan_rendering_with_characters_outside_the_mainland_tables_is_found(name, rendering):
    assert not _name_errors(f"{name} said on Monday that talks would continue.", f"{rendering}週一表示，會談將繼續。",
                            "zh-Hant")


def test_a_word_of_the_dictionary_is_no_transliteration_however_its_characters_sound():
    assert _name_errors("Officials in Sydney said the system would continue.", "官员表示，系统将继续运行。", "zh-Hans")


def test_taiwans_name_of_the_federal_reserve_is_known():
    assert not _name_errors("The Federal Reserve raised rates on Wednesday.", "聯準會週三升息。", "zh-Hant")
