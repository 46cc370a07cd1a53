"""Evidence about names beyond an exact match: a rendering near a dictionary's, a name translated by
meaning, a wrong name in front of a kept English one, and names the source does not have.

These decide severity (pipeline.fidelity.names): an error needs positive evidence that a name is
lost or wrong; a rendering that no rule can verify, but that may well be right, is a warning.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from pipeline.fidelity.dictionaries import (
    all_regional_forms,
    cedict_entries,
    cedict_forms,
    cedict_glosses,
    cedict_names,
    cedict_words,
    cldr_cities,
    cldr_names,
    opencc_t2s,
)
from pipeline.fidelity.facts import Name, Span
from pipeline.fidelity.figures_cjk import CURRENCIES
from pipeline.fidelity.figures_en import MONTH_NAMES, WEEKDAYS
from pipeline.fidelity.glossary import Glossary
from pipeline.fidelity.jmdict import (
    english_words,
    jmdict_glosses,
    jmdict_loanwords,
    jmdict_names,
    jmnedict_names,
    jmnedict_people,
    proper_noun_only,
)
from pipeline.fidelity.lemmas import STOPWORDS, english_stems
from pipeline.fidelity.names_dotted import name_words
from pipeline.fidelity.names_en import NOT_PEOPLE, ORG_WORDS, body_other_order
from pipeline.fidelity.romanise import KATAKANA_RUN, TRANSLITERATION, pinyin
from pipeline.fidelity.transliteration_units import DOTS

# A rendering this near a dictionary's (characters, or for Chinese their sounds) is a variant of
# it: 赫尔伯特 / 赫伯特 (Herbert), 国土安全部 / 国土安全局, 欧州会議 / 欧州議会, 波特兰 / 波特兰市.
NEAR = 0.75


def dictionary_forms(name: Name, lang: str, glossary: Glossary) -> list[str]:
    """Every rendering a glossary or dictionary gives `name` in `lang` (3 characters or more:
    shorter ones are too often one character off another word)."""
    key = name.text.lower().removeprefix("the ")
    forms: set[str] = set()
    if entry := glossary.lookup(name.text):
        forms |= set(entry.listed(lang))
    forms |= set(cldr_names().get(key, {}).get(lang, ()))
    forms |= cedict_forms(key, lang)  # in zh-Hant also 马克宏 (Taiwan) beside 马克龙
    if lang == "ja":
        forms |= jmdict_names().get(key, set()) | jmnedict_names().get(key, set())
        if other_order := body_other_order(key):
            forms |= jmnedict_names().get(other_order, set())  # 東京大学 for the University of Tokyo
    else:
        forms = {f for f in forms if not KATAKANA_RUN.match(f)}
    # Katakana spellings have their own variant matching (names_sound._katakana_variant, e2k): by
    # characters, アフリカ is as near アメリカ as 欧州会議 is to 欧州議会.
    return sorted((f for f in forms if len(f) >= 3 and not KATAKANA_RUN.match(f)), key=len, reverse=True)


def near_form(target: str, forms: list[str], lang: str) -> tuple[Span, str] | None:
    """A span of `target` within one character of length of a dictionary form and at least NEAR
    alike, by characters or, in Chinese, by their sounds; with the form it is near."""
    if not forms:
        return None
    folded = opencc_t2s().convert(target) if lang != "ja" else target
    if len(folded) != len(target):
        folded = target
    for form in forms:
        plain = opencc_t2s().convert(form) if lang != "ja" else form
        sounds = _sounds(plain) if lang != "ja" else None
        # One character more or, for a form of four or more, one fewer: never under three.
        for size in (len(plain), len(plain) + 1, *((len(plain) - 1,) if len(plain) >= 4 else ())):
            for start in range(0, len(folded) - size + 1):
                window = folded[start:start + size]
                if window[0] != plain[0] and (sounds is None or _sounds(window[0]) != sounds[:1]):
                    continue  # a variant keeps the first character or its sound
                alike = SequenceMatcher(None, window, plain).ratio()
                if sounds is not None and alike < NEAR:
                    alike = SequenceMatcher(None, _sounds(window), sounds).ratio()
                if alike >= NEAR:
                    return Span(target[start:start + size], start, start + size), form
    return None


@lru_cache(maxsize=8192)
def _sounds(text: str) -> tuple[str, ...]:
    return tuple(pinyin(ch) for ch in text)


def meaning_words(name: Name, target: str, lang: str) -> list[str]:
    """The dictionary translations of the name's own words, found close together in `target`,
    when two or more and at least half of its content words have one there (British Airways
    英国航空公司, Golden Boot 金靴奖): a body, place or prize translated by meaning. Never for a
    person, nor for a one-word name (a single word's gloss is too often elsewhere: Germany is in
    the gloss of 首相 "chancellor (Germany)")."""
    if name.label == "PERSON":
        return []
    words = [w for w in re.findall(r"[a-z]{3,}", name.text.lower()) if w not in STOPWORDS]
    if len(words) < 2:
        return []
    index = jmdict_glosses(STOPWORDS) if lang == "ja" else cedict_glosses(STOPWORDS)
    folded = target if lang == "ja" else opencc_t2s().convert(target)
    found: list[tuple[int, str]] = []
    for word in words:
        forms = {word, *english_stems([word])}
        renderings = sorted({r for f in forms for r in index.get(f, ()) if len(r) >= 2}, key=len, reverse=True)
        if hit := next((r for r in renderings if r in folded), None):
            found.append((folded.find(hit), hit))
    if len(found) < 2 or 2 * len(found) < len(words):
        return []
    # One name's words stand together: within a few characters of each other.
    found.sort()
    span = found[-1][0] + len(found[-1][1]) - found[0][0]
    if span > sum(len(hit) for _, hit in found) + 4 * (len(found) - 1):
        return []
    return list(dict.fromkeys(hit for _, hit in found))


def no_word_translated(name: Name, target: str, lang: str) -> bool:
    """Whether a body or place of two or more content words, each of which the dictionary can
    translate, has none of them translated in `target` (Freedom Caucus, and neither 自由 nor 党团):
    what a body translated by meaning leaves behind is gone too."""
    if name.label == "PERSON" or name.text.isupper():
        return False
    words = [w for w in re.findall(r"[a-z]{3,}", name.text.lower()) if w not in STOPWORDS]
    if len(words) < 2:
        return False
    index = jmdict_glosses(STOPWORDS) if lang == "ja" else cedict_glosses(STOPWORDS)
    folded = target if lang == "ja" else opencc_t2s().convert(target)
    for word in words:
        renderings = {r for f in {word, *english_stems([word])} for r in index.get(f, ())}
        if not renderings or any(r in folded for r in renderings):
            return False
    return True


_BRACKETED = re.compile(r"[（(]\s*$")
_CJK_BEFORE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff·•・‧]{2,12}$")


def text_before_bracket(target: str, span: Span) -> Span | None:
    """The CJK run right before a bracketed Latin name (森友茂（Yokoyama）): what the translation
    offers as the name's rendering, the English being a gloss of it."""
    before = target[:span.start]
    if not (bracket := _BRACKETED.search(before)):
        return None
    run = _CJK_BEFORE.search(before[:bracket.start()])
    return Span(run.group(), run.start(), run.end()) if run else None


# Names a translation may hold without the source: dotted full names (ジョン・スミス, 约翰·史密斯)
# and Japanese katakana words that are no loanword of the dictionary.
_SOUNDS = "".join(sorted(TRANSLITERATION))
_DOTTED = {"ja": re.compile(r"[\u30a1-\u30fa\u30fc]{2,}(?:[・=＝][\u30a1-\u30fa\u30fc]{2,})+"),
           "zh": re.compile(f"[{_SOUNDS}]{{1,5}}(?:[·•・‧][{_SOUNDS}]{{1,6}})+")}
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]{3,}(?:[・=＝][\u30a1-\u30fa\u30fc]+)*")
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|de|van|von|al|bin)?\s*[A-Z][\w'’.-]*)*")


_NUMBER_BEFORE = re.compile(r"[0-9０-９〇一二三四五六七八九十百千万億]\s?$")


@lru_cache(maxsize=256)  # the added names and two kinds of doubt read the same target
def name_candidates(target: str, lang: str, shortest_run: int = 3) -> tuple[Span, ...]:
    """Spans of `target` that look like a name written out: dotted full names, in Japanese
    katakana words that are no loanword, in Chinese CC-CEDICT's proper nouns and runs of at least
    `shortest_run` transliteration hanzi. Countries are left out: a translation names the country of
    a minister or a capital that the English leaves implicit."""
    spans = [Span(m.group(), m.start(), m.end()) for m in _DOTTED["ja" if lang == "ja" else "zh"].finditer(target)]
    countries = _country_forms(lang)
    if lang == "ja":
        loanwords = jmdict_loanwords()
        for m in _KATAKANA.finditer(target):
            word = m.group()
            inside = any(s.start <= m.start() and m.end() <= s.end for s in spans)
            vocabulary = (word in loanwords or word.rstrip("ー") in loanwords) and not proper_noun_only(word)
            # A word right after a number is its unit (100メートル, 5マイル), whatever the dictionary says.
            unit = _NUMBER_BEFORE.search(target, 0, m.start()) is not None
            if not inside and not vocabulary and not unit and word not in countries:
                spans.append(Span(word, m.start(), m.end()))
    if lang == "ja":
        # JMdict's proper nouns in kanji are mostly offices and bodies (官房長官, 外務省): no names.
        return tuple(sorted(spans, key=lambda s: s.start))
    proper = _proper_nouns()
    folded = target if lang == "ja" else opencc_t2s().convert(target)
    at = 0
    while at < len(folded):
        size = next((n for n in range(6, 1, -1) if folded[at:at + n] in proper), 0)
        if size and folded[at:at + size] not in countries and not any(
                s.start < at + size and at < s.end for s in spans):
            spans.append(Span(target[at:at + size], at, at + size))
        at += size or 1
    # An undotted transliteration that no dictionary lists (肖尔茨, 叶海亚): `shortest_run` or more
    # hanzi in a row of those transliterations use, forming no CC-CEDICT word.
    for m in _SOUND_RUN.finditer(folded):
        start, end = _within_words(folded, m.start(), m.end())
        if end - start >= shortest_run and folded[start:end] not in cedict_words() and not any(
                s.start < end and start < s.end for s in spans):
            spans.append(Span(target[start:end], start, end))
    return tuple(sorted(spans, key=lambda s: s.start))


def _within_words(folded: str, start: int, end: int) -> tuple[int, int]:
    """A run of transliteration hanzi without an edge character that belongs to a word of the
    language across that edge: 瓦迪 of 瓦迪本人 ("oneself"), as a name ends where a word of the sentence
    opens. Words of the language only (a sense in lower case): CC-CEDICT's places make words of
    almost any two characters (西和 of 佩洛西和 is a county)."""
    words = common_words()
    if end - start > 1 and any(folded[end - 1:end - 1 + n] in words for n in range(2, 5) if end - 1 + n <= len(folded)):
        end -= 1
    if end - start > 1 and any(folded[start - n + 1:start + 1] in words for n in range(2, 5) if start - n + 1 >= 0):
        start += 1
    return start, end


def known_name_form(form: str, lang: str) -> bool:
    """Whether a dictionary gives `form` to some name: JMnedict, JMdict or CLDR for Japanese,
    CC-CEDICT or CLDR for Chinese."""
    if lang == "ja":
        return form in _japanese_name_forms()
    folded = opencc_t2s().convert(form)
    return folded in _cedict_forms() or folded in _country_forms("zh-Hans") or folded in _country_forms("zh-Hant")


def is_country_form(form: str, lang: str) -> bool:
    """Whether CLDR names a territory `form` in `lang` (ロシア, 俄罗斯)."""
    return form in _country_forms(lang)


@lru_cache(maxsize=1)
def _japanese_name_forms() -> frozenset[str]:
    forms = {f for table in (jmnedict_names(), jmdict_names()) for by_name in table.values() for f in by_name}
    return frozenset(forms | _country_forms("ja"))


@lru_cache(maxsize=1)
def _currency_words() -> frozenset[str]:
    """Currencies' names (美元 "US dollar" is a proper noun in CC-CEDICT): what "$5" becomes, no name."""
    return frozenset(form for pattern, _ in CURRENCIES for form in pattern.split("|") if form.isalpha())


_SOUND_RUN = re.compile(f"[{_SOUNDS}]{{2,}}")

# The words a body's name ends with (途易集团, 公職人員環境責任協会): a word for a body. The
# one-character ones also end people's names (阿部, 服部) and are only taken after other words.
_BODY_WORDS = {
    "zh": "组织|协会|学会|委员会|基金会|联盟|联合会|中心|研究所|研究院|公司|集团|机构",
    "ja": "組織|協会|学会|委員会|基金|連盟|連合|センター|研究所|会社|グループ|機関|機構",
}
_ONE_CHARACTER_BODIES = {"zh": "局|署|部|会|党|院|社|团|所", "ja": "局|庁|省|部|会|党|院|社|団|所"}
BODY_SUFFIX = {lang: re.compile(f"(?:{words}|{_ONE_CHARACTER_BODIES[lang]})") for lang, words in _BODY_WORDS.items()}
BODY_ENDING = {lang: re.compile(f"(?:{words})$") for lang, words in _BODY_WORDS.items()}


_LEADING_NOTE = re.compile(r"^\s*(?:\([^)]*\)\s*)*")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """CC-CEDICT's headwords (Simplified) with a sense in lower case: words of the language (问题
    "question"), whether or not also names; a note in brackets before the sense does not make one
    (贸易 "(commercial) trade")."""
    return frozenset(e["simplified"] for e in cedict_entries()
                     if any(_LEADING_NOTE.sub("", d)[:1].islower() for d in e["definitions"]))


@lru_cache(maxsize=1)
def _proper_nouns() -> frozenset[str]:
    """CC-CEDICT's proper nouns, two to six hanzi (Simplified), currencies' names apart, and days and
    months, which English capitalises (周六 "Saturday") and no one calls a name."""
    common = common_words()
    calendar = {*WEEKDAYS, *(m.lower() for m in MONTH_NAMES)}
    return frozenset(f for head, forms in cedict_names().items() if head not in calendar for f in forms
                     if 2 <= len(f) <= 6 and f not in common and not KATAKANA_RUN.match(f)
                     and re.fullmatch(r"[\u3400-\u9fff]+", f)) - _currency_words()


def is_region_form(form: str, lang: str) -> bool:
    """Whether CLDR names a continent or a region of the world `form` in `lang` (欧洲, 东南亚): what
    an English adjective (European) or a region's country becomes in a translation."""
    return form in _region_forms(lang)


@lru_cache(maxsize=3)
def _region_forms(lang: str) -> frozenset[str]:
    from babel import Locale

    locale = Locale.parse({"ja": "ja", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant_HK"}[lang])
    forms = {name for code, name in locale.territories.items() if code.isdigit()}
    return frozenset(forms | {opencc_t2s().convert(f) for f in forms} if lang != "ja" else forms)


@lru_cache(maxsize=3)
def _country_forms(lang: str) -> frozenset[str]:
    forms = {f for by_lang in cldr_names().values() for f in by_lang.get(lang, ())}
    return frozenset(forms | {opencc_t2s().convert(f) for f in forms} if lang != "ja" else forms)


def e2k_rendering(name: Name, target: str) -> tuple[Span, str] | None:
    """A katakana word of a Japanese `target` that spells like e2k's transliteration of the name's
    last word (イージージェット for EasyJet, e2k イージジェット): a learned transliteration (e2k, trained
    on Wiktionary and JMdict) that knows spellings no dictionary lists. Ratio 0.75 on kana with
    small vowels and long marks folded, as one name's spellings vary that much."""
    if name.label == "PERSON":
        # A person goes by the surname, vocabulary or not (Young, Martin): the first name alone
        # (トーマス for Thomas Young) is given_name_alone's weaker evidence.
        words = [w for w in re.findall(r"[A-Za-z]+", name_words(name.text)[-1]) if len(w) >= 3]
    else:
        # The name's own words: a vocabulary word's katakana is a loanword found anywhere (Coin コイン).
        words = [w for w in re.findall(r"[A-Za-z]+", name.text) if len(w) >= 3 and w.lower() not in english_words()]
    if not words or name.text.replace(".", "").isupper():
        return None  # an acronym is spelled out or translated, never transliterated as a word
    wanted = _fold_kana(e2k_word(words[-1].lower()))
    for m in _KATAKANA.finditer(target):
        for part in re.split("[・=＝]", m.group()):
            if len(part) >= 2 and SequenceMatcher(None, _fold_kana(part), wanted).ratio() >= 0.75:
                at = m.start() + m.group().find(part)
                return Span(part, at, at + len(part)), e2k_word(words[-1].lower())
    return None


_SMALL = str.maketrans("ァィゥェォッャュョ", "アイウエオツヤユヨ", "ー・")


def _fold_kana(text: str) -> str:
    return text.translate(_SMALL)


@lru_cache(maxsize=8192)
def e2k_word(word: str) -> str:
    """e2k's katakana for one English word (lower case, letters only)."""
    return _e2k()(word)


@lru_cache(maxsize=1)
def _e2k():
    from e2k import C2K

    return C2K()


_BODY_KINDS = {"department", "bureau", "administration", "commission", "authority", "service", "organization",
               "organisation", "institution", "federation"}


def glossed_in_source(span: Span, source: str, lang: str) -> bool:
    """Whether the source says, in lower case, what a dictionary's proper noun means (商务部,
    "Ministry of Commerce", for "the commerce ministry"): every content word of one of its English
    heads is in the source."""
    if lang == "ja":
        return False
    words = set(re.findall(r"[a-z]+", source.lower()))
    words |= {w[:-1] for w in words if w.endswith("s")}
    form = opencc_t2s().convert(span.text)
    return any(heads and heads <= words for heads in _cedict_heads().get(form, ()))


@lru_cache(maxsize=1)
def _cedict_heads() -> dict[str, list[frozenset[str]]]:
    """CC-CEDICT proper noun → the content words of each English head it renders."""
    # A body's kind (department, ministry) is said many ways: its distinctive words decide.
    return {form: [frozenset(w for w in re.findall(r"[a-z]+", head) if w not in STOPWORDS
                             and not ORG_WORDS.fullmatch(w) and w not in _BODY_KINDS) for head in heads]
            for form, heads in _cedict_forms().items()}


def another_persons_name(rendering: str, name: str, lang: str) -> bool:
    """Whether a Chinese `rendering` is CC-CEDICT's proper noun for someone else: every English head
    it has shares no word with `name` (马英九 is Ma Ying-jeou, not Barack Obama). A rendering the
    dictionary lacks proves nothing."""
    if lang == "ja":
        return False
    heads = [head for head in cedict_names_of(opencc_t2s().convert(rendering)) if _names_someone(head)]
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
    return bool(heads) and all(not set(re.findall(r"[a-z]+", head)) & words for head in heads)


def another_place_or_body(run: str, name: str, lang: str) -> str | None:
    """The dictionary name of a place, body or country that ends `run` as a word of its own (记者巴西,
    议长雅典: a title or word before it, not a transliteration going on) and shares no word, in any
    spelling, with `name`: what readers read before a person's bracketed English is something else.
    CC-CEDICT's proper nouns and CLDR's territories and cities for Chinese; CLDR's only for
    Japanese, whose katakana dictionaries give places and people the same spellings."""
    folded = run if lang == "ja" else opencc_t2s().convert(run)
    words = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", name))
    for size in range(min(6, len(folded)), 1, -1):
        form, before = folded[-size:], folded[-size - 1:-size]
        if before and (before in _SOUNDS or DOTS.match(before) or KATAKANA_RUN.match(before)):
            continue  # a longer name may go on before it (马哈茂凯利)
        heads = _place_or_body_heads(form, lang)
        if not heads and lang != "ja" and len(form) > 2 and form[-1] in _PLACE_KIND:
            heads = _place_or_body_heads(form[:-1], lang)
        if heads and not any(_near_word(w, words) for head in heads for w in re.findall(r"[a-z]+", head.lower())):
            return run[-size:]
    return None


def _place_or_body_heads(form: str, lang: str) -> list[str]:
    """The English names CLDR (places) and, for Chinese, CC-CEDICT (proper nouns) give `form`. A form
    with a sense in lower case is a word too (丈夫 "husband"), and a head of English words only may
    be a title (太后 "Empress Dowager"), unless its head word says it is a place or a body (国会山
    "Capitol Hill", 国际特赦组织 "Amnesty International"), and a personal name (路易斯 "Louis or
    Lewis (name)") is no place or body: none of them counts."""
    heads = _places(lang).get(form, [])
    if lang != "ja" and form in _proper_nouns() and form not in _personal_names():
        heads = heads + [h for h in cedict_names_of(form) if _names_someone(h) or _place_or_body_head(h)]
    return heads


# English head nouns of places and bodies, which no title ends with: a body's (ORG_WORDS,
# _BODY_KINDS), a place's or a landmark's (NOT_PEOPLE), and those of legislatures and of
# international bodies.
_MORE_HEADS = re.compile(r"\b(?:hill|house|international|nations|parliament|congress|senate|assembly)\b", re.I)


def _place_or_body_head(head: str) -> bool:
    return bool(ORG_WORDS.search(head) or NOT_PEOPLE.search(head) or _MORE_HEADS.search(head)
                or _BODY_KINDS.intersection(head.lower().split()))


_PERSONAL_NAME = re.compile(r"\(name\)$|^surname\b", re.I)


@lru_cache(maxsize=1)
def _personal_names() -> frozenset[str]:
    """CC-CEDICT forms whose every sense is a personal name or surname (史密斯 "Smith (name)")."""
    return frozenset(e["simplified"] for e in cedict_entries()
                     if all(_PERSONAL_NAME.search(d) for d in e["definitions"]))


# A place's kind after its name (波特兰市 "Portland city", 俄勒冈州): the name is the dictionary's.
_PLACE_KIND = "市州县縣省郡岛島"


@lru_cache(maxsize=3)
def _places(lang: str) -> dict[str, list[str]]:
    """CLDR's territories and cities in `lang` (Chinese folded to Simplified) → their English names."""
    index: dict[str, list[str]] = {}
    for english, by_lang in [*cldr_names().items(), *cldr_cities().items()]:
        for form in by_lang.get(lang, ()):
            index.setdefault(form if lang == "ja" else opencc_t2s().convert(form), []).append(english)
    return index


def names_another_person(span: Span, target: str, source: str, lang: str) -> bool:
    """Whether a dictionary says an added name of the translation is a person's and the source
    names none of its English: JMnedict's persons, surnames and given names (Japanese); CC-CEDICT's
    people, whose definitions give a life's years or say "(name)" right after the name (Chinese).
    The reverse of a missing name with a dictionary's rendering: positive evidence that the
    translation names someone the source does not. Places and bodies stay doubt: translators name
    the state of a city or the country of a team that the English leaves implicit. A form no
    dictionary reads proves nothing, nor does a Chinese span that may be part of a longer word."""
    if lang != "ja" and part_of_longer_word(span, target):
        return False
    surname = DOTS.split(span.text)[-1]  # バイデン of ジョー・バイデン
    key = surname if lang == "ja" else opencc_t2s().convert(surname)
    heads = _person_heads("ja" if lang == "ja" else "zh").get(key)
    if not heads:
        return False
    words = _content_words(source)
    return not any(_near_word(w, words) for head in heads for w in _content_words(head))


_HANZI = re.compile(r"[\u3400-\u9fff]")

# Words that join or follow a name without being part of it: 史密斯和拜登, 史密斯的, 史密斯在.
_JOINING = frozenset("和与及或的是在对向为被将把从跟同说表称")


def part_of_longer_word(span: Span, target: str) -> bool:
    """Whether a Chinese span may be a piece of a longer word: a transliteration or dotted name
    going on (贝尔 of 贝尔博克, 沃尔夫 of 沃尔夫汉普顿) or a dictionary word across its edge (多利
    of 更多利润)."""
    folded = opencc_t2s().convert(target)
    before, after = folded[max(0, span.start - 1):span.start], folded[span.end:span.end + 1]
    if any(c and (c in TRANSLITERATION or DOTS.match(c)) for c in (before, after)):
        return True
    words = cedict_words()
    if DOTS.search(span.text):
        # Its dots mark it out (和约翰·史密斯 is no 和约), but hanzi on either side may be more of the
        # name (史蒂芬•姆 of 史蒂芬•姆努钦, 德•库雷西 of 马哈茂德•库雷西) unless a word ends or
        # begins there (记者和约翰·史密斯周一).
        ends_before = not _HANZI.match(before) or before in _JOINING or any(
            folded[span.start - n:span.start] in words for n in (2, 3, 4) if span.start >= n)
        begins_after = not _HANZI.match(after) or after in _JOINING or any(
            folded[span.end:span.end + n] in words for n in (2, 3, 4))
        return not (ends_before and begins_after)
    return any(folded[i:j] in words for i in range(max(0, span.start - 3), span.start)
               for j in range(span.start + 1, span.end)) or any(
        folded[i:j] in words for i in range(span.start + 1, span.end) for j in range(span.end + 1, span.end + 4))


def _near_word(word: str, words: frozenset[str]) -> bool:
    """Whether `word` or a spelling of it is among `words`: dictionaries spell names their own way
    (CC-CEDICT's Anthony for a translation of Antoine, Kiev for Kyiv)."""
    return word in words or len(word) >= 4 and any(
        len(w) >= 4 and SequenceMatcher(None, word, w).ratio() >= _NEAR_SPELLING for w in words)


# Two spellings of one name: Anthony / Antoine, Kiev / Kyiv.
_NEAR_SPELLING = 0.7


@lru_cache(maxsize=256)  # the article's text comes again with each of its segments
def _content_words(text: str) -> frozenset[str]:
    return frozenset(english_stems([w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS]))


# "Joe Biden (1942-)", "Blair (name)": a name whose life or kind follows it (not "Shangdu, summer
# capital of the Yuan Dynasty (1279-1368)").
_LIFE_OR_NAME = re.compile(r"^[^,;(]+\((?:\d{3,4}\s*-\s*(?:\d{3,4})?|(?:person |family |given )?name)\)")

# Definitions that are notes, not senses: a classifier, a cross-reference.
_NOTE = re.compile(r"(?:CL:|see |variant of |also written |abbr\. for |old variant of )", re.IGNORECASE)


@lru_cache(maxsize=2)
def _person_heads(script: str) -> dict[str, list[str]]:
    """Person's name form → its English heads (lower case): Chinese from CC-CEDICT's definitions
    ("Joe Biden (1942-), US president", "Blair (name)"), Japanese from JMnedict; forms with a
    sense of another kind left out."""
    if script == "ja":
        return {form: sorted(glosses) for form, glosses in jmnedict_people().items()}
    # A form with any other sense (巴里 is Bari in Puglia too) names no person for sure.
    index: dict[str, list[str]] = {}
    other: set[str] = set()
    for entry in cedict_entries():
        for definition in entry["definitions"]:
            if _LIFE_OR_NAME.match(definition):
                index.setdefault(entry["simplified"], []).append(definition[:definition.index("(")].strip().lower())
            elif not _NOTE.match(definition):
                other.add(entry["simplified"])
    return {form: heads for form, heads in index.items() if len(form) > 1 and form not in other}


_LIFE = re.compile(r"^(?P<name>(?:[A-Z][\w'-]* )+(?P<surname>[A-Z][\w'-]+)) \(\d{3,4}\s*-")


@lru_cache(maxsize=1)
def dictionary_surnames() -> frozenset[str]:
    """The surnames (lower case) of the people CC-CEDICT gives a life to ("Donald Trump (1946-)":
    trump): a one-word mention of one is a person's name, even where the word is English too."""
    return frozenset(m["surname"].lower() for entry in cedict_entries() for definition in entry["definitions"]
                     if (m := _LIFE.match(definition)))


def _names_someone(head: str) -> bool:
    """Whether a CC-CEDICT head is a name (barack obama, ma ying-jeou), not a common noun phrase
    (empress dowager): a word outside the dictionaries' English, or a hyphenated romanised name."""
    vocabulary = english_words()
    return "-" in head or any(w not in vocabulary for w in re.findall(r"[a-z]+", head))


@lru_cache(maxsize=1)
def _cedict_forms() -> dict[str, list[str]]:
    """CC-CEDICT proper noun (Simplified) → the English heads it renders, with its Taiwan and Hong
    Kong forms (普丁 Putin, 贝理雅 Blair: dictionaries.all_regional_forms)."""
    index: dict[str, list[str]] = {}
    for head, forms in cedict_names().items():
        for form in forms:
            index.setdefault(form, []).append(head)
    regional = {other: form for form, others in all_regional_forms(tuple(index)).items() for other in others}
    for other, form in regional.items():
        if other not in index:
            index[other] = list(index[form])
    return index


def cedict_names_of(form: str) -> list[str]:
    """The English heads CC-CEDICT gives a Simplified proper noun."""
    return _cedict_forms().get(form, [])


def source_name_runs(source: str) -> list[str]:
    """Capitalised runs of the English (names, and words that open a sentence): what may explain a
    name of the translation."""
    # A possessive ends a name (Ladakh's Kargil is two).
    return [run.strip() for m in _CAPITALISED.finditer(source) for run in _POSSESSIVE.split(m.group()) if run.strip()]


_POSSESSIVE = re.compile(r"['’]s\b")


def written_in_kanji(text: str) -> bool:
    """Whether a person's name is Japanese or Chinese, written in kanji / hanzi in both languages:
    every word a Japanese name with kanji forms in JMnedict (Sanae Takaichi 高市早苗), or every
    word pinyin (Mao Ning 毛寧, Xi Jinping)."""
    keys = [w.lower() for w in text.split()]
    return bool(keys) and (all(_has_kanji_form(k) for k in keys) or all(_is_pinyin(k) for k in keys))


def _has_kanji_form(word: str) -> bool:
    return any(not KATAKANA_RUN.match(f) for f in jmnedict_names().get(word, ()))


def _is_pinyin(word: str) -> bool:
    """Whether `word` splits into pinyin syllables (jinping = jin + ping), as Chinese names do. Pinyin
    marks a syllable that starts with a, e or o inside a word with an apostrophe (Xi'an), so no
    syllable but the first starts with one: Dean (de-an) and Leon (le-on) are no pinyin."""
    syllables = _pinyin_syllables()
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(j in ends and word[j:i] in syllables and (j == 0 or word[j] not in "aeo")
               for j in range(max(0, i - 6), i)):
            ends.add(i)
    return len(word) in ends


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows, without the lone nasals (n, ng, m, hm) that
    would let any English word end in one."""
    from pypinyin.pinyin_dict import pinyin_dict

    folded = {unicodedata.normalize("NFKD", reading).encode("ascii", "ignore").decode()
              for readings in pinyin_dict.values() for reading in readings.split(",")}
    return frozenset(s for s in folded if s not in {"n", "ng", "m", "hm", "hng", ""})
