"""Korean names written in hanzi / kanji, read through the hanja's Korean readings."""

import pytest

from pipeline.fidelity import check
from pipeline.fidelity.facts import Name, Span
from pipeline.fidelity.names_korean import korean_key, korean_reading, romanise_hangul


def _person(text: str) -> Name:
    return Name(text, "PERSON", Span(text, 0, len(text)))


def test_hangul_is_romanised_by_its_jamo():
    assert [romanise_hangul(s) for s in "정욱윤석열박"] == ["jeong", "uk", "yun", "seok", "yeol", "bak"]
    assert romanise_hangul("A") == ""


@pytest.mark.parametrize("spellings", [("Lee", "Rhee", "Yi", "i"), ("Jung", "Jeong", "Chung"), ("wook", "uk"),
                                       ("Park", "bak"), ("Choi", "choe"), ("Ahn", "an"), ("Yoon", "yun")])
def test_spellings_of_one_korean_syllable_share_a_key(spellings):
    assert len({korean_key(s) for s in spellings}) == 1


def test_different_syllables_keep_different_keys():
    keys = [korean_key(s) for s in ("Lee", "Park", "Kim", "Jung", "Moon", "Yoon", "Choi", "Kang")]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    "name, target, found",
    [
        ("Lee Jung-wook", "化学工程系李正旭教授", "李正旭"),
        ("Yoon Suk-yeol", "韓國總統尹錫悅表示", "尹錫悅"),  # Traditional
        ("Yoon Suk Yeol", "韩国总统尹锡悦表示", "尹锡悦"),  # Simplified
        ("Park Geun-hye", "朴槿惠前总统", "朴槿惠"),
        ("Jung-wook Lee", "李正旭教授", "李正旭"),  # surname last
        ("Lee Jung-wook", "李家超教授", None),  # another person
        ("Donald Trump", "特朗普总统", None),  # no Korean syllables
    ],
)
def test_a_korean_name_in_hanzi_reads_as_its_english_spelling(name, target, found):
    match = korean_reading(_person(name), target)
    assert (match[0].text if match else None) == found


def test_a_korean_person_in_hanzi_is_no_false_alarm_and_a_swap_is_caught():
    source = "A team led by Professor Lee Jung-wook developed the test."
    assert not [f for f in check(source, "李正旭教授带领的团队开发了该检测。", "zh-Hans").errors if f.kind == "name"]
    assert [f for f in check(source, "王建国教授带领的团队开发了该检测。", "zh-Hans").errors if f.kind == "name"]
