"""A name found by its sound: romanised spans of the translation against the English, and the
learned transliteration scorer's spans, with its veto of matches by consonants alone."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import product

from pipeline.fidelity import transliteration
from pipeline.fidelity.dictionaries import cedict_forms, cedict_names, cedict_words, opencc_t2s
from pipeline.fidelity.facts import Name, Span
from pipeline.fidelity.jmdict import english_words, jmdict_loanwords, jmdict_names, jmnedict_names
from pipeline.fidelity.name_evidence import e2k_word, known_name_form, name_candidates, written_in_kanji
from pipeline.fidelity.names_dotted import TRANSLITERATION_CHARS, cuts_a_dotted_name, name_words
from pipeline.fidelity.romanise import (
    HEPBURN,
    KANA_OR_HAN,
    KATAKANA_RUN,
    TRANSLITERATION,
    english_keys,
    phonetic_key,
    pinyin,
    pinyin_keys,
    readings,
    romaji_key,
)
from pipeline.fidelity.transliteration_model import FLOOR as _FLOOR
from pipeline.fidelity.transliteration_units import DOTS

_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")

_KATAKANA_WORDS = re.compile(r"[\u30a1-\u30fa\u30fc]+(?:[・=][\u30a1-\u30fa\u30fc]+)+")


def katakana_variant(target: str, forms: set[str]) -> Span | None:
    """A katakana word (or dotted words) of `target` spelled almost like a JMnedict form (キーウ /
    キエフ aside, ウクライナ / ウクライナー, ゼレンスキー / ゼレンスキイ): long marks and small vowels vary."""
    katakana = [_katakana_key(f) for f in forms if KATAKANA_RUN.match(f)]
    words = sorted([*_KATAKANA_WORD.finditer(target), *_KATAKANA_WORDS.finditer(target)], key=lambda m: m.start())
    for m in words:
        word = _katakana_key(m.group(0))
        for form in katakana:
            # Spellings vary in long marks and small vowels, not in the first sound: レンスター is
            # Leinster, no spelling of マンスター (Munster).
            if len(form) < 3 or word[0] != form[0]:
                continue
            # Kana compare coarsely on short names (ヤヒア / ヤヒヤ share 2 of 3 kana), so those
            # are compared again by their romanisation (yahia / yahiya).
            if SequenceMatcher(None, word, form).ratio() >= 0.8 or SequenceMatcher(
                    None, _kana_romaji(word), _kana_romaji(form)).ratio() >= 0.85:
                return Span(m.group(0), m.start(), m.end())
    return None


@lru_cache(maxsize=4096)
def _kana_romaji(katakana: str) -> str:
    return "".join(romaji_key(reading) for _, _, reading in readings(katakana, "ja", kanji=False))


_O_THEN_U = re.compile(r"(?<=[オコゴソゾトドノホボポモヨョロヲ])ウ")

_SMALL_VOWELS = str.maketrans("ァィゥェォ", "アイウエオ", "・=")


# ヴ and the b-row spell one sound (ヴェネチア / ベネチア): Japanese writes foreign v either way.
_V_ROW = re.compile(r"ヴ([ァィェォュ]?)")
_B_ROW = {"ァ": "バ", "ィ": "ビ", "ェ": "ベ", "ォ": "ボ", "ュ": "ビュ", "": "ブ"}


def _katakana_key(katakana: str) -> str:
    """Spellings of one name alike: ロウラー / ローラー (an o-sound then ウ is a long o), ウエスト・
    ロージアン / ウェストロージアン (small vowels, the dot between words), ヴェ / ベ."""
    katakana = _V_ROW.sub(lambda m: _B_ROW[m.group(1)], katakana)
    return _O_THEN_U.sub("ー", katakana).translate(_SMALL_VOWELS)


def _sound_keys(name: Name, variants: bool = True) -> tuple[list[str], set[str]]:
    """The name's romaji words, and its consonant skeletons as katakana and hanzi would keep them:
    katakana drops most r's that no vowel follows (Morgan モーガン); Chinese keeps some (Fisher 费舍尔).
    With `variants`, also as a soft g, a German z or a French silent end would sound."""
    tokens = [key for word in name_words(name.text) if (key := romaji_key(word))]
    joined = "".join(tokens)
    return tokens, english_keys(joined) if variants else {phonetic_key(joined), phonetic_key(joined, english=True)}


def _is_acronym(text: str) -> bool:
    return re.sub(r"['’]s$", "", text).replace(".", "").isupper()  # U.N., DOJ's


def romanised(name: Name, target: str, lang: str, reading_of_other: bool = False) -> tuple[Span, str] | None:
    """A CJK span whose reading spells the English name (or, for a person, the surname)."""
    tokens, phonetics = _sound_keys(name)
    if not tokens:
        return None
    # A skeleton of one consonant matches too much (Siso is s, Lawler r): keep each syllable's.
    short = max(map(len, phonetics)) < 2
    if short:
        phonetics = english_keys("".join(tokens), syllables=True)
    wanted = {"".join(tokens), "".join(reversed(tokens))}
    if name.label == "PERSON" and len(tokens) > 1:
        wanted.add(tokens[-1])  # the surname alone (later mentions, or an unusual given-name reading)
    # Kanji can spell only a Japanese name; for others the katakana runs are enough (and faster).
    kanji = lang != "ja" or all(HEPBURN.match(t) for t in tokens)
    # An acronym is spelled letter by letter or translated; it never sounds like a word (NHS is not 马西).
    acronym = _is_acronym(name.text)
    pieces = [p for p in readings(target, lang, kanji) if KANA_OR_HAN.match(p[0])]
    short_zh = lang != "ja" and min(map(len, phonetics)) <= 2
    best: tuple[float, Span, str] | None = None
    for i in range(len(pieces)):
        exact: Span | None = None
        joined = ""
        for k in range(i, min(i + 4, len(pieces))):
            if k > i and pieces[k][1] != pieces[k - 1][1] + len(pieces[k - 1][0]):
                break  # not adjacent
            joined += romaji_key(pieces[k][2])
            start, end = pieces[i][1], pieces[k][1] + len(pieces[k][0])
            span = Span(target[start:end], start, end)
            if joined in wanted and len(joined) >= 3:
                exact = span  # keep going: the full name beats the surname alone
            spelled = not acronym and (KATAKANA_RUN.match(span.text.replace("・", "")) if lang == "ja" else all(
                ch in TRANSLITERATION for ch in span.text) and not cuts_a_dotted_name(span, target))
            # A short skeleton in Chinese starts a transliteration, not inside one (吉利 of 英吉利
            # is not Calais).
            if not spelled or short_zh and start > 0 and target[start - 1] in TRANSLITERATION:
                continue
            candidates = {phonetic_key(joined, syllables=short)} if lang == "ja" else pinyin_keys(joined, short)
            for phonetic, candidate in product(phonetics, candidates):
                if lang != "ja" and joined[:1] in "yw" and name.text[:1] in "JWY" and phonetic[1:] == candidate:
                    phonetic = candidate  # pinyin's y / w onset stands for J, W, Y (约翰逊 Johnson)
                if lang != "ja" and joined[:1] == "q" and name.text[:1] == "Z" and phonetic[1:] == candidate[1:]:
                    phonetic = candidate  # and q for Z (齐克 Zeke, 齐默尔曼 Zimmerman)
                if len(phonetic) >= 2 and len(span.text) >= 2 and candidate[:1] == phonetic[:1]:
                    # Short skeletons must be equal; longer ones may differ by a consonant or so.
                    score = SequenceMatcher(None, candidate, phonetic).ratio() if len(phonetic) > 4 else float(
                        candidate == phonetic)
                    if score >= 0.85 and (best is None or score > best[0]):
                        best = (score, span, f"phonetic match {score:.2f}")
        if exact:
            return exact, "romanisation"
    if best:
        return best[1], best[2]
    # A Japanese name in Chinese text keeps its kanji (read them the Japanese way); a Chinese name
    # in Japanese text keeps its hanzi (read them as pinyin).
    other = "ja" if lang != "ja" else "zh"
    if not reading_of_other and re.search(r"[\u3400-\u9fff]", target):
        found = romanised(name, target, other, reading_of_other=True)
        if found and found[1] == "romanisation":
            return found[0], f"romanisation ({'Japanese' if other == 'ja' else 'Chinese'} reading)"
    return None


def _same_onset(key: str, english: str, reading: str, lang: str) -> bool:
    """Whether a transliteration starts with the English consonant class; pinyin blurs some:
    加 jia is Ga, 詹 zhan is Gen, 扎 zha is Za, and 约 yue is Jo."""
    if key[:1] == english[:1]:
        return True
    return lang != "ja" and (reading[:1] in "yw" or {key[:1], english[:1]} <= {"d", "g", "s"})


def in_dictionary(name: Name, lang: str) -> bool:
    """Whether a dictionary has a rendering of `name` (Arizona 亚利桑那): then a word that merely
    sounds near it does not explain its absence."""
    key = name.text.lower().removeprefix("the ")
    return bool(cedict_names().get(key) if lang != "ja" else jmdict_names().get(key) or jmnedict_names().get(key))


def sounds_near(name: Name, target: str, lang: str, taken: list[Span]) -> Span | None:
    """A transliterated word that no other name explains and whose consonants are near the
    name's (ratio 0.6, same first class): too weak to call the name preserved, enough to doubt
    that it is lost."""
    if _is_acronym(name.text):
        return None  # an acronym is spelled or translated, never sounded (UN is not ヤン)
    tokens, keys = _sound_keys(name, variants=False)
    wanted = keys - {""}
    runs = _KATAKANA_WORD.finditer(target) if lang == "ja" else _TRANSLITERATED_RUN.finditer(target)
    # A Chinese dictionary word is no sound-alike (巴基斯坦 for Brad Shields), unless it renders one
    # of the name's own words (帕特里克 of Patrick Campbell).
    own = set() if lang == "ja" else {f for word in name.text.lower().split() for f in cedict_forms(word, lang)}
    for m in runs:
        if any(s.start < m.end() and m.start() < s.end for s in taken) or m.group() in jmdict_loanwords() or (
                lang != "ja" and (folded := opencc_t2s().convert(m.group())) in cedict_words() and folded not in own):
            continue  # explained by another name, or a word of the language (アナリスト, ツイート, 巴基斯坦)
        word = _whole_dotted_name(m, target)
        reading = _kana_romaji(word.text) if lang == "ja" else pinyin(word.text)
        key = phonetic_key(reading)
        if any(key[:1] == w[:1] and SequenceMatcher(None, key, w).ratio() >= 0.6 for w in wanted):
            return word
        # A name of vowels, h, w and y has no skeleton (Yahya): its h, w and y are compared (叶海亚).
        if not wanted and re.sub("[aeiou]", "", reading) == re.sub("[aeiou]", "", "".join(tokens)):
            return Span(m.group(), m.start(), m.end())
    return None


_TRANSLITERATED_RUN = re.compile(f"[{TRANSLITERATION_CHARS}]{{3,}}")


def _whole_dotted_name(run: re.Match, target: str) -> Span:
    """The dotted name a run is one part of (クリス of クリス・ジョンウン), else the run: a part's
    sound belongs to that whole person, and the whole is what must sound near."""
    start, end = run.span()
    while start > 1 and DOTS.match(target[start - 1]) and _NAME_CHAR.match(target[start - 2]):
        start -= 1
        while start > 0 and _NAME_CHAR.match(target[start - 1]):
            start -= 1
    while end < len(target) - 1 and DOTS.match(target[end]) and _NAME_CHAR.match(target[end + 1]):
        end += 1
        while end < len(target) and _NAME_CHAR.match(target[end]):
            end += 1
    return Span(target[start:end], start, end)


_NAME_CHAR = re.compile(f"[\u30a1-\u30fa\u30fc{TRANSLITERATION_CHARS}]")


def surname_sounds(name: Name, target: str, lang: str) -> tuple[Span, str] | None:
    """A transliteration of a person's surname alone (卢卡申科 for Aleksander Lukashenko): the
    last resort, after the full name and its dotted rendering."""
    words = name_words(name.text)
    if name.label != "PERSON" or len(words) < 2:
        return None
    found = romanised(Name(words[-1], "PERSON", name.span), target, lang)
    return (found[0], f"{found[1]} (surname)") if found else None


# A consonant skeleton matches words that spell another name entirely (インド has Modi's, システム
# Sydney's): the learned transliteration scorer vetoes a match by sound that it rates below its
# 1%-false-match threshold by more than half a point (pipeline.fidelity.transliteration).
_VETO_MARGIN = 0.5


def spelled_well_enough(name: Name, found: tuple[Span, str]) -> bool:
    """Whether a match by a consonant skeleton (of the name or its surname) is one the learned
    scorer accepts; matches by dictionary or exact romanisation always are, and a dotted name was
    chosen by the learned score of its surname already."""
    span, evidence = found
    if "phonetic" not in evidence and not evidence.endswith("(surname)"):
        return True
    english = name_words(name.text)[-1] if evidence.endswith("(surname)") else name.text
    lang = "ja" if re.search(r"[\u3040-\u30ff]", span.text) else "zh"  # a Chinese name may be read in Japanese
    return transliteration.score(english, span.text, lang) >= transliteration.threshold(lang) - _VETO_MARGIN


def _learned_span(name: Name, target: str, lang: str, taken: list[Span], least: float,
                  doubt: bool = False) -> tuple[Span, float] | None:
    """The span of `target` that the learned scorer finds spelling the name (its surname for a
    person) with a score of at least `least`, outside spans other names took; never an acronym.
    With `doubt`, also for a name CC-CEDICT renders: a span that may be another rendering of it."""
    regional = lang == "zh-Hant" and name.label == "PERSON"
    if _is_acronym(name.text) or not re.search(r"[A-Za-z]{3}", name.text) or lang != "ja" and not (
            regional or doubt) and in_dictionary(name, lang):
        return None  # CC-CEDICT's rendering is the mainland's standard form: no sound-alike stands in. Not
        # so for a person in Traditional Chinese, whose Taiwan and Hong Kong renderings differ (納坦雅胡 for
        # 内塔尼亚胡 Netanyahu), nor in Japanese (JMnedict's katakana forms are some spellings among several),
        # nor as doubt: references write other forms (伊维萨 for Ibiza)
    words = name_words(name.text)
    if name.label == "PERSON" and len(words) > 1:
        tried = [words[-1]]
    else:
        # A place or body by its longest proper word: Lake Tahoe is 太浩湖, its "Lake" translated. A
        # "body" of two proper words and nothing else may be a person spaCy took for one, rendered by
        # the surname (Ebrahim Raisi, ライシ).
        proper = [w for w in words if w[:1].isupper() and w.lower() not in english_words()]
        tried = [max(proper, key=len)] if proper and len(words) > 1 else [name.text]
        if name.label == "ORG" and len(proper) == len(words) == 2 and words[-1] not in tried:
            tried.append(words[-1])
    # Other names' renderings are blanked out, not searched: the best span overall may be one of
    # theirs (希奇 of Mechichi's 梅希奇 for Saied) while this name's own (赛义德) is next best.
    free = _blank(target, taken)
    found, english = max(((transliteration.best_span(w, free, lang), w) for w in tried),
                         key=lambda pair: pair[0][2] if pair[0] else _FLOOR - 1)
    if not found or found[2] < least:
        return None
    span = Span(target[found[0]:found[1]], found[0], found[1])
    # Chinese writes a foreign name with transliteration characters: 系统 is no Sydney, 可能 no Ukraine.
    if lang != "ja" and not transliteration_characters(span.text):
        return None
    # Japanese spells every syllable: a span far shorter than e2k's katakana for the word is a
    # common word that shares its first sounds (パイ, マス), not Poland or Massie.
    if lang == "ja" and len(span.text) < _SHORTEST_SHARE * len(e2k_word(re.sub(r"[^a-z]", "", english.lower()))):
        return None
    return span, found[2]


def _blank(target: str, taken: list[Span]) -> str:
    """`target` with the renderings other names took, wherever they recur (ポートランド twice),
    replaced by line breaks of the same length, which no span of a search may hold or cross."""
    for text in sorted({t.text for t in taken if t.text}, key=len, reverse=True):
        target = target.replace(text, "\n" * len(text))
    return target


def transliteration_characters(text: str) -> bool:
    """Whether a Chinese span is written the way transliterations are: in characters of the
    transliteration tables but one (a place word, 汉普郡; a sound the tables lack, 太浩), or, when it
    is three or more long and no CC-CEDICT word, in characters that CC-CEDICT's transliterated names
    use (Taiwan's 柴契爾 for Thatcher, 史托騰柏格 for Stoltenberg)."""
    others = [ch for ch in text if ch not in TRANSLITERATION]
    if len(others) <= min(1, len(text) - 1):
        return True
    return len(text) >= 3 and opencc_t2s().convert(text) not in cedict_words() and all(
        transliteration.used_in_names(ch) for ch in others)


# The least share of e2k's katakana length that a learned Japanese rendering has (ブレア, ブリ).
_SHORTEST_SHARE = 0.6


def learned_rendering(name: Name, target: str, lang: str, taken: list[Span]) -> tuple[Span, str] | None:
    """A rendering the learned scorer finds above the stricter threshold of a search over a whole
    text: the name, transliterated as no dictionary lists it."""
    found = _learned_span(name, target, lang, taken, transliteration.span_threshold(lang))
    return (found[0], f"transliteration (learned, {found[1]:.2f})") if found else None


def learned_near(name: Name, target: str, lang: str, taken: list[Span]) -> Span | None:
    """A span of three characters or more that the learned scorer rates a possible spelling of the
    name (halfway between its 1%-false-match thresholds for a pair and for a search over a whole
    text, which tries many spans): doubt, not a loss. Not for a Japanese or Chinese person, whose
    kanji / hanzi are read, not transliterated (a place's or body's word may happen to have
    kanji forms in JMnedict: Ibiza)."""
    if name.label == "PERSON" and written_in_kanji(name.text):
        return None
    least = (transliteration.threshold(lang) + transliteration.span_threshold(lang)) / 2
    found = _learned_span(name, target, lang, taken, least, doubt=True)
    return found[0] if found and len(found[0].text) >= 3 else None


def unexplained_spelling(name: Name, target: str, lang: str, taken: list[Span]) -> Span | None:
    """A name of `target` that neither a source name nor a dictionary explains (a katakana word, a
    dotted or undotted transliteration: name_evidence.name_candidates) which the learned scorer
    rates a possible spelling of `name` at the 1%-false-match threshold of one pair (法赫法赫 for
    Fakhfakh). The candidate was found by its shape, not by trying spans against this name, so the
    pair threshold applies, not the stricter one of a search. For a person of several words, the
    surname against the candidate's last part: a first name alone is no evidence. A candidate a
    dictionary gives to some name (ジャンム, Jammu) is that name, not an unknown spelling of this one;
    a name a dictionary renders, or one with English words (EverGrow Coin), has surer evidence."""
    words = name_words(name.text)
    if (name.label == "PERSON" and written_in_kanji(name.text)) or _is_acronym(name.text) or not re.search(
            r"[A-Za-z]{3}", name.text) or in_dictionary(name, lang) or any(w.lower() in english_words() for w in words):
        return None
    person = name.label == "PERSON" and len(words) > 1
    least = transliteration.threshold(lang)
    best: tuple[float, Span] | None = None
    # Two hanzi suffice here (瓦迪 for Vardy): each candidate is scored against this one name, at the
    # threshold of one pair.
    for span in name_candidates(target, lang, shortest_run=2):
        if any(t.start < span.end and span.start < t.end for t in taken) or known_name_form(span.text, lang):
            continue
        parts = [p for p in DOTS.split(span.text) if p]
        if person:
            score = transliteration.score(words[-1], parts[-1], lang) if len(parts) > 1 else _FLOOR
            # The whole name may rank candidates, but only one whose surname spells the source's:
            # a matching first name lifts the average over any surname (コナー・マーフィー is no
            # Conor O'Mahony).
            if len(parts) == len(words) and score >= least:
                score = max(score, transliteration.score(name.text, span.text, lang))
        else:
            score = transliteration.score(name.text, span.text, lang)
        if score >= least and (best is None or score > best[0]):
            best = score, span
    return best[1] if best else None


def given_name_alone(name: Name, target: str, lang: str, taken: list[Span]) -> Span | None:
    """A person's first name rendered on its own, as a name no source word explains (テドロス for
    Tedros Adhanom Ghebreyesus: some peoples are called by it): a form the dictionaries give the
    first name, or one they give no name that the learned scorer rates a spelling of it. Never a
    part of a dotted name (クリスティアーニ・ with its surname gone) or of a longer transliteration
    (罗斯 of 弗罗斯特), never an English word (Makeshift Munster): doubt, not a match."""
    words = name_words(name.text)
    if name.label != "PERSON" or len(words) < 2 or written_in_kanji(name.text) or not re.fullmatch(
            r"[A-Z][a-z]{2,}", words[0]) or words[0].lower() in english_words():
        return None
    first = words[0].lower()
    forms = set(jmnedict_names().get(first, ()) if lang == "ja" else cedict_forms(first, lang))  # zh-Hant: 希拉蕊
    least = transliteration.threshold(lang)
    for span in name_candidates(target, lang):
        if DOTS.search(span.text) or any(t.start < span.end and span.start < t.end for t in taken) or (
                _inside_a_longer_name(span, target, lang)):
            continue
        if span.text in forms or not known_name_form(span.text, lang) and (
                transliteration.score(words[0], span.text, lang) >= least):
            return span
    return None


def _inside_a_longer_name(span: Span, target: str, lang: str) -> bool:
    """Whether a span runs on into a dot or, in Chinese, into more transliteration characters."""
    before, after = target[span.start - 1:span.start], target[span.end:span.end + 1]
    if DOTS.match(before) or DOTS.match(after):
        return True
    return lang != "ja" and (before in TRANSLITERATION or after in TRANSLITERATION)
