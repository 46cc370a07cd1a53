"""Quotes: extraction with apostrophes and titles, one-to-one alignment, content checks by words and meaning."""

import pytest

from pipeline.fidelity.figures_cjk import extract_figures as cjk_figures
from pipeline.fidelity.figures_en import extract_figures as en_figures
from pipeline.fidelity.quotes import check_quotes
from pipeline.fidelity.quotes_extract import extract_quotes, extract_target_quotes

QUOTE = '"We will lodge a strong protest and request the withdrawal of the measure," he said.'


@pytest.mark.parametrize(
    "text, quotes",
    [
        (QUOTE, ["We will lodge a strong protest and request the withdrawal of the measure,"]),
        ("It’s the farmers’ land. ‘We will not leave our homes,’ she said.", ["We will not leave our homes,"]),
        ("“Prices rose by 5 percent,” he said.", ["Prices rose by 5 percent,"]),
        ('The "tensions" rose.', []),  # a term in scare quotes
        ('She starred in "Interview with the Vampire" last year.', []),  # a title
    ],
)
def test_english_quotes(text, quotes):
    assert [q.text for q in extract_quotes(text)] == quotes


def test_target_quotes_skip_titles_and_nested_quotes():
    text = "彼は「今回の措置は『極めて遺憾』だ」と述べた。《人民日报》“完全合法。”"
    assert [q.text for q in extract_target_quotes(text)] == ["今回の措置は『極めて遺憾』だ", "完全合法。"]


def judge(source, target, lang):
    return [(f.status, f.severity) for f in check_quotes(
        extract_quotes(source), extract_target_quotes(target), en_figures(source), cjk_figures(target), lang,
        source)]


@pytest.mark.parametrize(
    "target, lang, expected",
    [
        ("「強く抗議し、措置の撤回を求める」と述べた。", "ja", [("preserved", "info")]),
        ("他说：“我们将提出强烈抗议，并要求撤回该措施。”", "zh-Hans", [("preserved", "info")]),
        ("強く抗議し、措置の撤回を求めると述べた。", "ja", [("missing", "error")]),  # indirect speech
        ("他说：“遗憾。”", "zh-Hans", [("altered", "error")]),  # cut to a stub
        ("他说：“天气晴朗，气温与往年持平，今天是个好日子。”", "zh-Hans", [("altered", "error")]),  # other words
    ],
)
def test_quote_alignment_and_content(target, lang, expected):
    assert judge(QUOTE, target, lang) == expected


def test_a_figure_inside_a_quote_must_survive_in_it():
    source = '"Prices rose by 5 percent this year," he said.'
    assert judge(source, "他说：“今年物价上涨了百分之五。”", "zh-Hans") == [("preserved", "info")]
    assert judge(source, "他说：“今年物价上涨了百分之八。”", "zh-Hans") == [("altered", "error")]


def test_one_chance_dictionary_hit_does_not_save_a_long_replaced_quote():
    from pipeline.fidelity import check

    source = ('"I hope the disclosure of this technology will help us return to normal daily life as soon as '
              'possible," said Professor Lee.')
    replaced = "「天気は晴れで、気温は平年並みだった」とイ教授は述べている。"
    kept = "「この技術の開示により、できる限り早く日常に戻れることを望んでいます」とイ教授は述べている。"
    (finding,) = [f for f in check(source, replaced, "ja").findings if f.kind == "quote"]
    assert finding.status == "altered" and "1 of 10 words" in finding.evidence
    (finding,) = [f for f in check(source, kept, "ja").findings if f.kind == "quote"]
    assert finding.status == "preserved"


@pytest.mark.parametrize("source, kept, replaced, lang", [
    ('"Time is running out," the minister told reporters.', "部长对记者说：“时间不多了。”",
     "部长对记者说：“天气晴朗，气温与往年持平。”", "zh-Hans"),
    ('"Time is running out," the minister told reporters.', "大臣は記者団に「時間切れになりつつある」と語った。",
     "大臣は記者団に「天気は晴れで、気温は平年並みだった」と語った。", "ja"),
    # One glossed word is enough in Japanese, read both ways: 行動しなければ is 行動 "act".
    ('"So we have to act," he said.', "「そのため我々は行動しなければならない」と述べた。",
     "「天気は晴れで、気温は平年並みだった」と述べた。", "ja"),
])
def test_a_short_quote_is_judged_on_its_few_glossed_words(source, kept, replaced, lang):
    assert judge(source, kept, lang) == [("preserved", "info")]
    assert judge(source, replaced, lang) == [("altered", "error")]


@pytest.mark.parametrize("english, japanese", [
    ("So we have to act,", "そのため我々は行動しなければならない"),  # conjugated: 行動 "act"
    ("Westminster's just as bad,", "英国議会も同等にひどい"),  # in kana: ひどい (酷い) "bad"
    ("thanking his staff", "職員に感謝の意を示す"),  # thanking and "thanks" meet on their stem
    ("implemented at pace.", "迅速に実施"),  # implemented and "implementation" meet on their stem
])
def test_japanese_words_are_looked_up_by_their_base_forms(english, japanese):
    from pipeline.fidelity.quotes import lexical_overlap

    overlap, glossed = lexical_overlap(english, japanese, "ja")
    assert glossed >= 1 and overlap > 0
    assert lexical_overlap(english, "天気は晴れで、気温は平年並みだった", "ja")[0] == 0


def test_a_quoted_term_beside_a_quote_does_not_take_its_place():
    # "major factor" has two words (a term, not a quote); its 「主な要因」 must not be taken for the
    # quote 'implemented at pace', which 「迅速に実施」 renders (実施 "implementation").
    source = ('He admitted that delayed discharge was a "major factor," but claimed an action plan was being '
              '"implemented at pace."')
    target = "彼は、退院遅延が「主な要因」であることを認めたが、行動計画は「迅速に実施」されていると主張した。"
    assert judge(source, target, "ja") == [("preserved", "info")]


def test_katakana_loanwords_count_as_dictionary_words():
    from pipeline.fidelity.quotes import lexical_overlap

    # プレッシャー has no kanji form in JMdict: its kana form is the word for "pressure".
    overlap, glossed = lexical_overlap("heightened winter pressure", "冬に病院のプレッシャーが高まる", "ja")
    assert glossed == 3 and overlap > 0


def test_irregular_plurals_find_their_gloss():
    from pipeline.fidelity.quotes import lexical_overlap

    # "lives" is looked up as "life" (人命).
    overlap, glossed = lexical_overlap("help us save many lives.", "多大な人命救助に役立つ", "ja")
    assert glossed == 4 and overlap > 0


def test_a_chinese_character_counts_for_its_first_sense_only():
    from pipeline.fidelity.quotes import lexical_overlap

    # 泪 is first of all "tears" and 离 "to leave": 含泪离岗 renders "leaving shifts in tears".
    assert lexical_overlap("leaving shifts in tears", "含泪离岗", "zh-Hans")[0] > 0
    # A character's later senses do not count: 持 is first "to hold", not "to support"; 气 "gas", not "angry".
    assert lexical_overlap("voters support the angry", "天气晴朗，气温与往年持平", "zh-Hans")[0] == 0


SPLIT = ('Alexey Danilov has said "the Russian language must disappear" from the territory of Ukraine '
         '"as an element of hostile propaganda and brainwashing of the population."')


def test_one_sentence_quoted_in_two_parts_may_be_translated_as_one_quote():
    merged = ("ダニロフ氏は「敵対的なプロパガンダと国民を洗脳する要素であるロシア語はウクライナの領土から"
              "消えなければならない」と述べた。")
    assert judge(SPLIT, merged, "ja") == [("preserved", "info"), ("preserved", "info")]
    # The second part gone: the first part's translation does not hold its words.
    first_only = "ダニロフ氏は「ロシア語はウクライナの領土から消えなければならない」と述べた。"
    assert judge(SPLIT, first_only, "ja") == [("preserved", "info"), ("missing", "error")]


UTTERANCES = '"Beer makers must follow the same rules," he said. "The beer industry should set its own targets."'


def test_two_utterances_quoted_as_one_are_both_kept():
    # Together the two English quotes are closer in meaning to the one Chinese quote than either alone.
    one = "他说：“啤酒制造商必须遵守相同的规则，啤酒行业应当自己设定目标。”"
    assert judge(UTTERANCES, one, "zh-Hans") == [("preserved", "info"), ("preserved", "info")]


def test_a_dropped_utterance_is_not_taken_for_a_merge():
    # The first utterance alone is closer to its quote than the two together: the second is gone.
    first_only = "他说：“啤酒制造商必须遵守相同的规则。”"
    assert judge(UTTERANCES, first_only, "zh-Hans") == [("preserved", "info"), ("missing", "error")]


@pytest.mark.parametrize("text, quote", [
    ("其家人称他“年轻、精力充沛，他的梦想是成为一名数字营销专家。", "年轻、精力充沛，他的梦想是成为一名数字营销专家。"),
    ("彼は「正義は否定された", "正義は否定された"),
    ('她补充说："作为父母，我能做的就是教他们明辨是非。', "作为父母，我能做的就是教他们明辨是非。"),  # a straight mark
])
def test_a_quote_opened_and_never_closed_runs_to_the_end(text, quote):
    assert [q.text for q in extract_target_quotes(text)] == [quote]


def test_paired_straight_marks_open_no_quote_to_the_end():
    assert [q.text for q in extract_target_quotes('他说"我们会赢"，然后离开了。')] == ["我们会赢"]


@pytest.mark.parametrize("text, quote", [
    ("岩石上长出了这种奇怪的藻类。”", "岩石上长出了这种奇怪的藻类。"),  # goes on with the last segment's quote
    ("“我们拿不到退款，我真的很失望。“", "我们拿不到退款，我真的很失望。"),  # closed with an opening mark
])
def test_a_quote_with_a_lost_or_wrong_mark_is_found(text, quote):
    assert [q.text for q in extract_target_quotes(text)] == [quote]


@pytest.mark.parametrize("source, target, lang", [
    ('"There is no need to fear," she said.', "她说：“没有必要害怕。”", "zh-Hans"),
    ('He had "no inclination to go further" on tax.', "彼は税について「さらに踏み込むつもりはない」とした。", "ja"),
    ('He had "no inclination to go further" on tax.', "他在稅收方面「無意繼續」。", "zh-Hant"),
])
def test_a_free_but_faithful_rendering_is_not_altered(source, target, lang):
    # The dictionaries find none of the quote's words ("fear" is not 害怕's gloss); the meaning is close.
    from pipeline.fidelity.quotes import _lexical_problem

    (src,), (tgt,) = extract_quotes(source), extract_target_quotes(target)
    assert _lexical_problem(src, tgt, lang) is not None
    assert judge(source, target, lang) == [("preserved", "info")]


def test_a_rendering_of_middling_meaning_without_dictionary_words_is_a_warning():
    assert judge('People would "tell you that I\'m crazy."', "人们会说“这个人疯了”。", "zh-Hans") == [
        ("altered", "warning")]


TWO_QUOTES = ('"Prices will keep rising until the end of the year," the minister said. '
              '"We are asking companies to raise wages for all workers."')


@pytest.mark.parametrize("target, lang", [
    ("部长说：“物价将持续上涨到年底。”“我们要求更多的球迷来看这场比赛。”", "zh-Hans"),
    ("大臣は「物価は年末まで上がり続ける」と述べた。「我々はより多くのファンにこの試合を見に来てほしい」", "ja"),
])
def test_a_quote_replaced_by_another_quotes_text_is_altered(target, lang):
    from pipeline.fidelity.quotes import lexical_overlap

    faithful = {"zh-Hans": "部长说：“物价将持续上涨到年底。”“我们要求企业为所有工人提高工资。”",
                "ja": "大臣は「物価は年末まで上がり続ける」と述べた。「全労働者の賃金を上げるよう企業に求めている」"}
    assert judge(TWO_QUOTES, faithful[lang], lang) == [("preserved", "info"), ("preserved", "info")]
    assert judge(TWO_QUOTES, target, lang) == [("preserved", "info"), ("altered", "error")]
    if lang == "zh-Hans":  # 要求 "ask" is a chance dictionary hit: the meaning alone catches it
        assert lexical_overlap(extract_quotes(TWO_QUOTES)[1].text, "我们要求更多的球迷来看这场比赛。", lang)[0] >= 0.1


def test_quotes_are_aligned_by_meaning_where_the_dictionaries_tie():
    # "traffic light" is in both 熄灭交通灯 and the term 交通灯联盟; only the first says "extinction".
    source = ('"Appeals are circulating with fantasies of revolution," warned Mr Habeck. Protesters called for '
              'the "extinction of the traffic light" (as the coalition is known).')
    target = "哈贝克警告称：“目前正在流传着革命幻想的呼吁。”抗议者呼吁“熄灭交通灯”（执政联盟被称为“交通灯联盟”）。"
    findings = check_quotes(extract_quotes(source), extract_target_quotes(target), [], [], "zh-Hans", source)
    assert [f.found for f in findings] == ["目前正在流传着革命幻想的呼吁。", "熄灭交通灯"]


def test_a_quote_cut_to_a_stub_is_an_error_and_a_padded_one_a_warning():
    source = '"We will lodge a strong protest and request the withdrawal of the measure," he said.'
    assert judge(source, "他说：“抗议。”", "zh-Hans") == [("altered", "error")]
    padded = ("他说：“我们将提出强烈抗议，并要求撤回这项措施，这一点我们已经多次在各种场合向对方明确表示过，"
              "今后也将继续坚持下去，绝不会让步，也绝不会妥协，无论对方采取什么样的措施。”")
    assert judge(source, padded, "zh-Hans") == [("altered", "warning")]
