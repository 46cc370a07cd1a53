"""The learned transliteration score: it learns from the dictionaries, ranks right renderings of
names no dictionary lists above wrong ones, finds a name's span in a sentence, and is deterministic.

The model is built from the installed dictionaries at first use (about 20 s) and read back from
the index cache after that (under a second)."""

import json

import pytest

from pipeline.fidelity import transliteration, transliteration_training
from pipeline.fidelity.transliteration import best_span, calibration, score, span_threshold, threshold

# Renderings in WMT21's dev references that no dictionary lists; romanise.py's skeletons miss them.
RIGHT = [
    ("Mechichi", "迈希希", "zh-Hans"), ("Fakhfakh", "法赫法赫", "zh-Hans"), ("Mnuchin", "姆努钦", "zh-Hans"),
    ("Saied", "赛义德", "zh-Hans"), ("Correia", "科瑞亚", "zh-Hans"), ("Hampshire", "汉普郡", "zh-Hans"),
    ("Mechichi", "メシシ", "ja"), ("Tui", "トゥイ", "ja"), ("Pelosi", "ぺロシ", "ja"), ("Pelosi", "ペロシ", "ja"),
    ("Pelosi", "佩洛西", "zh-Hant"),
]
WRONG = [
    ("Mechichi", "特朗普", "zh-Hans"), ("Pelosi", "スミス", "ja"), ("Mnuchin", "赛义德", "zh-Hans"),
    ("Saied", "姆努钦", "zh-Hans"), ("Tui", "メシシ", "ja"), ("Hampshire", "ペロシ", "ja"),
]


@pytest.mark.parametrize("lang", ["ja", "zh-Hans"])
def test_the_model_learns_from_the_dictionaries(lang):
    measured = calibration(lang)
    assert measured["auc"] > 0.95 and measured["recall"] > 0.8
    assert -6 < threshold(lang) < -1 and span_threshold(lang) > threshold(lang)
    # Names held out of training (by the hash of their English): their renderings against another's.
    assert all(transliteration_training._held_out((word,)) for word in ("morgan", "edwards", "rogers"))
    right = {"ja": ["モーガン", "エドワーズ", "ロジャーズ"], "zh-Hans": ["摩根", "爱德华兹", "罗杰斯"]}[lang]
    for word, rendering, other in zip(["Morgan", "Edwards", "Rogers"], right, right[1:] + right[:1], strict=True):
        assert score(word, rendering, lang) > threshold(lang) > score(word, other, lang)


@pytest.mark.parametrize(("english", "target", "lang"), RIGHT)
def test_renderings_no_dictionary_lists_score_above_the_threshold(english, target, lang):
    assert score(english, target, lang) > threshold(lang)


@pytest.mark.parametrize(("english", "target", "lang"), WRONG)
def test_another_names_rendering_scores_below_the_threshold(english, target, lang):
    assert score(english, target, lang) < threshold(lang)


def test_a_dotted_name_is_scored_word_by_word():
    assert score("Joe Biden", "乔·拜登", "zh-Hans") > threshold("zh-Hans")
    assert score("Joe Biden", "ジョー・バイデン", "ja") > threshold("ja")
    assert score("Joe Biden", "ジョー・トランプ", "ja") < threshold("ja")
    assert score("Biden's", "拜登", "zh-Hans") == score("Biden", "拜登", "zh-Hans")  # a possessive is no letter


def test_best_span_finds_the_name_in_a_sentence():
    sentence = "但是，迈希希并非执政党提名的候选人之一"
    start, end, value = best_span("Mechichi", sentence, "zh-Hans")
    assert sentence[start:end] == "迈希希" and value == score("Mechichi", "迈希希", "zh-Hans") > span_threshold("zh")
    japanese = "チュニジアのサイード大統領は、メシシ内務相を次期首相に指名した。"
    start, end, value = best_span("Mechichi", japanese, "ja")
    assert japanese[start:end] == "メシシ" and value > span_threshold("ja")
    start, end, _ = best_span("Saied", japanese, "ja")
    assert japanese[start:end] == "サイード"
    # The whole word, not a shorter one the model also likes (ブリッツマ).
    start, end, _ = best_span("Britzman", "英国のブリッツマン氏によると", "ja")
    assert (start, end) == (3, 9)
    assert best_span("Mechichi", "no CJK here", "zh-Hans") is None
    assert best_span("Mechichi", "候选人", "zh-Hans", min_chars=4) is None


def test_scores_are_deterministic_and_the_stored_model_is_json():
    first = [score(*example) for example in RIGHT + WRONG]
    transliteration._score.cache_clear()
    transliteration._model.cache_clear()
    assert [score(*example) for example in RIGHT + WRONG] == first
    json.dumps(transliteration._trained())
    pairs = [("mechichi", ("mai", "xi", "xi"), "迈希希"), ("pelosi", ("pei", "luo", "xi"), "佩洛西")] * 3
    assert transliteration_training._em(pairs) == transliteration_training._em(list(reversed(pairs)))
