"""Names the translation has and the source lacks: people by the titles around them, a person
glossed in brackets after another name, and any name no source name explains ("added"); and the
reverse, a Chinese person after a title read as a source name's rendering."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from pipeline.fidelity import transliteration
from pipeline.fidelity.countries import CAPITALS, added_countries, english_name
from pipeline.fidelity.dictionaries import cedict_words, cldr_cities, opencc_t2s
from pipeline.fidelity.facts import Finding, Name, Span
from pipeline.fidelity.glossary import Glossary
from pipeline.fidelity.jmdict import GIVEN_KINDS, jmdict_loanwords, jmdict_senses, jmnedict_kinds
from pipeline.fidelity.lemmas import STOPWORDS
from pipeline.fidelity.name_evidence import (
    BODY_ENDING,
    another_persons_name,
    another_place_or_body,
    common_words,
    glossed_in_source,
    is_country_form,
    is_region_form,
    name_candidates,
    names_another_person,
    part_of_longer_word,
    source_name_runs,
    text_before_bracket,
    written_in_kanji,
)
from pipeline.fidelity.names_dotted import cuts_a_dotted_name, name_words, person_like
from pipeline.fidelity.names_match import find_country, find_name
from pipeline.fidelity.names_sound import transliteration_characters
from pipeline.fidelity.romanise import KATAKANA_RUN
from pipeline.fidelity.transliteration_units import DOTS

# People named in a translation, by the titles around them (model-free stand-in for GiNZA NER):
# Japanese writes the name before the title (木原稔官房長官, 毛寧報道官, 木内氏), Chinese mostly after
# it (发言人毛宁, 首相高市早苗).
_JA_PERSON = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<name>[\u4e00-\u9fff]{2,6}?|[\u30a1-\u30fa][\u30a1-\u30ff・]{1,24})"
    r"(?=氏|さん|首相|大臣|官房長官|長官|報道官|議員|大統領|社長|総裁|委員長|知事|市長|外相|国務長官)"
)

# What follows a name in news: a verb of saying or meeting, a conjunction (and never starts one).
_AFTER_A_NAME = "在对對表说說称稱指宣向会會访訪警呼强強承否批透认認也将將曾已和与與及一仍并並还還亦"

_ZH_PERSON = re.compile(
    r"(?:发言人|發言人|总统|總統|首相|总理|總理|部长|部長|外长|外長|主席|官房长官|官房長官|经济学家|經濟學家|议员|議員|"
    r"国务卿|國務卿|秘书长|秘書長|执行长|執行長|执行官|執行官|党魁|黨魁|教宗|教皇|州长|州長|市长|市長|议长|議長)"
    # No name starts with those words (部长会见了记者和… names no one), nor with 府 (首相府, an office).
    rf"(?![们們的府{_AFTER_A_NAME}]|期间|期間)(?P<name>[\u4e00-\u9fff]{{2,6}}?|[\u4e00-\u9fff]{{1,5}}·[\u4e00-\u9fff]{{1,6}})"
    # After the name: a mark, one of those words, 于 / 的, a time.
    rf"(?=[，,。、于於的{_AFTER_A_NAME}]|[周週星今昨])"
)

_TITLED = "a person named by a title, matching no source name"

_ADDED_COUNTRY = "a country the source names in no form"

_KNOWN_ELSEWHERE = "a dictionary's person whom the article does not name"

_FULL_NAME = "a person's full name that no name of the article renders"

_A_CITY = "a city (CLDR) that no name of the article renders"

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
        if lang != "ja" and _reads_as_words(start, end, target):
            continue
        out.append(Finding("name", "added", "warning", None, Span(text, start, end), "", text,
                           _TITLED,
                           f"{text} is named in the translation but not in the source"))
    return out


def _reads_as_words(start: int, end: int, target: str) -> bool:
    """Whether what follows a Chinese title reads as words, not a name: it opens with a word of
    the language (总统选举, 首相应具有, 部长可能出于), or a word crosses either of its edges (部长级峰会,
    执行长官的). Chinese writes the title before the name, so the pattern's "name" is often the
    sentence going on; on the dev references, each of the 50 it found was."""
    folded = opencc_t2s().convert(target)
    if len(folded) != len(target):
        return False
    common = common_words()
    words = cedict_words()
    return any(folded[start:start + n] in common for n in (2, 3, 4) if start + n <= end) or any(
        folded[i:j] in words for i in range(max(0, start - 3), start) for j in range(start + 1, end + 1)) or any(
        folded[i:j] in words for i in range(start + 1, end) for j in range(end + 1, end + 4))


def titled_rendering(name: Name, target: str, lang: str, taken: list[Span]) -> tuple[Span, str] | None:
    """A person named by a title in a Chinese `target` (加拿大總理杜魯道, 总理蕭茲) whom the learned
    scorer rates a spelling of `name` at the pair threshold: the title marks one candidate, so the
    stricter threshold of a search over every span of a text does not apply. This reads the
    renderings no dictionary lists (Taiwan's 杜魯道 for Trudeau, 蕭茲 for Scholz), while another
    person put in the slot scores far below (蘇納克 for Trudeau). Not for a name written in kanji
    or hanzi, which readings verify, nor for a span a dictionary gives someone else."""
    found = _titled_span(name, target, lang, taken, transliteration.threshold(lang))
    return (found[0], f"transliteration (learned, after a title, {found[1]:.2f})") if found else None


# How far below the pair threshold a rendering after a title is still doubt, not a loss: Taiwan's
# 艾班尼斯 (Albanese, -2.47) and 奧特曼 (Altman, -2.45) stand just below it, while another person
# put in the slot scores -3.3 or less (馬克宏 for Albanese, 蘇納克 for Erdogan).
_TITLED_DOUBT = 0.5


def titled_near(name: Name, target: str, lang: str, taken: list[Span]) -> Span | None:
    """A person named by a title in a Chinese `target` whom the learned scorer rates just below a
    sure spelling of `name` (titled_rendering): a warning, not a loss."""
    found = _titled_span(name, target, lang, taken, transliteration.threshold(lang) - _TITLED_DOUBT)
    return found[0] if found else None


def _titled_span(name: Name, target: str, lang: str, taken: list[Span], least: float) -> tuple[Span, float] | None:
    if lang == "ja" or written_in_kanji(name.text) or not person_like(name):
        return None  # Japanese katakana is read by JMnedict, e2k and the scorer's search already
    # The surname, the whole name, or a name between the first and the last that news may use alone
    # (Lula of Luiz Inacio Lula da Silva): a given name alone (托马斯 for Thomas Massie) is what a
    # deleted surname leaves.
    words = name_words(name.text)
    candidates = [name.text] + ([words[-1]] if len(words) > 1 else []) + [
        w for w in words[1:-1] if w[:1].isupper() and len(w) >= 3]
    for m in _ZH_PERSON.finditer(target):
        start, end = m.span("name")
        if m.group("name") in _NOT_NAMES or any(t.start < end and start < t.end for t in taken) \
                or another_persons_name(m.group("name"), name.text, lang):
            continue
        best = max(transliteration.score(w, m.group("name"), lang) for w in candidates)
        if best >= least:
            return Span(m.group("name"), start, end), best
    return None


# The bracket closes right after the English name: it glosses the name and says nothing else.
_BRACKET_CLOSES = re.compile(r"\s*[）)]")

# Titles that may stand between a kept English name and the rendering before it.
_TRAILING_TITLE = re.compile(r"(?:氏|さん|首相|大臣|長官|报道官|報道官|议员|議員|大統領|总统|總統|总理|總理|部长|部長|"
                             r"主席|市长|市長|知事|先生|女士|教授|博士)$")


def bracketed_impostor(name: Name, latin: Span, target: str, lang: str, glossary: Glossary) -> Finding | None:
    """A person or place kept in English inside brackets after a CJK name that is not theirs (东京首相
    森友茂（Yokoyama）, 古城希腊（Ayodya）): the English is a gloss, the name before it is what
    readers read. A place is judged only on positive evidence, as its rendering may be a word
    (古城) and no name."""
    person = person_like(name)  # spaCy may take a person of two unknown words for a body (Shaquia Philpot)
    if not (person or name.label in ("GPE", "LOC")) or not (run := text_before_bracket(target, latin)):
        return None
    text = _TRAILING_TITLE.sub("", run.text)
    folded = text if lang == "ja" else opencc_t2s().convert(text)
    candidates = [s for s in name_candidates(text, lang) if s.end == len(text)]
    if BODY_ENDING["ja" if lang == "ja" else "zh"].search(folded):
        # 途易集团（Tui）: a body, whatever spaCy took it for; bodies are translated by meaning. But a
        # person by a given name and a surname is no body: a named body glossed by them is another
        # name (国际特赦组织（Michael Smith）).
        if not (candidates and _BRACKET_CLOSES.match(target, latin.end) and _given_name_first(name)):
            return None
        body = candidates[-1]
        return _impostor(name, Span(body.text, run.start + body.start, run.start + body.end), "error")
    rendering = candidates[-1].text if candidates else text[-3:]
    if len(rendering) < 2 or find_name(name, rendering, lang, glossary) or find_name(name, run.text, lang, glossary):
        return None
    # Positive evidence of a wrong name: a Japanese or Chinese person (whose kanji / hanzi a
    # reading verifies) written with characters that do not read as the name, a rendering the
    # dictionary gives to someone else, or a place, body or country there instead (记者巴西（Guy
    # Hedgecoe）). Otherwise a Western name's transliteration may merely be one our matching does
    # not know: a warning.
    # A name that reads as pinyin or as a Japanese name in kanji (Karen Lane: ka-ren la-ne) may be a
    # Western one all the same; then a rendering in the characters of transliterations (凯伦) spells
    # it by sound, and is not read.
    read = not KATAKANA_RUN.match(rendering) and (lang == "ja" or not transliteration_characters(rendering))
    misread = person and written_in_kanji(name.text) and read
    # A dictionary's other person is no proof where the rendering may spell a word of the name by
    # sound: 路易斯 is CC-CEDICT's Louis and Lewis, and a Luiz's too.
    someone_else = another_persons_name(rendering, name.text, lang) and not _may_spell_one(
        rendering, name_words(name.text), lang)
    # A full name dotted part by part is surely a person's; one that the learned scorer rates far
    # from this name, as a whole and by its last part, is someone else's (戴维•斯特林（Tamer Motea）).
    wrong = misread or someone_else or (person and _BRACKET_CLOSES.match(target, latin.end) is not None
                                        and _another_full_name(rendering, name, lang))
    # Only where the bracket holds the name alone: (Lydia Koniordou 饰演) says who plays the role.
    if not wrong and _BRACKET_CLOSES.match(target, latin.end) \
            and (other := another_place_or_body(text, name.text, lang)):
        wrong, rendering = True, other
    if not (wrong or person):
        return None
    start = run.start + text.rfind(rendering)
    return _impostor(name, Span(rendering, start, start + len(rendering)), "error" if wrong else "warning")


def _impostor(name: Name, span: Span, severity: str) -> Finding:
    return Finding("name", "altered", severity, name.span, span, name.text, span.text,
                   "a CJK name before the English name in brackets, not rendering it",
                   f"{name.text} is glossed in brackets after {span.text}, which does not render it")


# How far below the pair threshold a dotted full name must score to be another person's: on the dev
# references, right renderings before a bracketed name scored at least 0.2 below it (partial spans
# such as 德•库雷西 for Shah Mahmood Qureshi), other people's put there 1.8 to 4.5 below.
_FAR_BELOW = 1.6

_DOTTED_WHOLE = {"ja": re.compile(r"[\u30a1-\u30fa\u30fc]{2,}(?:[・=＝][\u30a1-\u30fa\u30fc]{2,})+"),
                 "zh": re.compile(r"[\u3400-\u9fff]{1,6}(?:[·•・‧][\u3400-\u9fff]{1,8})+")}


def _another_full_name(rendering: str, name: Name, lang: str) -> bool:
    if not _DOTTED_WHOLE["ja" if lang == "ja" else "zh"].fullmatch(rendering):
        return False
    words = name_words(name.text)
    best = max(transliteration.score(name.text, rendering, lang),
               transliteration.score(words[-1], DOTS.split(rendering)[-1], lang))
    return best < transliteration.threshold(lang) - _FAR_BELOW


def _given_name_first(name: Name) -> bool:
    """A person of two or more words whose first is a given name in JMnedict (Michael Smith): surely
    a person, not a body spaCy took for one (Tui)."""
    words = name.text.split()
    return name.label == "PERSON" and len(words) >= 2 and bool(
        jmnedict_kinds().get(words[0].lower(), set()) & GIVEN_KINDS)


def added_names(target: str, lang: str, findings: list[Finding], source: str, glossary: Glossary,
                document: str | None = None) -> list[Finding]:
    """Names of `target` that no source name explains: people named by a title (likely invented),
    dotted full names, in Japanese katakana words that are no loanword, in Chinese CC-CEDICT's
    proper nouns. Each is matched in reverse against the source's capitalised words, by the same
    evidence as a source name, and a proper noun whose meaning the source says in lower case is
    explained too. A person that neither `source` nor the article's `document` names is an error
    where there is positive evidence of one (a dictionary's person, or a dotted full name that
    nothing in the article may spell); other unexplained names are warnings."""
    people = added_people(target, lang, findings)
    explained = [f.target for f in findings if f.kind == "name" and f.target is not None]
    others = [s for s in name_candidates(target, lang) if not any(p.target.start < s.end and s.start < p.target.end
                                                                  for p in people)]
    runs = _source_runs(source)
    context = source if document is None else f"{source}\n{document}"
    # A titled person keeps its own finding; any other candidate gets one here.
    candidates = [(p.target, p) for p in people] + [(span, None) for span in others]
    out = []
    for span, finding in candidates:
        if any(s.start < span.end and span.start < s.end or _given_names_of(span, s, target) for s in explained):
            continue
        if any(_part_of_rendering(span.text, s.text) for s in explained):
            continue  # a later mention by part of a name already found (木原氏 after 木原稔官房長官)
        if _explained(span, source, runs, lang, glossary):
            continue
        # A person a dictionary reads as someone the article never names is positive evidence of an
        # addition (the reverse of a missing name with a known rendering); any other name, doubt,
        # as is one that may spell a name of the article (the sentence says "the president", the
        # article names him; or a transliteration our matching does not confirm).
        evidence = _KNOWN_ELSEWHERE if names_another_person(span, target, context, lang) else \
            _FULL_NAME if _a_persons_full_name(span, target, lang) else \
            _A_CITY if document is not None and _a_city(span.text, lang) else ""
        if evidence and not _LATIN_GLOSS.match(target, span.end) \
                and not _may_spell_one(span.text, article_runs := _article_runs(runs, document), lang) \
                and (document is None or not _explained(span, context, article_runs, lang, glossary)):
            out.append(Finding("name", "added", "error", None, span, "", span.text, evidence,
                               f"{span.text} is named in the translation but not in the source"))
            continue
        out.append(finding or Finding("name", "added", "warning", None, span, "", span.text,
                                      "a name of the translation matching no source word",
                                      f"{span.text} is named in the translation but not in the source"))
    # Countries are no name candidates (a translation may name the country a capital or a
    # minister implies): one the English names in no form, not even by its people or capital, is
    # doubt; one the whole article names in no form is an error: a translator makes explicit
    # only the countries the story is about.
    added = added_countries(target, lang, source)
    unsaid = {code for _, _, code in added_countries(target, lang, context)} - _ENGLISH_PRESS_HOMES \
        if added and document else set()
    for start, end, code in added:
        span = Span(target[start:end], start, end)
        if any(s.start < end and start < s.end for s in explained + [f.target for f in out]):
            continue
        sure = code in unsaid and not _country_in_doubt(span, code, target, lang, _article_runs(runs, document))
        out.append(Finding("name", "added", "error" if sure else "warning", None, span, "", span.text,
                           _ADDED_COUNTRY + (" nor its article" if sure else ""),
                           f"{span.text} is named in the translation but not in the source"
                           + (" nor anywhere in its article" if sure else "")))
    return out


# The countries whose own news the English press writes (the United States, the United Kingdom,
# Ireland, Canada, Australia, New Zealand, India): their home stories leave the country unsaid
# (the Senate, the Met Office), and a translation for readers abroad names it.
_ENGLISH_PRESS_HOMES = frozenset({"US", "GB", "IE", "CA", "AU", "NZ", "IN"})


def _country_in_doubt(span: Span, code: str, target: str, lang: str, article_runs: list[str]) -> bool:
    """Whether a country's form may be something else: a sound of a name of the article (马拉维 of
    Mallawi, 多米尼克 of Dominic), a piece of a dotted name (纽埃 of 埃马纽埃尔·马克龙), a Japanese
    loanword of other senses (タイ "tie" of タイ記録)."""
    words = {w for run in article_runs for w in run.split() if len(w) > 2}
    if _may_spell_one(span.text, [*article_runs, *words], lang):
        return True
    if lang == "ja":
        return span.text in jmdict_loanwords() and bool(
            jmdict_senses(span.text) - set(english_name(code).lower().split()) - STOPWORDS)
    return cuts_a_dotted_name(span, target)


# An English gloss in brackets after a rendering (丹尼尔•阿拉普•莫伊（Daniel arap Moi）): the
# bracket's own name decides (bracketed_impostor).
_LATIN_GLOSS = re.compile(r"\s*[（(][^）)]*[A-Za-z]")


def _article_runs(runs: list[str], document: str | None) -> list[str]:
    """The capitalised runs of the source and of its article: built only for an added person."""
    return runs if document is None else list(dict.fromkeys(runs + list(_document_runs(document))))


@lru_cache(maxsize=4)
def _document_runs(document: str) -> tuple[str, ...]:
    """An article's runs, once for all of its segments (each is checked with the same document)."""
    return tuple(_source_runs(document))


@lru_cache(maxsize=3)
def _city_forms(lang: str) -> frozenset[str]:
    """CLDR's city names in `lang`, built once for every candidate name."""
    return frozenset(form for by_lang in cldr_cities().values() for form in by_lang.get(lang, ()))


def _a_city(text: str, lang: str) -> bool:
    """Whether a name of the translation is one of CLDR's cities of the world in `lang` (华盛顿,
    エルサレム): a place a translator names only where the article does."""
    return text in _city_forms(lang)


def _may_spell_one(text: str, names: list[str], lang: str) -> bool:
    """Whether the learned scorer rates `text` a possible spelling of one of `names` (the article's
    names, or a name's words)."""
    least = transliteration.threshold(lang)
    return any(transliteration.score(name, text, lang) >= least for name in names)


def _a_persons_full_name(span: Span, target: str, lang: str) -> bool:
    """Whether a dotted span is a person's full name: in Japanese no part of it is a loanword or a
    country (ドッグ・パーク, ロシア・トゥデイ are a park and a channel); in Chinese it is not part
    of a longer word or name (沙赫•马哈 of 沙赫•马哈茂德•库雷西)."""
    if not DOTS.search(span.text):
        return False
    if lang == "ja":
        loanwords = jmdict_loanwords()
        return not any(part in loanwords or part.rstrip("ー") in loanwords or is_country_form(part, lang)
                       for part in DOTS.split(span.text))
    return not part_of_longer_word(span, target)


_IDEOGRAPHS = re.compile(r"[\u3400-\u9fff]+")


def _part_of_rendering(text: str, rendering: str) -> bool:
    """Whether `text` is a part of a source name's `rendering` by which news names a person again:
    a part of a dotted name (拜登 of 乔·拜登, バイデン of ジョー・バイデン), or the family name that
    opens a name in kanji (木原 of 木原稔, 高市 of 高市早苗)."""
    if len(text) < 2 or text == rendering:
        return False
    if DOTS.search(rendering):
        return text in DOTS.split(rendering)
    return bool(_IDEOGRAPHS.fullmatch(rendering)) and rendering.startswith(text)


def _given_names_of(span: Span, found: Span, target: str) -> bool:
    """Whether `span` is more of the dotted full name whose surname a source name was `found` as
    (乌尔苏拉 of 乌尔苏拉·冯德莱恩 for "von der Leyen", 伊纳西奥·卢拉·达 before 席尔瓦): the
    text between them is name characters with a dot (or none, after a dotted `span`), and `found`
    comes last: 约翰·史密斯和拜登 names two people."""
    gap = target[span.end:found.start]
    if span.end > found.start or len(gap) > 8 or not DOTS.search(gap if gap else span.text):
        return False
    rest = DOTS.sub("", gap)
    return all(KATAKANA_RUN.fullmatch(ch) or transliteration.used_in_names(ch) for ch in rest)


def _source_runs(source: str) -> list[str]:
    return [run.rstrip(".'’") for run in source_name_runs(source)]


def _explained(span: Span, source: str, runs: list[str], lang: str, glossary: Glossary) -> bool:
    """Whether a source word explains a name of the translation: its meaning is in the English, or
    one of the English's capitalised `runs` renders it."""
    return glossed_in_source(span, source, lang) or any(
        _renders_it(find_name(Name(run, "PERSON", Span(run, 0, len(run))), span.text, lang, glossary), span.text)
        for run in runs)


def _renders_it(found: tuple[Span, str] | None, candidate: str) -> bool:
    """Whether a source name found inside a candidate accounts for it: the surname of a dotted
    name (拜登 of 约瑟夫·拜登), else half of it or more; a sound-alike piece does not (Normandy is
    not 马特·罗森代尔 by its 马特)."""
    if found is None:
        return False
    span = found[0]
    if DOTS.search(candidate):
        last = candidate.rfind(DOTS.split(candidate)[-1])
        return span.end > last
    return 2 * len(span.text) >= len(candidate)


def _places_put_in(names: list[Name], findings: list[Finding], target: str, lang: str) -> list[Finding]:
    """The added names that may stand in a missing capital's place. A capital may stand for its
    government (Moscow → 俄罗斯), but not where another place or name that no source word explains
    stands too (芝加哥否认…, for "Moscow denied"): any added name counts, a country or region only
    where the English names it in no form (not by its people or capital either: ギリシャ for
    "Athens", 欧洲 for "European"). The government a source's capital stands for is none, nor one
    of its institutions (欧盟 for "Brussels", 美国国会 for "Capitol Hill"), nor a word after a
    title, which in Chinese is too often no name (议员通过了该法案). Built only for a capital
    missing with a warning, the rare case."""
    seats = {CAPITALS.get(name.text.lower().removeprefix("the ")) for name in names} - {None}
    governments = {found[0].text for code in seats if (found := find_country(code, target, lang))}
    return [f for f in findings if f.kind == "name" and f.status == "added" and f.evidence != _TITLED
            and not any(government in f.target.text for government in governments)
            and (f.evidence == _ADDED_COUNTRY or not (is_country_form(f.target.text, lang)
                                                     or is_region_form(f.target.text, lang)))]


def swapped_names(names: list[Name], findings: list[Finding], source: str, target: str, lang: str,
                  glossary: Glossary) -> list[Finding]:
    """`findings` with a missing person's warning made an error where the translation names a
    person no source word explains (a dotted full name, one named by a title, in Japanese any
    katakana name that is no loanword) that the learned scorer rates no spelling of the missing
    one: one person put in another's place (ジョー・ジョーゲンセン for Joe Biden). Each alone is
    only doubt, a rendering we cannot read or a name the translator added; together they are
    positive evidence. People, and capitals whose warning says they stand for their government:
    any other missing body or place is most often translated by meaning, and the name beside it is
    then an expansion (EPL, イングランド・プレミアリーグ)."""
    added = [f for f in findings if f.kind == "name" and f.status == "added" and f.evidence != _ADDED_COUNTRY
             and (f.evidence == _TITLED or DOTS.search(f.target.text)
                  or lang == "ja" and f.target.text not in jmdict_loanwords())]  # JMdict's: places, brands
    least = transliteration.threshold(lang)
    runs = _source_runs(source)
    out = list(findings)
    for i, (name, finding) in enumerate(zip(names, findings, strict=False)):
        seat = name.label != "PERSON" and name.text.lower().removeprefix("the ") in CAPITALS
        if not (name.label == "PERSON" or seat) or finding.status != "missing" or finding.severity != "warning":
            continue
        near = finding.target
        if near is not None and transliteration.score(name.text, near.text, lang) >= least:
            continue  # a possible spelling of it is there (法赫法赫 for Fakhfakh)
        # A near sound that is a whole dotted name is a person of its own (クリス・ジョンウン, near
        # Kim Kardashian by its consonants, which the scorer rates no spelling of it).
        others = [f.target for f in (_places_put_in(names, findings, target, lang) if seat else added)]
        if near is not None and DOTS.search(near.text) and not _explained(near, source, runs, lang, glossary):
            others.append(near)
        if put_in := next((span for span in others if transliteration.score(name.text, span.text, lang) < least),
                          None):
            kind = "a name" if seat else "a person"
            out[i] = replace(finding, severity="error", target=put_in,
                             message=f"{finding.message}; {put_in.text}, {kind} no source word explains, "
                                     f"stands in its place")
    # The person put in is said once, in the swap's finding, not again as added.
    put_ins = {(f.target.start, f.target.end) for f in out[:len(names)]
               if f.status == "missing" and f.severity == "error" and f.target is not None}
    return [f for f in out if f.status != "added" or (f.target.start, f.target.end) not in put_ins]
