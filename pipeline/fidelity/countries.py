"""Countries written the short way (英独仏, 訪米, 中美, 俄军) and capitals standing for their governments.

Written by hand: CLDR (babel) has each country's full name only, and the dictionaries list these
single characters among their everyday senses (独 "alone", 法 "law", 美 "beautiful"), so a
bare lookup would find them everywhere. News style uses them in fixed contexts, which we check.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache

from pipeline.fidelity.romanise import KATAKANA_RUN

# One-character abbreviations per territory code, as Japanese and Chinese newspapers write them
# (Chinese writes China 中 among other countries, 中美, and 华 after a verb, 访华, 驻华).
ABBREVIATIONS = {
    "ja": {"US": "米", "GB": "英", "DE": "独", "FR": "仏", "RU": "露", "CN": "中", "JP": "日", "KR": "韓",
           "IT": "伊", "CA": "加", "AU": "豪", "IN": "印", "ES": "西", "NL": "蘭", "PK": "パ"},
    "zh": {"US": "美", "GB": "英", "DE": "德", "FR": "法", "RU": "俄", "CN": "中华", "JP": "日", "KR": "韩",
           "IT": "意", "CA": "加", "AU": "澳", "IN": "印", "ES": "西", "NL": "荷", "UA": "乌", "PK": "巴"},
}
# What follows (米政府, 独外相, 俄军, 美方) or precedes (訪米, 驻美, 对华) an abbreviation in news.
_AFTER = {
    "ja": "国|政府|軍|側|外相|首相|大統領|国務|国防|財務|商務|当局|紙|企業|大使|議会|経済|産|製|系|代表|首脳|外務|連邦",
    "zh": "方|军|軍|国|國|政府|总统|總統|外长|外長|首相|总理|總理|官员|官員|媒|企|籍|关系|關係|两国|兩國",
}
_BEFORE = {"ja": "訪|駐|対|在|来|離|滞", "zh": "访|訪|驻|駐|对|對|赴|抵|旅"}
# English names spaCy finds for countries, besides CLDR's own ("Germany", "United States").
_ALIASES = {"u.s.": "US", "us": "US", "usa": "US", "america": "US", "britain": "GB",
            "great britain": "GB", "england": "GB", "uk": "GB", "u.k.": "GB", "korea": "KR",
            "south korea": "KR", "russia": "RU", "china": "CN", "japan": "JP", "hong kong": "HK"}
# A capital or seat of government named for its government ("Washington has repeatedly said",
# "Paris accused Canberra", "the Kremlin denies" → ロシア政府は否定); Capitol Hill for Congress,
# Brussels for the European Union (欧盟, ＥＵ), as news uses it.
CAPITALS = {"kremlin": "RU", "white house": "US", "capitol hill": "US", "downing street": "GB", "westminster": "GB",
            "whitehall": "GB", "elysee": "FR", "élysée": "FR", "zhongnanhai": "CN",
            "washington": "US", "london": "GB", "berlin": "DE", "paris": "FR", "moscow": "RU",
            "beijing": "CN", "tokyo": "JP", "seoul": "KR", "rome": "IT", "ottawa": "CA", "canberra": "AU",
            "new delhi": "IN", "madrid": "ES", "kyiv": "UA", "kiev": "UA", "tehran": "IR", "ankara": "TR",
            "athens": "GR", "pyongyang": "KP", "taipei": "TW", "brussels": "EU"}


@lru_cache(maxsize=1)
def _english() -> dict[str, str]:
    from babel import Locale

    return {code: english for code, english in Locale("en").territories.items() if code.isalpha()}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    return {english.lower(): code for code, english in _english().items()} | _ALIASES


def english_name(code: str) -> str:
    """CLDR's English name of a territory code ("US" → "United States")."""
    return _english()[code]


# Languages whose names of countries and continents English news keeps inside names: the Europa
# League, Banco de España, Italia 90.
_NAMED_IN = ("de", "es", "fr", "it", "nl", "pt")


@lru_cache(maxsize=1)
def _foreign_names() -> dict[str, str]:
    from babel import Locale

    from pipeline.fidelity.jmdict import english_word

    english = Locale("en").territories
    out: dict[str, str] = {}
    for locale in _NAMED_IN:
        for code, name in Locale(locale).territories.items():
            key = name.lower()
            if code in english and code not in ("XA", "XB") and " " not in key and key != english[code].lower() \
                    and not english_word(key) and key not in _codes():  # pseudo-locales; English's own words
                out.setdefault(key, english[code])
    return out


def english_of_foreign(word: str) -> str | None:
    """The English name of a country or continent that `word` names in German, Spanish, French,
    Italian, Dutch or Portuguese (CLDR): "Europa" → "Europe", "España" → "Spain"; None otherwise."""
    return _foreign_names().get(word.lower())


def territory(name: str) -> str | None:
    """The territory code of an English country name ("Germany", "U.S.", "Britain"), or None."""
    return _codes().get(name.lower().removeprefix("the "))


@lru_cache(maxsize=2)
def _abbreviation_pattern(script: str) -> re.Pattern[str]:
    chars = "".join(ABBREVIATIONS[script].values())
    return re.compile(rf"(?P<before>{_BEFORE[script]})?(?P<core>[{chars}]+)(?P<after>{_AFTER[script]})?")


def find_abbreviation(code: str, target: str, lang: str) -> tuple[int, int] | None:
    """Where `target` writes country `code` by its one-character abbreviation in a news context:
    among other abbreviations (英独仏, 中美), after a verb of visiting (訪米) or before a word
    such as government or army (独外相, 俄军). Returns the character's offsets."""
    return next(abbreviations(code, target, lang), None)


def abbreviations(code: str, target: str, lang: str) -> Iterator[tuple[int, int]]:
    """Every place where `target` writes country `code` by its abbreviation (find_abbreviation)."""
    script = "ja" if lang == "ja" else "zh"
    chars = ABBREVIATIONS[script].get(code)
    if chars is None:
        return
    if lang == "zh-Hant":  # 韓 is 韩: fold one character for one, so offsets keep
        from pipeline.fidelity.dictionaries import opencc_t2s

        folded = opencc_t2s().convert(target)
        target = folded if len(folded) == len(target) else target
    for m in _abbreviation_pattern(script).finditer(target):
        core = m.group("core")
        char = next((c for c in core if c in chars), None)
        if char is None or len(core) == 1 and m.group("before") and not m.group("after") and script == "zh" and (
                _opens_a_word(target, m.start("core"))):
            continue  # 对法律 "towards the law", 访华盛顿 "visits Washington"
        if len(core) >= 2 or m.group("before") or m.group("after") or script == "ja" and _before_a_foreign_name(
                target, m.start("core"), m.end("core")):
            at = m.start("core") + core.index(char)
            yield at, at + 1


def _opens_a_word(text: str, at: int) -> bool:
    from pipeline.fidelity.dictionaries import opens_a_word

    return opens_a_word(text, at)


# Japanese news writes a company's or currency's country as one kanji before its name (米アップル,
# 英BP, 米ドル); the kanji then opens a word (not 加 of 参加メンバー, 中 of 試合中スミス).
_FOREIGN_NAME = re.compile(r"[\u30a1-\u30fa][\u30a1-\u30fc]+|[A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ]+")


def _before_a_foreign_name(target: str, start: int, end: int) -> bool:
    return end - start == 1 and not re.match(r"[\u3400-\u9fff]", target[start - 1:start]) \
        and bool(_FOREIGN_NAME.match(target, end))


_LANGUAGE_LOCALES = {"ja": "ja", "zh-Hans": "zh", "zh-Hant": "zh_Hant"}


@lru_cache(maxsize=4)
def _language_stems(lang: str) -> dict[str, str]:
    from babel import Locale

    english = Locale("en").languages
    native = Locale.parse(_LANGUAGE_LOCALES[lang]).languages
    stems = {}
    for code, name in english.items():
        stem = re.sub(r"(?:語|语|文)$", "", native.get(code, ""))
        # One hanzi (德 of 德语, 法 of 法语) is an everyday character too: too weak to look for.
        if len(stem) >= 2 and stem != native.get(code):
            stems[name.lower()] = stem
    return stems


def language_stem(word: str, lang: str) -> str | None:
    """The country or people part of a language's name in `lang`, for an English word that is that
    language's name and so also its people's adjective (Greek → ギリシャ of ギリシャ語, 希腊 of
    希腊语; Polish → ポーランド, 波兰), from CLDR (babel). None for any other word."""
    return _language_stems(lang).get(word.lower()) if word[:1].isupper() else None


@lru_cache(maxsize=3)
def _country_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """Every CLDR country rendering in `lang` (Simplified too for zh-Hant) → its territory code; for
    Japanese also JMdict's forms of the same English name (英国 and イギリス, ケニヤ and ケニア) that
    name that country alone (not 韓国, "South Korea" and, of old, "China")."""
    from pipeline.fidelity.dictionaries import cldr_names, opencc_t2s
    from pipeline.fidelity.jmdict import gloss_heads, jmdict_names

    def one_country(form: str, code: str | None) -> bool:
        return {territory(head) for head in gloss_heads(form)} - {None} == {code}

    forms: dict[str, str] = {}
    for english, by_lang in cldr_names().items():
        variants = sorted(f for f in jmdict_names().get(english.lower(), ()) if one_country(f, territory(english))) \
            if lang == "ja" and by_lang.get(lang) else []
        for form in [*by_lang.get(lang, ()), *variants]:
            if len(form) >= 2:
                forms[form] = forms.get(form) or territory(english) or ""
                if lang == "zh-Hant":
                    forms.setdefault(opencc_t2s().convert(form), forms[form])
    alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(alternatives), forms


@lru_cache(maxsize=256)
def _english_names(code: str) -> tuple[str, ...]:
    names = {english_name(code).lower()} | {alias for alias, c in _ALIASES.items() if c == code}
    names |= {capital for capital, c in CAPITALS.items() if c == code}
    return tuple(names)


@lru_cache(maxsize=256)
def _peoples(code: str) -> frozenset[str]:
    """English names of the country's official languages, which are its people's adjective too
    (Greek, French, Dutch), from CLDR."""
    from babel import Locale
    from babel.languages import get_official_languages

    english = Locale("en").languages
    return frozenset(english[lang].lower() for lang in get_official_languages(code) if lang in english)


def _names_country(word: str, code: str) -> bool:
    """Whether one English word or run (lower case) names country `code`: its name or an alias
    (Britain), its capital or seat (Moscow, the Kremlin), its people (Greek, by its language's
    name) or a word built on its name (Iranian, Pakistani)."""
    bare = word.strip(".")
    names = _english_names(code)
    peoples = _peoples(code)
    if territory(word) == code or territory(bare) == code or word in names or bare in names:
        return True  # U.S., Britain, Moscow
    if bare in peoples or bare.removesuffix("s") in peoples:
        return True
    # A word built on the country's name (Iranian, Pakistani, British): a demonym's ending.
    return bool(_DEMONYM.fullmatch(bare.capitalize())) and any(
        len(n) >= 4 and " " not in n and bare[:4] == n[:4] for n in names)


def _capitalised(source: str) -> frozenset[str]:
    """The capitalised runs of `source` and their words, in lower case (what may name a country)."""
    runs = {w.lower() for w in re.findall(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*", source)}
    return frozenset(runs | {part for run in runs for part in run.split()})


# Up to this many words, a text's mentions of a country are counted with its people's words
# (Russian): a sentence or a short paragraph renders each of them. A longer text's translation
# merges and rephrases them (日本の, 我が国, 同国), so there only its names are counted.
_COUNTED_WORDS = 80
# A language's own country, which its news leaves unsaid before the country's institutions and
# offices (財務省 for "Japan's Finance Ministry", 外交部 for "China's Foreign Ministry") or calls
# "our country" (わが国, 我国; Taiwan's 我國, Hong Kong's 本港 "this port").
HOME_COUNTRIES = {"ja": ("JP",), "zh-Hans": ("CN",), "zh-Hant": ("TW", "HK")}
_OUR_COUNTRY = {"JP": "わが国|我が国|我国", "CN": "我国", "TW": "我國", "HK": "本港"}


def country_mentions(code: str, source: str) -> int:
    """How many times `source` names country `code` other than by its capital: by its name or an
    alias (Russia, the U.S.) and, in a text of up to `_COUNTED_WORDS` words, by its people
    (Russian, Russians): what a translation's 俄罗斯 or ロシア may render."""
    capitals = {capital for capital, c in CAPITALS.items() if c == code}
    words = [w.lower() for w in re.findall(r"[A-Z][\w.]*", source)]
    short = len(source.split()) <= _COUNTED_WORDS

    def counts(word: str) -> bool:
        if word in capitals or word.strip(".") in capitals:
            return False
        if territory(word) == code or territory(word.strip(".")) == code:
            return True
        return short and _names_country(word, code)

    return sum(counts(w) for w in words)


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a longer word rather than a name of its own: katakana
    running on (タイ of タイトル, マリ of マリア), or a dictionary word across one of its edges
    (海地, Haiti, of 沿海地区)."""
    if KATAKANA_RUN.match(text[start:end]):
        return bool(KATAKANA_RUN.match(text[end:end + 1]) or start and KATAKANA_RUN.match(text[start - 1]))
    from pipeline.fidelity.dictionaries import crosses_a_word

    return crosses_a_word(text, start, end)


def added_countries(target: str, lang: str, source: str) -> list[tuple[int, int, str]]:
    """Countries `target` names that `source` names in no form: (start, end, code) each."""
    pattern, codes = _country_pattern(lang)
    folded = target
    if lang == "zh-Hant":
        from pipeline.fidelity.dictionaries import opencc_t2s

        folded = opencc_t2s().convert(target)
        folded = folded if len(folded) == len(target) else target
    words = _capitalised(source)
    out = []
    for m in pattern.finditer(target):
        code = codes.get(m.group())
        if code and not _inside_a_word(folded, m.start(), m.end()) and not any(
                _names_country(word, code) for word in words):
            out.append((m.start(), m.end(), code))
    return out


_DEMONYM = re.compile(r"[A-Z][a-z]{3,}(?:an|ian|i|ese|ish)s?")


def people_forms(word: str, lang: str) -> list[str]:
    """Renderings of the country an English people's word stands for (Greek → 希腊 of 希腊语 in
    CLDR; Indian, Libyan, Pakistani → 印度, 利比亚, 巴基斯坦 by the country name they are built
    on), two characters or more; [] for any other word."""
    return list(_people_forms(word, lang))


@lru_cache(maxsize=8192)  # asked for every one-word name the validator looks for
def _people_forms(word: str, lang: str) -> tuple[str, ...]:
    from pipeline.fidelity.dictionaries import cldr_names

    forms = [stem] if (stem := language_stem(word, lang) or language_stem(word.removesuffix("s"), lang)) else []
    if _DEMONYM.fullmatch(word):
        lower = word.lower()

        def built_on(country: str) -> bool:  # Indian on India, Ukrainian on Ukraine; not Christian on Christmas
            first = country.split()[0]
            shared = len(os.path.commonprefix([lower, first]))
            return len(first) >= 4 and first != lower and shared >= max(4, len(first) - 1)

        # The aliases are whole country names chosen by hand, so a looser stem is safe: British on
        # Britain, English on England.
        aliases = {c for name, c in _ALIASES.items()
                   if name.isalpha() and len(os.path.commonprefix([lower, name])) >= 4}
        for code in sorted({c for name, c in _codes().items() if built_on(name)} | aliases):
            forms += [f for f in cldr_names().get(english_name(code).lower(), {}).get(lang, ()) if len(f) >= 2]
    return tuple(dict.fromkeys(forms))


def our_country(code: str, target: str, lang: str) -> tuple[int, int] | None:
    """Where `target` calls country `code` "our country", when it is `lang`'s own country."""
    if code not in HOME_COUNTRIES.get(lang, ()):
        return None
    m = re.search(_OUR_COUNTRY[code], target)
    return (m.start(), m.end()) if m else None


# What a country's possessive owns when its own news leaves the country unsaid: a body by its name
# (Foreign Ministry, State Council) or an institution's word.
_OFFICES = (r"(?:central bank|government|cabinet|parliament|army|navy|air force|military|coast guard"
            r"|police|embassy|ministry|foreign minister|prime minister|president|premier|chief executive)\b")
_OWNED = rf"(?:[A-Z]|{_OFFICES})"
# The country's name before an office or institution with no possessive ("Hong Kong Chief Executive
# John Lee", "Japan Prime Minister") owns it as well.
_ATTRIBUTIVE = re.compile(rf"\s+(?i:{_OFFICES})")


def home_country_unsaid(code: str, lang: str, source: str, name: str) -> bool:
    """Whether `name`, country `code`, is `lang`'s own country and every mention in `source` owns
    an institution or an office ("China's Foreign Ministry", "Japan's central bank", "China's
    navy"): its news says 外交部, 日銀 and leaves the country unsaid. Other mentions ("China's
    economy", "in China") are the country's own, which English-language news translated keeps."""
    if code not in HOME_COUNTRIES.get(lang, ()):
        return False
    mentions = []
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)(['’]s\s+{_OWNED})?", source):
        if m[1] or _ATTRIBUTIVE.match(source, m.end()):
            mentions.append(True)
        elif not (re.match(r" [A-Z]", source[m.end():]) or re.search(r"[A-Z][\w.]* $", source[:m.start()])):
            mentions.append(False)  # a mention inside a longer name (the South China Sea) is that name's
    return bool(mentions) and all(mentions)
