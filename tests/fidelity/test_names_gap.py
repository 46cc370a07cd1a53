"""A gap where a name stood makes a missing name's warning an error."""

import pytest

from pipeline.fidelity import check
from pipeline.fidelity.names_gap import gap_in


def _missing(source: str, translation: str, lang: str):
    return [f for f in check(source, translation, lang).findings if f.kind == "name" and f.status == "missing"]


@pytest.mark.parametrize("source, translation, lang", [
    # An honorific with no name before it.
    ("\"There are nearly 4,000 Russian firms here,\" Al Zeyoudi said.",
     "「ここにはロシア企業が4000社近くある」と氏は述べた。", "ja"),
    # A particle with no word before it.
    ("The lake is not as clear as it was when Horizon drew him here.",
     "湖は、彼が越して来たときほど透明ではない。は最も綺麗な湖だった。", "ja"),
    # A dot with no name part beside it.
    ("The team agreed terms with Kenneth Murray Jr.", "チームはケネス・・ジュニアとの契約に合意した。", "ja"),
    ("Munster tried newcomers Patrick Campbell and Andrew Smith.", "芒斯特尝试让新人帕特里克·和安德鲁·史密斯上场。",
     "zh-Hans"),
    # Quotation marks around nothing.
    ("Storm Arwen caused huge damage.", "飓风“”造成的巨大破坏。", "zh-Hans"),
    # A list's empty item, and a dot after a comma (the check reads ， as a folded ASCII comma).
    ("After the rain, Reading, Bath and Oxford were flooded.", "大雨过后，、巴斯和牛津被淹。", "zh-Hans"),
    ("The row escalated, and Betta Edu was suspended.", "事件进一步升级，·埃杜被停职。", "zh-Hans"),
    # Two particles that never stand together.
    ("This week Labour said it would vote against.", "今週はは反対票を投じると述べた。", "ja"),
    ("Investors at Fidelity sold shares.", "投資家がで株を売った。", "ja"),
    ("Chelsea qualified for the Champions League on Sunday.", "チェルシーは日曜、リーグでへの出場を決めた。", "ja"),
])
def test_a_dropped_name_that_leaves_a_gap_is_an_error(source, translation, lang):
    (missing,) = _missing(source, translation, lang)
    assert missing.severity == "error" and "gap where a name stood" in missing.message


@pytest.mark.parametrize("source, translation, lang", [
    ("The team agreed terms with Kenneth Murray Jr.", "チームはケネス・マレイ・ジュニアとの契約に合意した。", "ja"),
    ("Storm Arwen caused huge damage.", "飓风“阿尔文”造成的巨大破坏。", "zh-Hans"),
])
def test_the_same_sentences_with_the_name_have_no_error(source, translation, lang):
    assert not [f for f in _missing(source, translation, lang) if f.severity == "error"]


@pytest.mark.parametrize("text, lang", [
    ("患者の氏名は公表されていない。", "ja"),  # 氏名 "full name"
    ("みなさんがおじいさんに感謝した。", "ja"),  # さん after kana of a word
    ("同氏は述べた。", "ja"),  # 同氏 "the said person"
    ("ジョン・F・ケネディ大統領", "ja"),
    ("英・仏の首脳が会談した。", "ja"),  # a dot between kanji of a list
    ("がん患者が増えた。のちに彼は言った。", "ja"),  # words that open with a particle's kana
    ("「は」と「が」の違い", "ja"),
    ("さすがにそれは無理だ。年賀はがきを送る。", "ja"),  # an adverb and a noun, not particles
    ("东京、大阪和京都，以及（一）、（二）两项。", "zh-Hans"),  # a list whose items are all there
    ("西側は核開発に使われるのではと恐れている。", "ja"),  # のではと "fearing that"
    ("東京ではこれが、大阪へのアクセスにも、それをも", "ja"),  # pairs Japanese writes
    ("他说“是”，“不”。", "zh-Hans"),
    ("约翰·F·肯尼迪总统", "zh-Hans"),
    ("丹尼斯 ·M· 凯莱赫表示", "zh-Hans"),  # a dot spaced off
    ("ナンシー・ぺロシ下院議長", "ja"),  # a hiragana ぺ that looks like the katakana
    ("穏やかに聞こえるけど・・・仕事だ", "ja"),  # middle dots as an ellipsis
    ("シャキア・フィルポット（Shaquia Philpot）さん（25）", "ja"),  # a gloss before the honorific
])
def test_ordinary_text_has_no_gap(text, lang):
    assert gap_in(text, lang) is None


def test_a_gap_never_makes_an_error_without_a_missing_name():
    findings = check("Storm Arwen caused huge damage.", "风暴“阿尔文”（）造成巨大破坏。", "zh-Hans").findings
    assert not [f for f in findings if f.kind == "name" and f.severity == "error"]


@pytest.mark.parametrize("text, lang", [("展览《：土地与水的记忆》开幕。", "zh-Hans"),
                                        ("『：大地と水の記憶』展が開幕した。", "ja")])
def test_a_title_opening_on_a_colon_is_a_gap(text, lang):
    # "Vicente Siso: Memories of Land and Water" with the painter's name dropped.
    assert gap_in(text, lang)
