"""Names of the English source looked for in a translation, and people the source lacks.

Evidence, strongest first: the user glossary, the name kept in Latin script, CLDR territory names
(babel), CC-CEDICT and JMnedict entries, romanisation of the target's kanji / katakana / hanzi
spans (pykakasi, pypinyin) matched against the English, and dotted transliterations. Each finding
records which one matched.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import product

from babel.numbers import list_currencies

from pipeline.fidelity import transliteration
from pipeline.fidelity.countries import CAPITALS, english_name, find_abbreviation, territory
from pipeline.fidelity.dictionaries import (
    cedict_glosses,
    cedict_mainland_names,
    cedict_names,
    cedict_standard,
    cldr_names,
    english_words,
    japanese_in_latin,
    jmdict_glosses,
    jmdict_loanword_senses,
    jmdict_loanwords,
    jmdict_names,
    jmdict_senses,
    jmnedict_names,
    opencc_s2hk,
    opencc_t2s,
)
from pipeline.fidelity.facts import Finding, Name, Span
from pipeline.fidelity.glossary import Glossary
from pipeline.fidelity.lemmas import STOPWORDS, english_stems, suffix_forms
from pipeline.fidelity.name_evidence import (
    dictionary_forms,
    e2k_rendering,
    glossed_in_source,
    meaning_words,
    name_candidates,
    near_form,
    source_name_runs,
    text_before_bracket,
    written_in_kanji,
)
from pipeline.fidelity.names_en import ORG_WORDS
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
    for lookup, evidence in keys:
        forms = names.get(lookup, set())
        if lang != "ja":
            forms = {f for f in forms if not KATAKANA_RUN.match(f)}
        if forms and (span := _find_literal(target, sorted(forms, key=len, reverse=True))):
            return span, evidence
        if lang == "ja" and (span := _katakana_variant(target, forms)):
            return span, f"{evidence}, variant spelling"
    return None


_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")
_KATAKANA_WORDS = re.compile(r"[\u30a1-\u30fa\u30fc]+(?:[・=][\u30a1-\u30fa\u30fc]+)+")


def _katakana_variant(target: str, forms: set[str]) -> Span | None:
    """A katakana word (or dotted words) of `target` spelled almost like a JMnedict form (キーウ /
    キエフ aside, ウクライナ / ウクライナー, ゼレンスキー / ゼレンスキイ): long marks and small vowels vary."""
    katakana = [_katakana_key(f) for f in forms if KATAKANA_RUN.match(f)]
    words = sorted([*_KATAKANA_WORD.finditer(target), *_KATAKANA_WORDS.finditer(target)], key=lambda m: m.start())
    for m in words:
        word = _katakana_key(m.group(0))
        for form in katakana:
            if len(form) < 3:
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


def _katakana_key(katakana: str) -> str:
    """Spellings of one name alike: ロウラー / ローラー (an o-sound then ウ is a long o), ウエスト・
    ロージアン / ウェストロージアン (small vowels, the dot between words)."""
    return _O_THEN_U.sub("ー", katakana).translate(_SMALL_VOWELS)


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
    # Any apostrophe stands for another (O'Brien is O’Brien in most typeset text).
    escaped = re.sub(r"\\?['’‘]", "['’‘]", re.escape(name))
    return re.compile(rf"(?<![A-Za-z]){escaped}(?![A-Za-z])", re.I)


def _latin(name: Name, target: str) -> Span | None:
    candidates = [name.text] + ([name.text.split()[-1]] if name.label == "PERSON" and " " in name.text else [])
    for candidate in candidates:
        m = _latin_pattern(candidate).search(target)
        if m:
            return Span(m.group(0), m.start(), m.end())
    return None


def _sound_keys(name: Name, variants: bool = True) -> tuple[list[str], set[str]]:
    """The name's romaji words, and its consonant skeletons as katakana and hanzi would keep them:
    katakana drops most r's that no vowel follows (Morgan モーガン); Chinese keeps some (Fisher 费舍尔).
    With `variants`, also as a soft g, a German z or a French silent end would sound."""
    tokens = [key for word in _name_words(name.text) if (key := romaji_key(word))]
    joined = "".join(tokens)
    return tokens, english_keys(joined) if variants else {phonetic_key(joined), phonetic_key(joined, english=True)}


def _is_acronym(text: str) -> bool:
    return re.sub(r"['’]s$", "", text).replace(".", "").isupper()  # U.N., DOJ's


def _romanised(name: Name, target: str, lang: str, reading_of_other: bool = False) -> tuple[Span, str] | None:
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
                ch in TRANSLITERATION for ch in span.text) and not _cuts_a_dotted_name(span, target))
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
        found = _romanised(name, target, other, reading_of_other=True)
        if found and found[1] == "romanisation":
            return found[0], f"romanisation ({'Japanese' if other == 'ja' else 'Chinese'} reading)"
    return None


def _other_loanword(katakana: str, name: Name) -> bool:
    """Whether `katakana` is a JMdict loanword for a word not in the name: ヴァンパイア of
    インタビュー・ウィズ・ヴァンパイア is no Rice, システム no Spillane; ブラウン may be Brown."""
    if katakana not in jmdict_loanwords():
        return False
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", name.text)} - STOPWORDS
    return jmdict_senses(katakana).isdisjoint(words)


# A foreign full name transliterated part by part: 汉娜·怀特豪斯, ハンナ・ホワイトハウス.
_DOTTED = {
    "ja": re.compile(r"[\u30a1-\u30ff]+(?:[・=＝][\u30a1-\u30ff]+)+"),
    # Chinese may space the dots and keep a middle initial in Latin: 丹尼斯 ·M· 凯莱赫.
    # The parts after a dot may run long (坎贝尔和安德鲁 of 帕特里克·坎贝尔和安德鲁·康威): a second
    # name's first part must not be cut off; _dotted_spans splits them.
    "zh": re.compile(r"[\u3400-\u9fff]{1,6}(?:\s?[·•・‧]\s?(?:[\u3400-\u9fff]{1,14}|[A-Z]\.?))+"),
}


def _dotted(name: Name, target: str, lang: str, exclude: tuple[Span, ...] = ()) -> tuple[Span, str] | None:
    """The part-by-part transliteration whose last part best spells the English surname, by the
    learned scorer (a given name alone matches too many people: ティム has Tony's consonants, and a
    right given name before a wrong surname is another person); spans in `exclude` belong to other
    names. A Chinese last part may run into the next word by a character (波利特修订了)."""
    if not _person_like(name) or " " not in name.text:
        return None
    surname = re.split(r"[\s-]+", " ".join(_name_words(name.text)))[-1]  # Lada-Konefal is ラダ＝コネファル
    least = transliteration.threshold(lang)
    best: tuple[float, Span] | None = None
    for span in _dotted_spans(target, lang):
        if any(s.start < span.end and span.start < s.end for s in exclude):
            continue
        part = re.split(r"[・=＝·•‧]", span.text)[-1].strip()
        if not part or lang == "ja" and _other_loanword(part, name):
            continue
        trimmed = [part[:-1]] if lang != "ja" and len(part) >= 3 else []
        score = max(transliteration.score(surname, p, lang) for p in [part, *trimmed])
        if score >= least and (best is None or score > best[0]):
            best = (score, span)
    return (best[1], _DOTTED_EVIDENCE) if best else None


_DOTTED_EVIDENCE = "transliteration (dotted full name)"
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _name_words(text: str) -> list[str]:
    """The words of a name without Jr. / Sr. / III (小肯尼思·波利特 is Kenneth Polite Jr.)."""
    return [w for w in text.split() if w.rstrip(".,").lower() not in _SUFFIXES]


# Words that join two names in a Chinese list (康纳·默里和基思·厄尔斯).
_JOINERS = re.compile(r"[和与與及同跟或的在说說是对對向将將把被到至等]")


def _dotted_spans(target: str, lang: str):
    """Dotted full names of `target`; in Chinese, trimmed of the words the parts run into
    (父亲穆阿迈尔·卡扎菲说) and split where a joining word stands between two names."""
    for m in _DOTTED["ja" if lang == "ja" else "zh"].finditer(target):
        if lang == "ja":
            yield Span(m.group(0), m.start(), m.end())
            continue
        for text, start in _between_names(m.group(0), m.start()):
            # The last part ends where its transliteration does, at two plain characters in a row
            # (托马斯·杨 of 托马斯·杨拒绝了奥马; 汉考克 keeps its 考).
            last = max(text.rfind(dot) for dot in "·•・‧") + 1
            plain = re.search(f"[^{_TRANSLITERATION_CHARS}A-Z]{{2}}", text[last:])
            text = text[:last + plain.start()] if plain else text
            while text and text[-1] not in TRANSLITERATION and text[-1] not in "·•・‧":
                text = text[:-1]
            while text and text[0] not in TRANSLITERATION:
                text, start = text[1:], start + 1
            if re.search("[·•・‧]", text.strip("·•・‧")):
                yield Span(text, start, start + len(text))


def _between_names(run: str, offset: int) -> list[tuple[str, int]]:
    """(text, start) of the pieces of a run of dotted parts that are one name each: split at a
    joining word, and inside a part between two dots at its last character that no
    transliteration uses (坎贝尔让安德鲁 is 坎贝尔 | 安德鲁)."""
    pieces = []
    for piece in re.split(f"({_JOINERS.pattern})", run):
        dots = [i for i, c in enumerate(piece) if c in "·•・‧"]
        cut = next((i for a, b in zip(dots, dots[1:], strict=False) for i in range(b - 1, a, -1)
                    if piece[i] not in TRANSLITERATION and not piece[i].isspace() and not piece[i].isascii()), None)
        if cut is None:
            pieces.append((piece, offset))
        else:
            pieces += [(piece[:cut], offset), *_between_names(piece[cut + 1:], offset + cut + 1)]
        offset += len(piece)
    return pieces


def _cuts_a_dotted_name(span: Span, target: str) -> bool:
    """Whether a Chinese span ends inside one part of a dotted name (理斯 of 斯科特·布鲁斯特): the
    sounds of a part belong to that part's person. (It may start inside one: the part's edge
    can hold a word it runs into, 理 of 总经理.)"""
    return any(start < span.end < end for start, end in _dotted_parts(target))


@lru_cache(maxsize=256)
def _dotted_parts(target: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every part of every dotted name of a Chinese `target`."""
    parts = []
    for span in _dotted_spans(target, "zh"):
        offset = span.start
        for piece in re.split(r"([·•・‧])", span.text):
            if piece.strip() and piece not in "·•・‧":
                lead = len(piece) - len(piece.lstrip())
                parts.append((offset + lead, offset + len(piece.rstrip())))
            offset += len(piece)
    return tuple(parts)


def _same_onset(key: str, english: str, reading: str, lang: str) -> bool:
    """Whether a transliteration starts with the English consonant class; pinyin blurs some:
    加 jia is Ga, 詹 zhan is Gen, 扎 zha is Za, and 约 yue is Jo."""
    if key[:1] == english[:1]:
        return True
    return lang != "ja" and (reading[:1] in "yw" or {key[:1], english[:1]} <= {"d", "g", "s"})


def find_name(name: Name, target: str, lang: str, glossary: Glossary) -> tuple[Span, str] | None:
    """Where `name` is rendered in `target` and by which evidence, or None."""
    entry = glossary.lookup(name.text)
    if entry and (span := _find_literal(target, entry.renderings(lang))):
        return span, "glossary"
    if span := _latin(name, target):
        return span, "latin"
    key = name.text.lower().removeprefix("the ")
    cldr = cldr_names().get(key, {}).get(lang)
    if cldr and (span := _find_literal(target, cldr)):
        return span, "cldr"
    if (code := territory(key)) and (at := find_abbreviation(code, target, lang)):
        return Span(target[at[0]:at[1]], *at), "country abbreviation"
    undotted = key.replace(".", "")  # U.N. is UN to the dictionaries
    singular = key[:-1] if key.endswith("s") and " " not in key else key  # the Balkans, 巴尔干
    forms = sorted(cedict_names().get(key, set()) | cedict_names().get(undotted, set())
                   | cedict_names().get(singular, set()), key=len, reverse=True)
    if forms and (span := _find_literal(target, forms)):
        return span, "cc-cedict"
    if lang != "ja" and forms and (span := _homophone(target, forms)):
        return span, "cc-cedict (same sounds)"
    if lang != "ja" and (m := _continent_part(forms, target)):
        return Span(target[m.start():m.end()], m.start(), m.end()), "cc-cedict (region of the continent)"
    if lang == "ja":
        forms = jmdict_names().get(key, set()) | jmdict_names().get(undotted, set())
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
    forms = sorted(cedict_names().get(surname, ()), key=len, reverse=True) if name.label == "PERSON" else []
    if " " in name.text and forms and (span := _find_literal(target, forms)):
        return span, "cc-cedict (surname)"
    found = _romanised(name, target, lang) or _jmnedict(name, key, target, lang, surname=True) or _dotted(
        name, target, lang) or _surname_sounds(name, target, lang)
    if found and not _spelled_well_enough(name, found):
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
                   and w.lower() not in _COMMONORG_WORDS]
    # Alaska Airlines is 阿拉斯加航空公司: its proper word, by any evidence, stands for it; not a
    # country's name, which the story names anyway (China Daily is not 中国).
    if name.label == "ORG" and len(name.text.split()) > 1 and distinctive and not territory(
            distinctive[0].lower()) and (
            found := find_name(Name(distinctive[0], "ORG", name.span), target, lang, glossary)) and (
            found[1] != _LONGER_NAME):  # the European Parliament is not the EU
        return found[0], f"{found[1]} of {distinctive[0]!r} only"
    return None


_LONGER_NAME = "dictionary (a longer name)"


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


def _person_like(name: Name) -> bool:
    """A person, or two or three words that are no vocabulary (Vicente Siso, which spaCy may tag
    as a place): read part by part as a dotted transliteration."""
    words = name.text.split()
    parts = [p for w in words for p in w.split("-")]  # Kasia Walicka-Maimone
    return name.label == "PERSON" or 2 <= len(words) <= 3 and all(
        p[:1].isupper() and p[1:].islower() and p.isalpha() and p.lower() not in english_words() for p in parts)


def _in_dictionary(name: Name, lang: str) -> bool:
    """Whether a dictionary has a rendering of `name` (Arizona 亚利桑那): then a word that merely
    sounds near it does not explain its absence."""
    key = name.text.lower().removeprefix("the ")
    return bool(cedict_names().get(key) if lang != "ja" else jmdict_names().get(key) or jmnedict_names().get(key))


def _sounds_near(name: Name, target: str, lang: str, taken: list[Span]) -> Span | None:
    """A transliterated word that no other name explains and whose consonants are near the
    name's (ratio 0.6, same first class): too weak to call the name preserved, enough to doubt
    that it is lost."""
    if _is_acronym(name.text):
        return None  # an acronym is spelled or translated, never sounded (UN is not ヤン)
    tokens, keys = _sound_keys(name, variants=False)
    wanted = keys - {""}
    runs = _KATAKANA_WORD.finditer(target) if lang == "ja" else _TRANSLITERATED_RUN.finditer(target)
    for m in runs:
        if any(s.start < m.end() and m.start() < s.end for s in taken) or m.group() in jmdict_loanwords():
            continue  # explained by another name, or a word of the language (アナリスト, ツイート)
        reading = _kana_romaji(m.group()) if lang == "ja" else pinyin(m.group())
        key = phonetic_key(reading)
        if any(key[:1] == w[:1] and SequenceMatcher(None, key, w).ratio() >= 0.6 for w in wanted):
            return Span(m.group(), m.start(), m.end())
        # A name of vowels, h, w and y has no skeleton (Yahya): its h, w and y are compared (叶海亚).
        if not wanted and re.sub("[aeiou]", "", reading) == re.sub("[aeiou]", "", "".join(tokens)):
            return Span(m.group(), m.start(), m.end())
    return None


_TRANSLITERATION_CHARS = "".join(sorted(TRANSLITERATION))
_TRANSLITERATED_RUN = re.compile(f"[{_TRANSLITERATION_CHARS}]{{3,}}")


def _surname_sounds(name: Name, target: str, lang: str) -> tuple[Span, str] | None:
    """A transliteration of a person's surname alone (卢卡申科 for Aleksander Lukashenko): the
    last resort, after the full name and its dotted rendering."""
    words = _name_words(name.text)
    if name.label != "PERSON" or len(words) < 2:
        return None
    found = _romanised(Name(words[-1], "PERSON", name.span), target, lang)
    return (found[0], f"{found[1]} (surname)") if found else None


# A consonant skeleton matches words that spell another name entirely (インド has Modi's, システム
# Sydney's): the learned transliteration scorer vetoes a match by sound that it rates below its
# 1%-false-match threshold by more than half a point (pipeline.fidelity.transliteration).
_VETO_MARGIN = 0.5


def _spelled_well_enough(name: Name, found: tuple[Span, str]) -> bool:
    """Whether a match by a consonant skeleton (of the name or its surname) is one the learned
    scorer accepts; matches by dictionary or exact romanisation always are, and a dotted name was
    chosen by the learned score of its surname already."""
    span, evidence = found
    if "phonetic" not in evidence and not evidence.endswith("(surname)"):
        return True
    english = _name_words(name.text)[-1] if evidence.endswith("(surname)") else name.text
    lang = "ja" if re.search(r"[\u3040-\u30ff]", span.text) else "zh"  # a Chinese name may be read in Japanese
    return transliteration.score(english, span.text, lang) >= transliteration.threshold(lang) - _VETO_MARGIN


def _learned_span(name: Name, target: str, lang: str, taken: list[Span], least: float) -> tuple[Span, float] | None:
    """The span of `target` that the learned scorer finds spelling the name (its surname for a
    person) with a score of at least `least`, outside spans other names took; never an acronym."""
    if _is_acronym(name.text) or not re.search(r"[A-Za-z]{3}", name.text) or lang != "ja" and _in_dictionary(
            name, lang):
        return None  # CC-CEDICT's rendering is the standard form: no sound-alike stands in (JMnedict's
        # katakana forms are some spellings among several)
    words = _name_words(name.text)
    if name.label == "PERSON" and len(words) > 1:
        english = words[-1]
    else:
        # A place or body by its proper word: Lake Tahoe is 太浩湖, its "Lake" translated.
        proper = [w for w in words if w[:1].isupper() and w.lower() not in english_words()]
        english = max(proper, key=len) if proper and len(words) > 1 else name.text
    found = transliteration.best_span(english, target, lang)
    if not found or found[2] < least or any(t.start < found[1] and found[0] < t.end for t in taken):
        return None
    span = Span(target[found[0]:found[1]], found[0], found[1])
    # Chinese writes a foreign name with the characters of the transliteration tables: 系统 is no
    # Sydney, 可能 no Ukraine. One other character may be a place word (汉普郡) or a sound the
    # table lacks (太浩).
    if lang != "ja" and sum(ch not in TRANSLITERATION for ch in span.text) > min(1, len(span.text) - 1):
        return None
    return span, found[2]


def learned_rendering(name: Name, target: str, lang: str, taken: list[Span]) -> tuple[Span, str] | None:
    """A rendering the learned scorer finds above the stricter threshold of a search over a whole
    text: the name, transliterated as no dictionary lists it."""
    found = _learned_span(name, target, lang, taken, transliteration.span_threshold(lang))
    return (found[0], f"transliteration (learned, {found[1]:.2f})") if found else None


def _learned_near(name: Name, target: str, lang: str, taken: list[Span]) -> Span | None:
    """A span of three characters or more that the learned scorer rates a possible spelling of the
    name (halfway between its 1%-false-match thresholds for a pair and for a search over a whole
    text, which tries many spans): doubt, not a loss. Not for a Japanese or Chinese person, whose
    kanji / hanzi are read, not transliterated."""
    if written_in_kanji(name.text):
        return None
    least = (transliteration.threshold(lang) + transliteration.span_threshold(lang)) / 2
    found = _learned_span(name, target, lang, taken, least)
    return found[0] if found and len(found[0].text) >= 3 else None


# Words of organisation names that say what, not who ("Research", "National").
_COMMONORG_WORDS = {"research", "national", "international", "foreign", "affairs", "of", "and", "the", "central",
                     "general", "federal", "state", "public", "world", "global", "new"}


# English words that are also names in JMnedict, whose katakana form is no standard for the word.
_COMMON_WORDS = {"house", "time", "times", "post", "star", "sun", "mirror", "guardian", "state", "mail", "news",
                 "express", "herald", "daily", "world", "street", "white", "black", "green", "brown"}


def known_rendering(name: Name, lang: str, glossary: Glossary) -> str:
    """The standard rendering of `name` in `lang` when the glossary or a dictionary has one, else ""."""
    entry = glossary.lookup(name.text)
    if entry and entry.listed(lang):
        return entry.listed(lang)[0]
    key = name.text.lower().removeprefix("the ")
    if cldr := cldr_names().get(key, {}).get(lang):
        return cldr[0]
    if lang == "ja":
        if len(key) < 4 or name.text.isupper() or key in _COMMON_WORDS:
            return ""  # JMnedict reads acronyms and words as names: UN ウン, House ハウス
        forms = jmnedict_names().get(key, ())
        # A Chinese name is written in kanji (北京, not ペキン; 習近平): the form that reads as the
        # name in pinyin. London's 倫敦 reads lundun, Paris's 巴里 bali: old ateji, not chosen.
        chinese = [f for f in forms if not KATAKANA_RUN.match(f) and pinyin(f) == key.replace(" ", "")]
        if chinese:
            return chinese[0]
        katakana = [f for f in forms if KATAKANA_RUN.match(f)]
        # A foreign name with one katakana form in JMnedict (モスクワ, マンデラ) has a standard
        # rendering; several forms (ジョンスン, ジヨンソン ...) mean usage varies.
        return katakana[0] if len(katakana) == 1 else ""
    if name.label != "PERSON" and key not in _COMMON_WORDS and (simplified := cedict_standard().get(key)):
        # A place or body with one plain CC-CEDICT rendering (莫斯科, 欧盟): Chinese only. People
        # are left out: "Johnson" is 约翰逊 to readers and 强生 to the dictionary.
        return simplified if lang == "zh-Hans" else opencc_s2hk().convert(simplified)
    return ""


def check_names(names: list[Name], target: str, lang: str, glossary: Glossary) -> list[Finding]:
    """One finding per source name: preserved (with its evidence) or missing."""
    findings = []
    matches = [find_name(name, target, lang, glossary) for name in names]
    taken = [m[0] for m in matches if m and m[1] != _DOTTED_EVIDENCE]
    for i, name in enumerate(names):
        if matches[i] and matches[i][1] == _DOTTED_EVIDENCE:
            # One rendering, one name: a dotted name another name explains is not this one's. The
            # stronger evidence already failed for this name, so only the dotted step is redone.
            matches[i] = _dotted(name, target, lang, tuple(taken))
            if matches[i]:
                taken.append(matches[i][0])
    for i, name in enumerate(names):
        if not matches[i] and (calque := _calque(name, target, lang, taken)):
            matches[i] = calque
            taken.append(calque[0])
    for i, name in enumerate(names):
        # A rendering near a dictionary's is a variant of it (赫尔伯特 / 赫伯特, 欧州会議 / 欧州議会).
        if not matches[i] and (variant := near_form(target, dictionary_forms(name, lang, glossary), lang)) and not any(
                t.start < variant[0].end and variant[0].start < t.end for t in taken):
            matches[i] = variant[0], f"variant of the dictionary's {variant[1]}"
            taken.append(variant[0])
        elif not matches[i] and lang == "ja" and (spelled := e2k_rendering(name, target)) and not any(
                t.start < spelled[0].end and spelled[0].start < t.end for t in taken):
            matches[i] = spelled[0], f"transliteration (e2k: {spelled[1]})"
            taken.append(spelled[0])
        elif not matches[i] and (learned := learned_rendering(name, target, lang, taken)):
            matches[i] = learned
            taken.append(learned[0])
    # Every rendering is known before a missing name looks for an unexplained word near its sound.
    for name, found in zip(names, matches, strict=True):
        if found and found[1] == "latin" and (impostor := _bracketed_impostor(name, found[0], target, lang, glossary)):
            findings.append(impostor)
        elif found:
            span, evidence = found
            findings.append(Finding("name", "preserved", "info", name.span, span, name.text, span.text, evidence,
                                    f"{name.text} → {span.text} ({evidence})"))
        else:
            expected = known_rendering(name, lang, glossary)
            near = None
            # A one-word "person" is often spaCy's guess at a team, a virus or a place (Munster,
            # Covid): an error only when a full name, or when the glossary or a dictionary knows it.
            full_name = " " in name.text and _person_like(name)
            severity = "error" if expected or full_name or _attested(name, lang) else "warning"
            message = f"{name.text} ({name.label}) not found" + (f"; expected {expected}" if expected else "")
            if severity == "error" and name.before_institution:
                severity = "warning"  # 連邦議会議事堂 for "the U.S. Capitol": the country goes without saying
                message += "; named only before one of its institutions"
            elif not name.as_location and (country := _country_of_seat(name, target, lang, names)):
                severity = "warning"  # "Washington said" is often translated 米国 (the government)
                message += f"; its country is named ({country}): the capital may stand for the government"
            elif severity == "error" and not expected and not _in_dictionary(name, lang) and (
                    near := _sounds_near(name, target, lang, taken)):
                severity = "warning"  # モラヴィエツキ for Morawiecki: Polish w, too far for a match
                message += f"; {near.text} sounds near it"
            elif severity == "error" and not expected and name.label == "ORG" and (
                    title := _unexplained_title(target, taken)):
                severity = "warning"  # told Newsweek: 《新闻周刊》, a publication translated by meaning
                message += f"; the title {title} may translate it"
            elif severity == "error" and not expected and (near := _learned_near(name, target, lang, taken)):
                severity = "warning"  # a transliteration the scorer rates possible, not sure
                message += f"; {near.text} may spell it"
            elif severity == "error" and (words := meaning_words(name, target, lang)):
                severity = "warning"  # British Airways 英国航空公司: a body translated word by word
                message += f"; its words may be translated by meaning ({', '.join(words)})"
            # A near-sounding word is kept as the finding's target: the likeliest wrong rendering.
            findings.append(Finding("name", "missing", severity, name.span, near, expected, "",
                                    "no glossary, Latin, dictionary or romanisation match", message))
    return findings


# What a body's name translated by meaning ends with (公职人员环境责任协会, 公務員環境責任協会): the
# word that says it is a body, which a calque adds when the English has none.
_BODY_SUFFIX = {
    "zh": re.compile(r"(?:组织|协会|学会|委员会|基金会|联盟|联合会|中心|研究所|研究院|公司|集团|机构"
                     r"|局|署|部|会|党|院|社|团|所)"),
    "ja": re.compile(r"(?:組織|協会|学会|委員会|基金|連盟|連合|センター|研究所|会社|グループ|機関|機構"
                     r"|局|庁|省|部|会|党|院|社|団|所)"),
}
# Characters allowed between two translated words of a calque beyond the words themselves (对, の).
_CALQUE_GAP = 2


def _calque(name: Name, target: str, lang: str, taken: list[Span]) -> tuple[Span, str] | None:
    """A body of three or more content words translated word by word (Public Employees for
    Environmental Responsibility → 公共员工对环境责任组织; human translators do this too: 美国公职人员
    环境责任协会): each word's dictionary translation in one tight run that ends with a word for a
    body. With four or more words one may be rendered freely (公职人员 for "public employees").
    Written here because no library aligns a name's words; the dictionaries are the quote check's."""
    if name.label == "PERSON":
        return None
    words = [w for w in re.findall(r"[a-z]{3,}", name.text.lower()) if w not in STOPWORDS]
    if len(words) < 3:
        return None
    index = jmdict_glosses(STOPWORDS) if lang == "ja" else cedict_glosses(STOPWORDS)
    folded = target if lang == "ja" else opencc_t2s().convert(target)  # same length: offsets hold
    places = []
    for word in words:
        forms = {*suffix_forms(word), *english_stems([word])}  # environmental → environment
        renderings = {r for form in forms for r in index.get(form, ()) if len(r) >= 2}
        places.append([(m.start(), m.start() + len(r)) for r in renderings for m in re.finditer(re.escape(r), folded)])
    body_suffix = _BODY_SUFFIX["ja" if lang == "ja" else "zh"]
    needed = len(words) - (len(words) >= 4)
    best = None
    # The run ends where a body word follows one of the words; each other word is its rendering
    # nearest before that end.
    for end in {e for occurrences in places for _, e in occurrences}:
        if not (body := body_suffix.match(folded, end)):
            continue
        chosen = sorted(o for o in (max((o for o in occurrences if o[1] <= end), default=None)
                                    for occurrences in places) if o)
        while len(chosen) > needed and _loose(chosen, end):
            chosen.pop(0)  # the word rendered freely is the one far from the others
        start = chosen[0][0] if chosen else end
        if len(chosen) < needed or _loose(chosen, end) or any(t.start < body.end() and start < t.end for t in taken):
            continue
        if best is None or body.end() - start < best[1] - best[0]:
            best = (start, body.end())
    if best is None:
        return None
    return Span(target[best[0]:best[1]], *best), "dictionary translations of its words (calque)"


def _loose(spans: list[tuple[int, int]], end: int) -> bool:
    """Whether sorted `spans` ending at `end` leave more than a particle or two between words."""
    return end - spans[0][0] > sum(e - s for s, e in spans) + _CALQUE_GAP * (len(spans) - 1)


_CURRENCY_CODES = frozenset(list_currencies())
# Words spaCy tags as places that name a direction or a bloc (the West is 西側諸国, 西方).
_GENERIC_PLACES = {"west", "east", "north", "south", "midwest", "middle east"}


# Kanji that end the name of a body (世界食糧計画, 国際通貨基金, 中央情報局): the JMdict senses of an
# acronym that are institutions, not terms (EPA is also 経済連携協定, SNP 一塩基多型).
_BODY = re.compile(r"(?:国連|連合|連邦|機関|機構|基金|計画|組織|同盟|局|庁|省|委員会)$")


def _attested(name: Name, lang: str) -> bool:
    """Whether `name` is surely a name to render, so that its absence is an error: a dictionary
    knows it (JMdict / JMnedict katakana for Japanese, a CC-CEDICT entry of mainland usage for
    Chinese), or its form does (Gabba, EverGrow, G7). Never a currency code (USD) or a
    direction (the West is 西側諸国). (Many-word
    organisations without an entry stay warnings: most are translated by meaning, West Midlands
    Police, Scottish Government, and measured as errors they alarm on 5% of human translations.)"""
    key = name.text.lower().removeprefix("the ")
    if key in _COMMON_WORDS or key in _GENERIC_PLACES or name.text.upper() in _CURRENCY_CODES:
        return False
    if name.label == "PERSON" and key not in english_words():
        return True  # one word, no vocabulary word (Rosendale, not Vampire or Sharing)
    if _proper_word(name.text, name.label):
        return True  # a place or body by a word of no vocabulary (Gabba, Scholz as a place)
    if any(_INNER_CAPITAL.fullmatch(w) for w in name.text.split()):
        return True  # a brand's inner capital (EverGrow Coin, FedEx Field): a coined word, no vocabulary
    if _NUMBERED_ACRONYM.fullmatch(name.text):
        return True  # a group by its number (G7, G20, COP28): kept in Latin or spelled out, never dropped
    if lang != "ja":
        return bool(cedict_mainland_names().get(key))
    if name.label == "ORG" and _PLURAL_WORD.fullmatch(name.text) and jmdict_loanword_senses().get(key[:-1]):
        return True  # a team by a plural (the Cowboys, Wasps): Japanese writes the loanword, カウボーイズ
    if name.text.replace(".", "").isupper():
        return any(_BODY.search(f) for f in jmdict_names().get(key, ()))
    katakana = [f for f in jmnedict_names().get(key, ()) if KATAKANA_RUN.match(f)] if len(key) >= 4 else []
    return bool(jmdict_names().get(key) or katakana)


# A body by one plural word (the Cowboys, Wasps: a team), by an acronym with a number (G7, COP28).
_PLURAL_WORD = re.compile(r"[A-Z][a-z]+s")
_NUMBERED_ACRONYM = re.compile(r"[A-Z]+[0-9]+")
# A word with a capital inside (EverGrow, CoinMarket, FedEx, McCarthy) is coined, never vocabulary.
_INNER_CAPITAL = re.compile(r"[A-Z][a-z]+[A-Z][a-z]+\w*")

# A newspaper, magazine or channel in 《》 (《新闻周刊》, 《每日镜报》); not a law or a book.
_PUBLICATION = re.compile(r"《[^《》]{0,12}(?:报|報|刊|志|誌|台|社|网|網|新闻|新聞|电视|電視)》")


def _unexplained_title(target: str, taken: list[Span]) -> str | None:
    """A publication's title in 《》 that no found name accounts for."""
    for m in _PUBLICATION.finditer(target):
        if not any(s.start < m.end() and m.start() < s.end for s in taken):
            return m.group()
    return None


def _proper_word(text: str, label: str) -> bool:
    """One capitalised word that is no vocabulary, not as a plural (Cowboys) nor, for a body, as two
    words run together (Newsweek, Seahawks: brands that Chinese translates by meaning; places are
    not: Bucklebury)."""
    if not (text.isalpha() and text[:1].isupper() and text[1:].islower()):
        return False
    words = english_words()
    word = text.lower()

    def known(w: str) -> bool:
        return w in words or w.endswith("s") and (w[:-1] in words or w.endswith("es") and w[:-2] in words)

    # A combining form counts as a word (Russophobia, Sinophile).
    return not known(word) and not (label == "ORG" and any(
        (known(word[:i]) or i >= 4 and word[i - 1] == "o") and known(word[i:]) for i in range(3, len(word) - 3)))


def _country_of_seat(name: Name, target: str, lang: str, names: list[Name]) -> str | None:
    """The rendering of the country whose capital or seat of government `name` is, when `target`
    names that country more often than the source does: a mention of the country that the
    source's own "Russia" explains cannot also stand for its "Moscow"."""
    code = CAPITALS.get(name.text.lower().removeprefix("the "))
    if code is None:
        return None
    country = Name(english_name(code), "GPE", name.span)
    found = find_name(country, target, lang, Glossary([]))
    if not found:
        return None
    in_source = sum(territory(other.text) == code for other in names)
    return found[0].text if target.count(found[0].text) > in_source else None


# People named in a translation, by the titles around them (model-free stand-in for GiNZA NER):
# Japanese writes the name before the title (木原稔官房長官, 毛寧報道官, 木内氏), Chinese mostly after
# it (发言人毛宁, 首相高市早苗).
_JA_PERSON = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<name>[\u4e00-\u9fff]{2,6}?|[\u30a1-\u30fa][\u30a1-\u30ff・]{1,14})"
    r"(?=氏|さん|首相|大臣|官房長官|長官|報道官|議員|大統領|社長|総裁|委員長|知事|市長|外相|国務長官)"
)
_ZH_PERSON = re.compile(
    r"(?:发言人|發言人|总统|總統|首相|总理|總理|部长|部長|外长|外長|主席|官房长官|官房長官|经济学家|經濟學家|议员|議員)"
    r"(?![们們的]|期间|期間)(?P<name>[\u4e00-\u9fff]{2,6}?|[\u4e00-\u9fff]{1,5}·[\u4e00-\u9fff]{1,6})"
    r"(?=[，,。、在对對表说說称稱指宣向于於的])"
)
_NOT_NAMES = {"官房", "日本", "中国", "中國", "政府", "内阁", "內閣", "外務", "外务", "副", "前", "现任", "現任", "同",
              "当时", "當時"}


def added_people(target: str, lang: str, findings: list[Finding]) -> list[Finding]:
    """People named in `target` whom no source name accounts for: likely invented."""
    pattern = _JA_PERSON if lang == "ja" else _ZH_PERSON
    explained = [f.target for f in findings if f.kind == "name" and f.target is not None]
    out = []
    for m in pattern.finditer(target):
        start, end = m.span("name")
        text = m.group("name")
        if text in _NOT_NAMES or any(s.start < end and start < s.end for s in explained):
            continue
        out.append(Finding("name", "added", "warning", None, Span(text, start, end), "", text,
                           "a person named by a title, matching no source name",
                           f"{text} is named in the translation but not in the source"))
    return out


# Titles that may stand between a kept English name and the rendering before it.
_TRAILING_TITLE = re.compile(r"(?:氏|さん|首相|大臣|長官|报道官|報道官|议员|議員|大統領|总统|總統|总理|總理|部长|部長|"
                             r"主席|市长|市長|知事|先生|女士|教授|博士)$")


def _bracketed_impostor(name: Name, latin: Span, target: str, lang: str, glossary: Glossary) -> Finding | None:
    """A person kept in English inside brackets after a CJK name that is not theirs (东京首相
    森友茂（Yokoyama）): the English is a gloss, the name before it is what readers read."""
    if name.label != "PERSON" or not (run := text_before_bracket(target, latin)):
        return None
    text = _TRAILING_TITLE.sub("", run.text)
    candidates = [s for s in name_candidates(text, lang) if s.end == len(text)]
    rendering = candidates[-1].text if candidates else text[-3:]
    if len(rendering) < 2 or find_name(name, rendering, lang, glossary) or find_name(name, run.text, lang, glossary):
        return None
    start = run.start + text.rfind(rendering)
    span = Span(rendering, start, start + len(rendering))
    # Positive evidence of a wrong name: a Japanese or Chinese person (whose kanji / hanzi a
    # reading verifies) written with characters that do not read as the name. A Western name's
    # transliteration may merely be one our matching does not know: a warning.
    severity = "error" if written_in_kanji(name.text) and not KATAKANA_RUN.match(rendering) else "warning"
    return Finding("name", "altered", severity, name.span, span, name.text, rendering,
                   "a CJK name before the English name in brackets, not rendering it",
                   f"{name.text} is glossed in brackets after {rendering}, which does not render it")


def added_names(target: str, lang: str, findings: list[Finding], source: str, glossary: Glossary) -> list[Finding]:
    """Names of `target` that no source name explains: people named by a title (likely invented),
    dotted full names, in Japanese katakana words that are no loanword, in Chinese CC-CEDICT's
    proper nouns. Each is matched in reverse against the source's capitalised words, by the same
    evidence as a source name, and a proper noun whose meaning the source says in lower case is
    explained too."""
    people = added_people(target, lang, findings)
    explained = [f.target for f in findings if f.kind == "name" and f.target is not None]
    others = [s for s in name_candidates(target, lang) if not any(p.target.start < s.end and s.start < p.target.end
                                                                  for p in people)]
    runs = [run.rstrip(".'’") for run in source_name_runs(source)]
    out = []
    for span in [p.target for p in people] + others:
        if any(s.start < span.end and span.start < s.end for s in explained):
            continue
        if glossed_in_source(span, source, lang) or any(
                find_name(Name(run, "PERSON", Span(run, 0, len(run))), span.text, lang, glossary) for run in runs):
            continue
        out.append(Finding("name", "added", "warning", None, span, "", span.text,
                           "a name of the translation matching no source word",
                           f"{span.text} is named in the translation but not in the source"))
    return out
