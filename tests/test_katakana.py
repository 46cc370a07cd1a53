"""Foreign people's names in katakana for repair's requirements; Japanese and Chinese names get none."""

import pytest

from pipeline.fidelity.facts import Finding, Span
from pipeline.stages.hints import requirements
from pipeline.stages.katakana import katakana_name


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


def lost(name, expected=""):
    return Finding("name", "missing", "error", Span(name, 0, len(name)), None, expected)


def test_a_lost_foreign_person_is_asked_for_in_katakana_in_japanese_and_latin_in_chinese():
    people = frozenset({"Tim Whitehouse"})
    assert requirements([lost("Tim Whitehouse")], "ja", people) == [
        "keep the name Tim Whitehouse, written ティム・ホワイトハウス"]
    # Chinese: no transliteration library; Latin letters rather than an invented rendering (白头汉蒂).
    assert requirements([lost("Tim Whitehouse")], "zh-Hans", people) == [
        "keep the name Tim Whitehouse in Latin letters"]
    # Japanese and Chinese people are written in kanji: neither katakana nor Latin letters.
    kanji_people = frozenset({"Sanae Takaichi", "Mao Ning"})
    for lang in ("ja", "zh-Hans"):
        assert requirements([lost("Sanae Takaichi"), lost("Mao Ning")], lang, kanji_people) == [
            "keep the name Sanae Takaichi", "keep the name Mao Ning"]
    # Not a person (a body, a place): no transliteration.
    assert requirements([lost("Siso")], "ja", people) == ["keep the name Siso"]
    # A rendering the glossary or a dictionary knows wins over a transliteration.
    assert requirements([lost("Tim Whitehouse", "ティモシー")], "ja", people) == [
        "keep the name Tim Whitehouse, written ティモシー"]
