"""Foreign people's names in katakana for Japanese hints; Japanese and Chinese names get none."""

import pytest

from pipeline.fidelity.check import default_glossary
from pipeline.repair.hints import segment_hints
from pipeline.repair.katakana import katakana_name


@pytest.mark.parametrize("name, katakana", [
    ("Tim Whitehouse", "ティム・ホワイトハウス"),  # JMnedict's one katakana form of each word
    ("Oluwatoyin Madein", "オルワトイン・マデイン"),  # neither word in JMnedict: e2k transliterates
    ("Patrick Campbell", "パトリック・キャンベル"),
])
def test_a_western_name_is_transliterated_word_by_word(name, katakana):
    assert katakana_name(name) == katakana


@pytest.mark.parametrize("name", [
    "Sanae Takaichi",  # every word a Japanese name with kanji forms: 高市早苗
    "Xi Jinping",  # every word pinyin: 習近平
    "Mao Ning",
    "G7",  # not a name in letters
])
def test_names_written_in_kanji_get_no_katakana(name):
    assert katakana_name(name) == ""


def test_japanese_hints_give_an_unknown_foreign_person_in_katakana_and_chinese_ones_do_not():
    text = "Tim Whitehouse, the executive director, praised the Biden administration."
    assert "Tim Whitehouse → ティム・ホワイトハウス" in segment_hints(text, "ja", default_glossary())
    assert not any("Tim Whitehouse" in hint for hint in segment_hints(text, "zh-Hans", default_glossary()))
    # A name the glossary or a dictionary knows keeps that rendering.
    assert "Biden → バイデン" in segment_hints(text, "ja", default_glossary())
