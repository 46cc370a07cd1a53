"""Where a name is in a translation, by the strongest evidence that finds it: find_name()."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.fidelity.countries import (
    english_name,
    english_of_foreign,
    find_abbreviation,
    our_country,
    people_forms,
    territory,
)
from pipeline.fidelity.dictionaries import cedict_forms, cedict_names, cldr_cities, cldr_names, fold_width, opencc_t2s
from pipeline.fidelity.facts import Name, Span
from pipeline.fidelity.figures_cjk import parse_number
from pipeline.fidelity.glossary import Glossary
from pipeline.fidelity.jmdict import japanese_in_latin, jmdict_names, jmnedict_names, other_spellings
from pipeline.fidelity.names_chinese import chinese_reading, surname_alone
from pipeline.fidelity.names_dotted import dotted
from pipeline.fidelity.names_en import ORG_WORDS, body_other_order
from pipeline.fidelity.names_korean import korean_reading
from pipeline.fidelity.names_sound import katakana_variant, romanised, spelled_well_enough, surname_sounds
from pipeline.fidelity.regions_short import find_region_abbreviation
from pipeline.fidelity.romanise import KATAKANA_RUN, pinyin, readings


def _jmnedict(
    name: Name, key: str, target: str, lang: str, surname: bool = False
) -> tuple[Span, str] | None:
    """JMnedict renderings: katakana for foreign names in Japanese, kanji for Japanese names anywhere.

    With `surname`, a person is looked up by the last word of the name alone.
    """
    names = jmnedict_names()
    keys = [(key, "jmnedict")]
    if surname:
        is_full_name = name.label == "PERSON" and " " in name.text
        keys = [(name.text.split()[-1].lower(), "jmnedict (surname)")] if is_full_name else []
    elif name.label == "PERSON" and len(words := key.split()) == 2:
        # JMnedict writes a Japanese full name surname first (suga yoshihide 菅義偉), English news
        # given name first (Yoshihide Suga).
        keys.append((f"{words[1]} {words[0]}", "jmnedict"))
    elif "-" in key:
        keys += [(spelling, "jmnedict") for spelling in _hepburn_spellings(key)]
    elif other_order := body_other_order(key):
        keys.append((other_order, "jmnedict"))
    for lookup, evidence in keys:
        forms = names.get(lookup, set())
        if lang != "ja":
            forms = {f for f in forms if not KATAKANA_RUN.match(f)}
        if forms and (span := _find_literal(target, sorted(forms, key=len, reverse=True))):
            return span, evidence
        if lang == "ja" and (span := katakana_variant(target, forms)):
            return span, f"{evidence}, variant spelling"
    return None


def _hepburn_spellings(key: str) -> list[str]:
    """JMnedict's spellings of a hyphenated Japanese name: news writes Shin-Osaka, JMnedict
    shin'oosaka (an apostrophe between the parts, long vowels doubled). At most three o / u
    vowels are varied, so at most 81 spellings."""
    parts = re.split(r"([ou])", key, maxsplit=3)
    spellings = [""]
    for i, part in enumerate(parts):
        choices = [part, part * 2, "ou"] if i % 2 and part == "o" else [part, part * 2] if i % 2 else [part]
        spellings = [s + c for s in spellings for c in choices]
    return [s.replace("-", joint) for s in spellings for joint in ("'", "", " ") if s.replace("-", joint) != key]


def _find_literal(target: str, forms: list[str]) -> Span | None:
    """The first of `forms` found in `target`; Traditional/Japanese variants match Simplified ones."""
    for form in forms:
        at = target.find(form)
        if at >= 0:
            return Span(form, at, at + len(form))
    folded = opencc_t2s().convert(target)  # one character for one: offsets keep
    for form in forms:
        at = folded.find(opencc_t2s().convert(form))
        if at >= 0 and len(folded) == len(target):
            return Span(target[at:at + len(form)], at, at + len(form))
    return None


def _continent_part(forms: list[str], target: str) -> re.Match[str] | None:
    """A region of a continent written the Chinese way (东南亚 for "south-east Asia", 西欧), where
    spaCy names the continent alone."""
    stems = [f[:-1] for f in forms if len(f) == 2 and f.endswith("洲")]
    if not stems:
        return None
    folded = opencc_t2s().convert(target)
    return re.search(f"[东西南北中][南北]?(?:{'|'.join(stems)})", folded if len(folded) == len(target) else target)


def _homophone(target: str, forms: list[str]) -> Span | None:
    """A Chinese span that reads like a dictionary transliteration of three or more characters,
    character by character (洛克希德 for CC-CEDICT's 洛克西德 Lockheed): transliterations vary in
    characters of the same sound."""
    chars = readings(target, "zh")
    for form in forms:
        if len(form) < 3:
            continue
        wanted = [pinyin(ch) for ch in opencc_t2s().convert(form)]
        for i in range(len(chars) - len(wanted) + 1):
            window = chars[i:i + len(wanted)]
            if window[-1][1] - window[0][1] == len(wanted) - 1 and [r for _, _, r in window] == wanted:
                start, end = window[0][1], window[-1][1] + 1
                return Span(target[start:end], start, end)
    return None


@lru_cache(maxsize=4096)  # more names than re's own cache holds
def _latin_pattern(name: str) -> re.Pattern[str]:
    # Any apostrophe stands for another (O'Brien is O’Brien in most typeset text); the spaces
    # between words may be gone, as some MT systems drop them in Japanese (GuyHedgecoe).
    escaped = re.sub(r"\\?['’‘]", "['’‘]", re.escape(name)).replace("\\ ", r"\s*")
    return re.compile(rf"(?<![A-Za-z]){escaped}(?![A-Za-z])", re.I)


@lru_cache(maxsize=1024)  # every name of a check looks in the same target
def _squeezed(text: str) -> str:
    """Lower case, one apostrophe, no spaces: what a Latin name is first looked for in."""
    return re.sub(r"\s+", "", text.lower().replace("’", "'").replace("‘", "'"))


def _latin(name: Name, target: str) -> Span | None:
    candidates = [name.text] + ([name.text.split()[-1]] if name.label == "PERSON" and " " in name.text else [])
    if name.label != "PERSON" and re.fullmatch(r"[A-Z][A-Za-z]+[^s]s", name.text):
        candidates.append(name.text[:-1])  # Roombas: the brand kept in the singular
    folded = _squeezed(target)
    for candidate in candidates:
        # A substring test first: most targets hold no Latin name, and each new name's pattern
        # costs a compile.
        if _squeezed(candidate) not in folded:
            continue
        m = _latin_pattern(candidate).search(target)
        if m:
            return Span(m.group(0), m.start(), m.end())
    return None


# Words an acronym may leave out (the NDRC: National Development and Reform Commission).
_UNLETTERED = frozenset({"of", "and", "for", "the", "on", "in", "de", "&"})

# A Latin acronym standing alone in a translation (ＮＴＴ is folded to NTT before matching).
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]{2,7}(?![A-Za-z])")


def _initials(name: Name, target: str) -> Span | None:
    """A body or place of several words written by the acronym of their initials (NTT for Nippon
    Telegraph and Telephone, PBOC for the People's Bank of China), as news in Japanese and Chinese
    often does for the bodies of its own country: with or without the small words, in capitals."""
    words = [w for w in re.split(r"[\s-]+", name.text.removeprefix("the ").removeprefix("The ")) if w]
    if name.label == "PERSON" or len(words) < 2 or not all(w[0].isalpha() for w in words):
        return None
    spelled = {"".join(w[0] for w in words).upper(),
               "".join(w[0] for w in words if w.lower() not in _UNLETTERED).upper()}
    # Two letters spell too many things (AI, PC, TV; "Apple Inc."): three or more.
    spelled = {s for s in spelled if len(s) >= 3}
    for m in _ACRONYM.finditer(target):
        if m.group().upper() in spelled and sum(c.isupper() for c in m.group()) >= len(m.group()) - 1:
            return Span(m.group(), m.start(), m.end())
    return None


# A company named without the kind of body it is ("Standard Chartered", CC-CEDICT's "Standard
# Chartered Bank" 渣打银行), which Chinese news shortens the same way (渣打).
ENGLISH_BODY_WORDS = {"bank": ("银行", "銀行"), "group": ("集团", "集團"), "company": ("公司",),
                      "corporation": ("公司",)}


def _without_body_word(key: str, lang: str) -> set[str]:
    """CC-CEDICT's renderings of `key` followed by a body word, with and without that word."""
    forms: set[str] = set()
    for word, chinese in ENGLISH_BODY_WORDS.items():
        for form in cedict_forms(f"{key} {word}", lang):
            forms.add(form)
            forms |= {form[:-len(c)] for c in chinese if form.endswith(c) and len(form) - len(c) >= 2}
    return forms


# A monarch's or a pope's regnal number (Henry VIII, Benedict XVI), which Japanese and Chinese write
# as a number and 世 after the name (ヘンリー8世, 本笃十六世). Parsed here: the numerals are a handful.
_REGNAL = re.compile(r"\s+(?P<numeral>(?:X{0,3})(?:IX|IV|V?I{0,3}))$")
_ROMAN = {"I": 1, "V": 5, "X": 10}
_REGNAL_NUMBER = re.compile(r"\s*[·・•]?\s*(?P<number>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*世")


def _roman(numeral: str) -> int:
    values = [_ROMAN[ch] for ch in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _regnal(name: Name, target: str, lang: str, glossary: Glossary) -> tuple[Span, str] | None:
    """A person with a regnal number found as the name and that number before 世."""
    m = _REGNAL.search(name.text)
    if name.label != "PERSON" or not m or not m.group("numeral") or " " not in name.text:
        return None
    base = Name(name.text[:m.start()], name.label, name.span)
    if not (found := find_name(base, target, lang, glossary)):
        return None
    span = found[0]
    after = _REGNAL_NUMBER.match(target, span.end)
    if not after or parse_number(fold_width(after.group("number"))) != _roman(m.group("numeral")):
        return None
    return Span(target[span.start:after.end()], span.start, after.end()), f"{found[1]}, with its regnal number"


def find_country(code: str, target: str, lang: str) -> tuple[Span, str] | None:
    """Where `target` names territory `code` (its government, for a capital that stands for it),
    the European Union by its acronym too (ＥＵ, as Japanese news writes it)."""
    names = [english_name(code)] + (["EU"] if code == "EU" else [])
    return next((found for english in names
                 if (found := find_name(Name(english, "GPE", Span(english, 0, len(english))), target, lang,
                                        Glossary([])))), None)


def find_name(name: Name, target: str, lang: str, glossary: Glossary) -> tuple[Span, str] | None:
    """Where `name` is rendered in `target` and by which evidence, or None."""
    if regnal := _regnal(name, target, lang, glossary):
        return regnal
    entry = glossary.lookup(name.text)
    if entry and (span := _find_literal(target, entry.renderings(lang))):
        return span, "glossary"
    if span := _latin(name, target):
        return span, "latin"
    if span := _initials(name, target):
        return span, "its initials"
    if span := _numbered_group(name.text, target):
        return span, "a group by its number of countries"
    key = name.text.lower().removeprefix("the ")
    cldr = cldr_names().get(key, {}).get(lang)
    if cldr and (span := _find_literal(target, cldr)):
        return span, "cldr"
    # A people by its country (the Greeks 希腊人 / ギリシャ人, by CLDR's 希腊语; Indians 印度人).
    people = people_forms(name.text, lang) if " " not in key else []
    if people and (span := _find_literal(target, people)):
        return span, "cldr (a people's country)"
    if (code := territory(key)) and (at := find_abbreviation(code, target, lang)):
        return Span(target[at[0]:at[1]], *at), "country abbreviation"
    if code and (at := our_country(code, target, lang)):
        return Span(target[at[0]:at[1]], *at), "our country"
    undotted = key.replace(".", "")  # U.N. is UN to the dictionaries
    singular = key[:-1] if key.endswith("s") and " " not in key else key  # the Balkans, 巴尔干
    forms = cedict_forms(key, lang) | cedict_forms(undotted, lang) | cedict_forms(singular, lang)
    if not forms and lang != "ja":  # CC-CEDICT's "Macao" for the press's Macau
        forms = {form for other in other_spellings(key) for form in cedict_forms(other, lang)}
    if not forms and lang != "ja" and name.label == "ORG":
        forms = _without_body_word(key, lang)
    forms = sorted(forms, key=len, reverse=True)
    if forms and (span := _find_literal(target, forms)):
        return span, "cc-cedict"
    # Europa of the Europa League is Europe (欧洲联赛), whatever else a dictionary calls it (木卫二).
    if " " not in key and name.label != "PERSON" and (english := english_of_foreign(key)) and (
            found := find_name(Name(english, "LOC", name.span), target, lang, glossary)):
        return found[0], f"{found[1]} ({english} in another language)"
    city = cldr_cities().get(key, {}).get(lang) if name.label != "PERSON" else None
    if city and (span := _find_literal(target, city)):
        return span, "cldr (city)"
    if lang != "ja" and forms and (span := _homophone(target, forms)):
        return span, "cc-cedict (same sounds)"
    if lang != "ja" and (m := _continent_part(forms, target)):
        return Span(target[m.start():m.end()], m.start(), m.end()), "cc-cedict (region of the continent)"
    if lang != "ja" and name.label != "PERSON" and (
            at := find_region_abbreviation({key, *forms, *(city or ())}, target)):
        return Span(target[at[0]:at[1]], *at), "cc-cedict (short name among others: 粤港澳, 京津冀)"
    if lang == "ja":
        forms = {f for k in (key, undotted, *_gloss_variants(key)) for f in jmdict_names().get(k, ())}
        # 米連邦航空局 is 連邦航空局 in an American story.
        forms |= {f[1:] for f in forms if f[0] in "米英独仏露中日韓" and len(f) > 3}
        forms = sorted(forms, key=len, reverse=True)
        if forms and (span := _find_literal(target, forms)):
            return span, "jmdict"
    # A Japanese word in Latin letters (Shiba Inu, or Shiba, is 柴犬; 柴犬币 in Chinese). Not a
    # person, nor a short word: Dan and Ken are people, not 段 "dan (grade)" or 拳 "ken (game)".
    forms = sorted(japanese_in_latin(key), key=len, reverse=True) if name.label != "PERSON" and len(key) >= 4 else []
    if forms and (span := _find_literal(target, forms)):
        return span, "jmdict (a Japanese word in Latin letters)"
    if found := _jmnedict(name, key, target, lang):
        return found
    surname = name.text.split()[-1].lower()
    forms = sorted(cedict_forms(surname, lang), key=len, reverse=True) if name.label == "PERSON" else []
    if " " in name.text and forms and (span := _find_literal(target, forms)):
        return span, "cc-cedict (surname)"
    found = romanised(name, target, lang) or chinese_reading(name, target) or korean_reading(name, target) or (
        surname_alone(name, target)) or _jmnedict(name, key, target, lang, surname=True) or dotted(
        name, target, lang) or surname_sounds(name, target, lang)
    if found and not spelled_well_enough(name, found):
        found = None
    if found and (found[1].startswith(("romanisation", "jmnedict")) or not (entry or cldr)):
        # A sound-alike never stands in for a name whose standard rendering we know (乌克兰 gone,
        # 格兰 of 苏格兰 is not Ukraine).
        return found
    # Only for a plain word: US is not 美元 of "US dollar", nor a country any longer name of it.
    if " " not in key and name.text[1:].islower() and not territory(key) and (
            span := _find_literal(target, _longer_names(key, lang))):
        return span, _LONGER_NAME  # a Santa hat: 圣诞老人 of Santa Claus
    distinctive = [w for w in name.text.split() if w[0].isupper() and not ORG_WORDS.search(w)
                   and w.lower() not in COMMON_ORG_WORDS]
    # Alaska Airlines is 阿拉斯加航空公司: its proper word stands for it; not a country's name, which
    # the story names anyway (China Daily is not 中国), nor a near sound (Alexey of an "ORG" Alexey
    # Danilov is not ロシア): one word's sound is too weak to stand for a name of several.
    if name.label == "ORG" and len(name.text.split()) > 1 and distinctive and not territory(
            distinctive[0].lower()) and (
            found := find_name(Name(distinctive[0], "ORG", name.span), target, lang, glossary)) and (
            found[1] != _LONGER_NAME  # the European Parliament is not the EU
            and not found[1].startswith("phonetic match")):
        return found[0], f"{found[1]} of {distinctive[0]!r} only"
    return None


_LONGER_NAME = "dictionary (a longer name)"

# G7, G20: a group named by its number of members, which Chinese and Japanese news write as that
# many countries (二十国集团, 20カ国・地域).
_GROUP = re.compile(r"G(?P<n>\d{1,2})")
_COUNTRIES = re.compile(r"(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:[国國]|[カかヵヶケ]国)")


def _gloss_variants(key: str) -> list[str]:
    """Other ways a dictionary glosses a body's name: the last word singular (the Japan Self-Defense
    Forces, "Japan Self-Defense Force") and without the country it starts with, which the country's
    own language leaves out (the Japan Meteorological Agency is 気象庁, "Meteorological Agency")."""
    words = key.split()
    variants = [" ".join([*words[:-1], words[-1][:-1]])] if len(words) > 1 and re.fullmatch(
        r"[a-z-]+[^s]s", words[-1]) else []
    for n in (1, 2):
        if len(words) - n >= 2 and territory(" ".join(words[:n])):
            variants += [" ".join(each.split()[n:]) for each in (key, *variants)]
    return variants


def _numbered_group(text: str, target: str) -> Span | None:
    """Where `target` writes a group named by its number (G20) as that many countries."""
    group = _GROUP.fullmatch(text)
    if not group:
        return None
    for m in _COUNTRIES.finditer(target):
        if parse_number(m["n"]) == int(group["n"]):
            return Span(m.group(), m.start(), m.end())
    return None


@lru_cache(maxsize=4096)
def _longer_names(word: str, lang: str) -> list[str]:
    """Renderings of the dictionary names that start with `word` ("santa claus" for Santa)."""
    index = _first_words(lang)
    forms = {f for head in index.get(word, ()) for f in (jmdict_names() if lang == "ja" else cedict_names())[head]}
    return sorted(forms, key=len, reverse=True)


@lru_cache(maxsize=4)  # one per language: with fewer, checks in turn of three languages rebuild it each time
def _first_words(lang: str) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for head in jmdict_names() if lang == "ja" else cedict_names():
        if " " in head:
            index.setdefault(head.split(" ", 1)[0], []).append(head)
    return index


# Words of organisation names that say what, not who ("Research", "National").
COMMON_ORG_WORDS = {"research", "national", "international", "foreign", "affairs", "of", "and", "the", "central",
                     "general", "federal", "state", "public", "world", "global", "new"}
