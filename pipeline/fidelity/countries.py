"""Countries written the short way (英独仏, 訪米, 中美, 俄军) and capitals standing for their governments.

Written by hand: CLDR (babel) has each country's full name only, and the dictionaries list these
single characters among their everyday senses (独 "alone", 法 "law", 美 "beautiful"), so a
bare lookup would find them everywhere. News style uses them in fixed contexts, which we check.
"""

from __future__ import annotations

import re
from functools import lru_cache

# One-character abbreviations per territory code, as Japanese and Chinese newspapers write them.
ABBREVIATIONS = {
    "ja": {"US": "米", "GB": "英", "DE": "独", "FR": "仏", "RU": "露", "CN": "中", "JP": "日", "KR": "韓",
           "IT": "伊", "CA": "加", "AU": "豪", "IN": "印", "ES": "西", "NL": "蘭", "PK": "パ"},
    "zh": {"US": "美", "GB": "英", "DE": "德", "FR": "法", "RU": "俄", "CN": "中", "JP": "日", "KR": "韩",
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
            "south korea": "KR", "russia": "RU", "china": "CN", "japan": "JP"}
# A capital or seat of government named for its government ("Washington has repeatedly said",
# "Paris accused Canberra", "the Kremlin denies" → ロシア政府は否定).
CAPITALS = {"kremlin": "RU", "white house": "US", "downing street": "GB", "westminster": "GB",
            "whitehall": "GB", "elysee": "FR", "élysée": "FR", "zhongnanhai": "CN",
            "washington": "US", "london": "GB", "berlin": "DE", "paris": "FR", "moscow": "RU",
            "beijing": "CN", "tokyo": "JP", "seoul": "KR", "rome": "IT", "ottawa": "CA", "canberra": "AU",
            "new delhi": "IN", "madrid": "ES", "kyiv": "UA", "kiev": "UA", "tehran": "IR", "ankara": "TR",
            "athens": "GR", "pyongyang": "KP", "taipei": "TW", "brussels": "BE"}


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
    script = "ja" if lang == "ja" else "zh"
    char = ABBREVIATIONS[script].get(code)
    if char is None:
        return None
    if lang == "zh-Hant":  # 韓 is 韩: fold one character for one, so offsets keep
        from pipeline.fidelity.dictionaries import opencc_t2s

        folded = opencc_t2s().convert(target)
        target = folded if len(folded) == len(target) else target
    for m in _abbreviation_pattern(script).finditer(target):
        core = m.group("core")
        if char in core and (len(core) >= 2 or m.group("before") or m.group("after")):
            at = m.start("core") + core.index(char)
            return at, at + 1
    return None


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
