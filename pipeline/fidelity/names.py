"""Names of the English source looked for in a translation: one finding per name, and the policy
that makes a lost name an error or a warning.

Evidence, strongest first (names_match.py, names_sound.py, names_dotted.py): the user glossary,
the name kept in Latin script, CLDR territory names (babel), CC-CEDICT and JMnedict entries,
romanisation of the target's kanji / katakana / hanzi spans (pykakasi, pypinyin) matched against
the English, the learned transliteration scorer, and dotted transliterations. Each finding
records which one matched. An error needs positive evidence that the name should be there and is
not; what may still render it (a near sound, a translation by meaning, a capital for its
country) makes a warning.
"""

from __future__ import annotations

import re
import string
from dataclasses import replace

from babel.numbers import list_currencies

from pipeline.fidelity import transliteration
from pipeline.fidelity.countries import (
    CAPITALS,
    abbreviations,
    country_mentions,
    home_country_unsaid,
    people_forms,
    territory,
)
from pipeline.fidelity.dictionaries import cedict_glosses, cedict_mainland_names, opencc_t2s
from pipeline.fidelity.facts import Finding, Name, Span
from pipeline.fidelity.glossary import Glossary
from pipeline.fidelity.jmdict import (
    GIVEN_KINDS,
    english_word,
    english_words,
    jmdict_glosses,
    jmdict_loanword_senses,
    jmdict_names,
    jmnedict_kinds,
    jmnedict_names,
)
from pipeline.fidelity.lemmas import STOPWORDS, english_stems, suffix_forms
from pipeline.fidelity.name_evidence import (
    BODY_SUFFIX,
    dictionary_forms,
    dictionary_surnames,
    e2k_rendering,
    meaning_words,
    near_form,
    no_word_translated,
)
from pipeline.fidelity.names_abbreviated import abbreviation
from pipeline.fidelity.names_added import bracketed_impostor, titled_near, titled_rendering
from pipeline.fidelity.names_chinese import reads_as_surname, surname_reading
from pipeline.fidelity.names_dotted import DOTTED_EVIDENCE, dotted, person_like
from pipeline.fidelity.names_en import NOT_PEOPLE, ORG_WORDS
from pipeline.fidelity.names_known import COMMON_WORDS, known_rendering, place_by_a_word
from pipeline.fidelity.names_match import COMMON_ORG_WORDS, ENGLISH_BODY_WORDS, find_country, find_name
from pipeline.fidelity.names_sound import (
    given_name_alone,
    in_dictionary,
    learned_near,
    learned_rendering,
    sounds_near,
    unexplained_spelling,
)
from pipeline.fidelity.romanise import KATAKANA_RUN


def check_names(names: list[Name], target: str, lang: str, glossary: Glossary, source: str = "",
                document: str | None = None) -> list[Finding]:
    """One finding per source name: preserved (with its evidence) or missing. `source`, the English,
    tells how often it names a country whose capital may stand for it; `document`, the whole
    article's English, whether a one-word name is the surname of a person it names in full."""
    findings = []
    names = [_out_of_capitals(name) for name in names]
    matches = [find_name(name, target, lang, glossary) for name in names]
    taken = [m[0] for m in matches if m and m[1] != DOTTED_EVIDENCE]
    for i, name in enumerate(names):
        if matches[i] and matches[i][1] == DOTTED_EVIDENCE:
            # One rendering, one name: a dotted name another name explains is not this one's. The
            # stronger evidence already failed for this name, so only the dotted step is redone.
            matches[i] = dotted(name, target, lang, tuple(taken))
            if matches[i]:
                taken.append(matches[i][0])
    for i, name in enumerate(names):
        if not matches[i] and (calque := _calque(name, target, lang, taken)):
            matches[i] = calque
            taken.append(calque[0])
        elif not matches[i] and (place := _with_its_place_word(name, target, lang, glossary, taken)):
            matches[i] = place
            taken.append(place[0])
    for i, name in enumerate(names):
        forms = dictionary_forms(name, lang, glossary) if not matches[i] else []
        # A rendering near a dictionary's is a variant of it (赫尔伯特 / 赫伯特, 欧州会議 / 欧州議会).
        if not matches[i] and (variant := near_form(target, forms, lang)) and not _clashes(variant[0], taken):
            matches[i] = variant[0], f"variant of the dictionary's {variant[1]}"
            taken.append(variant[0])
        elif not matches[i] and name.label != "PERSON" and (short := abbreviation(target, forms, lang, name.text)) and (
                not _clashes(short[0], taken)):
            matches[i] = short[0], f"short form of the dictionary's {short[1]}"
            taken.append(short[0])
        elif not matches[i] and lang == "ja" and (spelled := e2k_rendering(name, target)) and not _clashes(
                spelled[0], taken):
            matches[i] = spelled[0], f"transliteration (e2k: {spelled[1]})"
            taken.append(spelled[0])
        elif not matches[i] and (learned := learned_rendering(name, target, lang, taken)):
            matches[i] = learned
            taken.append(learned[0])
        elif not matches[i] and (titled := titled_rendering(name, target, lang, taken)):
            matches[i] = titled
            taken.append(titled[0])
    # Every rendering is known before a missing name looks for an unexplained word near its sound.
    for name, found in zip(names, matches, strict=True):
        if found and found[1] == "latin" and (impostor := bracketed_impostor(name, found[0], target, lang, glossary)):
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
            full_name = " " in name.text and person_like(name) and _reads_as_person(name)
            severity = "error" if expected or full_name or _attested(name, lang) else "warning"
            message = f"{name.text} ({name.label}) not found" + (f"; expected {expected}" if expected else "")
            anaphor = _JA_ANAPHOR.search(target) if lang == "ja" and not expected else None
            full = _named_in_full(name, f"{source}\n{document or ''}") if severity == "warning" or anaphor else None
            if full and anaphor:
                # Japanese news calls a person named before 同氏 / 同市長 ("the said mayor").
                severity = "warning"
                message += f"; the surname of {full}, whom {anaphor.group()} may refer to"
            elif full:
                severity = "error"  # Ridge, after Sophy Ridge: a person's surname, whatever else the word means
                message += f"; the surname of {full}"
            if severity == "warning" and (word := _spelled_word(name, lang)):
                severity = "error"  # Tahoe of Lake Tahoe: no vocabulary, so spelled, never translated
                message += f"; nor its word {word}"
            if severity == "warning" and (part := _attested_part(name, target, lang, glossary)):
                severity = "error"
                message += f"; nor its word {part}"
            elif severity == "warning" and no_word_translated(name, target, lang):
                severity = "error"
                message += "; none of its words is translated either"
            elif severity == "error" and not expected and (part := _found_part(name, target, lang, glossary, taken)):
                severity = "warning"  # Quarr 修道院 for Quarr Abbey: its proper word is there
                message += f"; its word {part[0]} is there ({part[1].text})"
            if severity == "error" and name.before_institution:
                severity = "warning"  # 連邦議会議事堂 for "the U.S. Capitol": the country goes without saying
                message += "; named only before one of its institutions"
            elif severity == "error" and (code := territory(name.text)) and home_country_unsaid(
                    code, lang, source, name.text):
                severity = "warning"  # 外交部 for "China's Foreign Ministry": its own news leaves it unsaid
                message += "; the translation's own country, named only as an institution's owner"
            elif not name.as_location and (country := _country_of_seat(name, target, lang, names, source)):
                severity = "warning"  # "Washington said" is often translated 米国 (the government)
                message += f"; its country is named ({country}): the capital may stand for the government"
            elif severity == "error" and not expected and not in_dictionary(name, lang) and (
                    near := sounds_near(name, target, lang, taken)):
                severity = "warning"  # モラヴィエツキ for Morawiecki: Polish w, too far for a match
                message += f"; {near.text} sounds near it"
            elif severity == "error" and not expected and name.label == "ORG" and (
                    title := _unexplained_title(target, taken)):
                severity = "warning"  # told Newsweek: 《新闻周刊》, a publication translated by meaning
                message += f"; the title {title} may translate it"
            elif severity == "error" and (work := _work_title(name, source, target, taken, bool(expected))):
                severity = "warning"  # Pirates of the Caribbean 《神鬼奇航》: a work's title translated whole
                message += f"; part of the title {work[0]}, which {work[1]} may translate"
            elif severity == "error" and not expected and (near := learned_near(name, target, lang, taken)):
                severity = "warning"  # a transliteration the scorer rates possible, not sure
                message += f"; {near.text} may spell it"
            elif severity == "error" and not expected and (near := titled_near(name, target, lang, taken)):
                severity = "warning"  # 總理艾班尼斯 for Albanese: a title's holder, spelled nearly as the name
                message += f"; {near.text}, named by a title, may spell it"
            elif severity == "error" and (near := given_name_alone(name, target, lang, taken)):
                severity = "warning"  # テドロス for Tedros Adhanom Ghebreyesus: called by the first name
                message += f"; its first name is there ({near.text})"
            elif severity == "error" and not expected and (near := surname_reading(name, target, taken)):
                severity = "warning"  # Joseph Tsai 蔡崇信: an English given name, a Chinese surname
                message += f"; {near.text} has its surname"
            elif severity == "error" and not expected and (near := unexplained_spelling(name, target, lang, taken)):
                severity = "warning"  # 法赫法赫 for Fakhfakh: a name the source does not explain otherwise
                message += f"; {near.text}, a name no source word explains, may spell it"
            elif severity == "error" and (words := meaning_words(name, target, lang)):
                severity = "warning"  # British Airways 英国航空公司: a body translated word by word
                message += f"; its words may be translated by meaning ({', '.join(words)})"
            # A near-sounding word is kept as the finding's target: the likeliest wrong rendering.
            findings.append(Finding("name", "missing", severity, name.span, near, expected, "",
                                    "no glossary, Latin, dictionary or romanisation match", message))
    return findings


def _clashes(span: Span, taken: list[Span]) -> bool:
    """Whether `span` overlaps a rendering another name has taken: one rendering, one name."""
    return any(t.start < span.end and span.start < t.end for t in taken)


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
        # A substring test first: compiling a pattern for each of a common word's hundreds of
        # renderings was most of the check's time.
        places.append([(m.start(), m.start() + len(r)) for r in renderings if r in folded
                       for m in re.finditer(re.escape(r), folded)])
    body_suffix = BODY_SUFFIX["ja" if lang == "ja" else "zh"]
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


# A place named by its proper words and a word for its kind (Los Angeles County, Lake Tahoe, the Gulf
# of Mexico): Chinese and Japanese write the proper words' rendering and then the kind's character
# or word (洛杉矶县, 太浩湖, メキシコ湾), which dictionaries seldom list for the whole. The
# characters are the languages' standard words for these kinds of place (both scripts, and
# Japanese's 県, 滝); written here because a dictionary's glosses of "city" or "state" hold every
# city and state it lists.
_PLACE_KINDS = {
    "city": "市|城", "county": "县|縣|郡", "province": "省", "state": "州", "prefecture": "县|縣|県|府",
    "district": "区|區", "river": "河|江|川", "lake": "湖", "island": "岛|島", "isle": "岛|島",
    "islands": "群岛|群島|诸岛|諸島|列岛|列島", "mount": "山|峰", "mountain": "山|峰", "mountains": "山脉|山脈|山",
    "bay": "湾|灣", "gulf": "湾|灣", "sea": "海", "ocean": "洋", "strait": "海峡|海峽", "valley": "谷",
    "desert": "沙漠|砂漠", "peninsula": "半岛|半島", "canal": "运河|運河", "canyon": "峡谷|峽谷|渓谷",
    "falls": "瀑布|滝",
}
_KIND_AFTER = re.compile(rf"(?:(?:north|south|east|west)(?:ern)? )?(?P<proper>.+?) (?P<kind>{'|'.join(_PLACE_KINDS)})",
                         re.I)
# A compass word may open either (South Lake Tahoe: 南太浩湖, 太浩湖南部).
_KIND_BEFORE = re.compile(rf"(?:(?:north|south|east|west)(?:ern)? )?(?P<kind>{'|'.join(_PLACE_KINDS)})"
                          rf"(?: of (?:the )?| )(?P<proper>.+)", re.I)


_PLACES = ("GPE", "LOC", "FAC")


def _place_shape(name: Name) -> re.Match[str] | None:
    """A place's name split into its proper words and its kind's word (Taipei City, Lake Tahoe)."""
    if name.label not in _PLACES:
        return None
    text = name.text.removeprefix("the ")
    shape = _KIND_AFTER.fullmatch(text) or _KIND_BEFORE.fullmatch(text)
    return shape if shape and shape["proper"][:1].isupper() else None


def _with_its_place_word(name: Name, target: str, lang: str, glossary: Glossary,
                         taken: list[Span]) -> tuple[Span, str] | None:
    """A place found by its proper words' rendering followed by its kind's word (台北市 for Taipei
    City, タホ湖 for Lake Tahoe); a proper word's rendering alone is no match."""
    if not (shape := _place_shape(name)):
        return None
    proper = replace(name, text=shape["proper"])
    kind = re.compile(f"(?:{_PLACE_KINDS[shape['kind'].lower()]})")
    found = find_name(proper, target, lang, glossary) or learned_rendering(proper, target, lang, taken)
    if not found or _clashes(found[0], taken):
        return _before_its_place_word(proper.text, kind, target, lang, taken)
    span, evidence = found
    if kind.search(span.text[-2:]):
        return span, f"{evidence}, with its place word"
    if after := kind.match(target, span.end):
        return Span(target[span.start:after.end()], span.start, after.end()), f"{evidence}, with its place word"
    return None


# The longest spelling of a place's proper words tried before its kind's word (太浩 of 太浩湖).
_LONGEST_BEFORE_KIND = 5


def _before_its_place_word(proper: str, kind: re.Pattern[str], target: str, lang: str,
                           taken: list[Span]) -> tuple[Span, str] | None:
    """The characters right before the place's kind's word (太浩 of 太浩湖 for Lake Tahoe) that the
    learned scorer rates a spelling of its proper words at the threshold of one pair: the kind's
    word marks the candidate, as a title marks a person's, so the stricter threshold of a search
    over the whole text does not apply."""
    least = transliteration.threshold(lang)
    best = None
    for m in kind.finditer(target):
        if not (run := _SPELLING_BEFORE.search(target[:m.start()])):
            continue
        for size in range(2, min(_LONGEST_BEFORE_KIND, len(run.group())) + 1):
            span = Span(target[m.start() - size:m.end()], m.start() - size, m.end())
            if _clashes(span, taken):
                continue
            score = transliteration.score(proper, target[m.start() - size:m.start()], lang)
            if score >= least and (best is None or score > best[1]):
                best = (span, score)
    return (best[0], f"transliteration (learned, before its place word, {best[1]:.2f})") if best else None


_SPELLING_BEFORE = re.compile(r"[\u3400-\u9fff\u30a1-\u30fa\u30fc]+$")


# JMnedict's kinds for a name it does not classify further, or for a whole person's name.
_NAME_KINDS = {"unclass", "person"}


def _reads_as_person(name: Name) -> bool:
    """Whether spaCy's many-word "person" reads as one: it starts with a given name JMnedict knows
    (Thomas Young, Peter O'Mahony), or it ends in a name rather than in an English word JMnedict
    knows as no name (Golden Boot, Quarr Abbey, Cal Fire) or in a score (Wolverhampton 2-0)."""
    if name.label != "PERSON":
        return True
    words = [re.sub(r"[-'’.]", "", w).lower() for w in name.text.split()]
    if _given_name_like(words[0]):
        return True
    last = words[-1]
    return last.isalpha() and not (last in english_words() and not jmnedict_kinds().get(last))


def _given_name_like(word: str) -> bool:
    """Whether a lower-case word reads as a person's first name: a given name in JMnedict (Thomas),
    a name it does not classify further (Emmanuel, Boris), or, longer than three letters, no word
    of any dictionary (Elon, Keir). Not a place's name (Wolverhampton 2-0), nor a short word,
    often an abbreviation (Cal Fire, Gen)."""
    kinds = jmnedict_kinds().get(word, set())
    if kinds & GIVEN_KINDS:
        return True
    if len(word) <= 3 or word in english_words():
        return False
    return bool(kinds & _NAME_KINDS and "place" not in kinds) or not kinds and word.isalpha()


def _attested_part(name: Name, target: str, lang: str, glossary: Glossary) -> str | None:
    """A run of words of a many-word name that a dictionary knows as a name of its own (Bristol of
    Bristol Crown Court, Kansas of Kansas City, Los Angeles of Los Angeles County), when no
    proper run of the name is found in `target`: the body may be translated by meaning, but its
    proper name is not dropped. A people's word counts by its country's rendering, as CLDR's
    name of its language says it (Greek: ギリシャ語, so ギリシャ議会); other vocabulary words
    (Northern, Justice) are translated by meaning (北部諸島, 司法省) and left out."""
    if name.label == "PERSON" or " " not in name.text:
        return None
    runs, run = [], []
    for word in name.text.split():
        bare = word.strip(".,'’")
        lower = bare.lower()
        if people_forms(bare, lang):
            runs += [" ".join(run), bare] if run else [bare]  # a people's word stands alone
            run = []
        elif (len(bare) >= 3 and bare[:1].isupper() and not english_word(lower)
                and lower not in COMMON_ORG_WORDS and not ORG_WORDS.fullmatch(bare)
                and not NOT_PEOPLE.search(bare)):
            run.append(bare)
        elif run:
            runs.append(" ".join(run))
            run = []
    runs += [" ".join(run)] if run else []
    if (shape := _place_shape(name)) and shape["proper"] not in runs:
        runs.insert(0, shape["proper"])  # Los Angeles of Los Angeles County, whatever its words are
    attested = None
    for text in runs:
        if forms := people_forms(text, lang):  # Greek Parliament: ギリシャ議会, 希腊议会
            if any(f in target for f in forms):
                return None
            attested = attested or f"{text} ({forms[0]})"
            continue
        sub = Name(text, name.label, name.span)
        if find_name(sub, target, lang, glossary):
            return None
        if attested is None and (rendering := known_rendering(sub, lang, glossary) or _dictionary_name(text, lang)):
            attested = f"{text} ({rendering})"
    return attested


# 同 before a title or 氏: "the said" person, named earlier in the article (同氏, 同市長, 同教授).
_JA_ANAPHOR = re.compile(r"同(?:氏|[\u4e00-\u9fff]{0,2}(?:長|官|相|事|授|督|手|員|士|師|者|領|裁|臣))"
                         r"(?=[はがをにのもと、])")


def _named_in_full(name: Name, english: str) -> str | None:
    """The full name, given name first, that the article gives a one-word person or body (Sophy Ridge
    for Ridge, Dominic Cummings for Cummings): the word is that person's surname, a name to render
    even where it is an English word too."""
    if name.label not in ("PERSON", "ORG") or not re.fullmatch(r"[A-Z][a-z]+", name.text):
        return None
    return next((m.group() for m in re.finditer(rf"\b([A-Z][a-z]+) {name.text}\b", english)
                 if _given_name_like(m.group(1).lower())), None)


def _spelled_word(name: Name, lang: str) -> str | None:
    """The word of no vocabulary in a place's name of several words (Tahoe of Lake Tahoe, Balearic
    of the Balearic Islands): a translation spells it or keeps it, as it does a one-word place
    (_proper_word), while the place's other words may be translated by meaning."""
    if name.label not in _PLACES:
        return None
    words = name.text.removeprefix("the ").split()
    proper = [w for w in words if _proper_word(w, name.label, lang)]
    return proper[0] if len(words) > 1 and proper else None


def _found_part(name: Name, target: str, lang: str, glossary: Glossary, taken: list[Span]) -> tuple[str, Span] | None:
    """A proper word of a many-word name found in `target` on its own by a dictionary or in Latin
    (Quarr of Quarr Abbey kept in Latin), where no other name was found: the rest may be
    translated by meaning. A person's first name alone is no evidence (Boris of Boris Johnson),
    nor a sound-alike."""
    words = name.text.split()
    if len(words) < 2:
        return None
    if name.label == "PERSON":
        words = words[1:]
    vocabulary = english_words()
    for word in words:
        bare = word.strip(".,'’")
        if len(bare) < 3 or not bare[:1].isupper() or bare.lower() in vocabulary:
            continue
        found = find_name(Name(bare, name.label, name.span), target, lang, glossary)
        if found and found[1].startswith(_STRONG_EVIDENCE) and not _clashes(found[0], taken):
            return bare, found[0]
    return None


_STRONG_EVIDENCE = ("glossary", "latin", "cldr", "cc-cedict", "jmdict", "country abbreviation")


def _dictionary_name(text: str, lang: str) -> str:
    """A rendering a dictionary gives `text` as a name (any of several): CC-CEDICT's mainland
    names for Chinese; JMnedict's katakana or JMdict's names for Japanese."""
    key = text.lower()
    if lang != "ja":
        forms = sorted(cedict_mainland_names().get(key, ()))
    else:
        forms = sorted(jmdict_names().get(key, ())) or sorted(
            f for f in jmnedict_names().get(key, ()) if KATAKANA_RUN.match(f))
    return forms[0] if forms else ""


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
    if key in COMMON_WORDS or key in _GENERIC_PLACES or name.text.upper() in _CURRENCY_CODES:
        return False
    if name.label == "PERSON" and key not in english_words() and _reads_as_person(name):
        return True  # no vocabulary word (Rosendale, not Vampire or Sharing), read as a person
    if name.label == "PERSON" and lang != "ja" and reads_as_surname(key):
        # A Chinese surname alone (Lee, Xi, Wong): Chinese writes its hanzi (Japanese may write a
        # Korean Lee イ, a Chinese one リー).
        return True
    if _proper_word(name.text, name.label, lang):
        return True  # a place or body by a word of no vocabulary (Gabba, Scholz as a place)
    if any(_INNER_CAPITAL.fullmatch(w) for w in name.text.split()):
        return True  # a brand's inner capital (EverGrow Coin, FedEx Field): a coined word, no vocabulary
    if _NUMBERED_ACRONYM.fullmatch(name.text):
        return True  # a group by its number (G7, G20, COP28): kept in Latin or spelled out, never dropped
    if lang != "ja" and name.label in ("PERSON", "ORG") and key in dictionary_surnames():
        return True  # Trump, whom spaCy may take for a body: CC-CEDICT's "Donald Trump (1946-)"
    if lang != "ja":
        # A company by its name alone: CC-CEDICT's 微软 is "Microsoft Corporation".
        words = ENGLISH_BODY_WORDS if name.label == "ORG" else ()
        return any(cedict_mainland_names().get(k) for k in (key, *(f"{key} {word}" for word in words)))
    if name.label == "ORG" and _PLURAL_WORD.fullmatch(name.text) and jmdict_loanword_senses().get(key[:-1]):
        return True  # a team by a plural (the Cowboys, Wasps): Japanese writes the loanword, カウボーイズ
    if name.text.replace(".", "").isupper():
        return any(_BODY.search(f) for f in jmdict_names().get(key, ()))
    # JMnedict reads English words as names too (Lake レイク): its katakana makes no place called
    # by a word a sure name (a person or body of that word is: Trump, Savage).
    katakana = [f for f in jmnedict_names().get(key, ()) if KATAKANA_RUN.match(f)] \
        if len(key) >= 4 and not place_by_a_word(name) else []
    return bool(jmdict_names().get(key) or katakana)


def _out_of_capitals(name: Name) -> Name:
    """A name set in capitals as a news dateline sets it (SEATTLE, COSTA MESA) as the name it is
    (Seattle), so that it is looked for by its sound and dictionaries like any other: words of
    letters only, longer than an acronym or several, that a dictionary knows in lower case. An
    acronym (NATO, UNICEF, BBC NEWS) stays as it is."""
    letters = name.text.replace(" ", "")
    if not (letters.isalpha() and letters.isupper()) or (" " not in name.text and len(letters) <= _LONGEST_ACRONYM):
        return name
    key = name.text.lower()
    if not (jmnedict_names().get(key) or jmdict_names().get(key) or cedict_mainland_names().get(key)):
        return name
    return replace(name, text=string.capwords(name.text))


# Longer words in capitals are names set in capitals more often than acronyms (UNICEF is six).
_LONGEST_ACRONYM = 5


# A body by one plural word (the Cowboys, Wasps: a team), by an acronym with a number (G7, COP28).
_PLURAL_WORD = re.compile(r"[A-Z][a-z]+s")

_NUMBERED_ACRONYM = re.compile(r"[A-Z]+[0-9]+")

# A word with a capital inside (EverGrow, CoinMarket, FedEx, McCarthy) is coined, never vocabulary.
_INNER_CAPITAL = re.compile(r"[A-Z][a-z]+[A-Z][a-z]+\w*")

# A newspaper, magazine or channel in 《》 (《新闻周刊》, 《每日镜报》); not a law or a book.
_PUBLICATION = re.compile(r"《[^《》]{0,12}(?:报|報|刊|志|誌|台|社|网|網|新闻|新聞|电视|電視)》")


# A work's title in the translation: 《玩具總動員》, 『ライ麦畑でつかまえて』.
_WORK = re.compile(r"《[^《》]+》|『[^『』]+』")
# A title in English: capitalised words, joined by a preposition or a conjunction and an article
# after it (Pirates of the Caribbean, The Catcher in the Rye, Toy Story); a bare article is no
# joint ("told Sky News the UK is").
_TITLE_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|in|on|to|for|with|at)\s+(?:(?:the|a|an)\s+)?)?"
                        r"[A-Z][\w'’-]*)+")


def _work_title(name: Name, source: str, target: str, taken: list[Span], known: bool) -> tuple[str, str] | None:
    """The English title of two or more words that holds `name`, and the work's title of the
    translation that no found name accounts for: works are translated by meaning (Pirates of the
    Caribbean 《神鬼奇航》, Toy Story 《玩具總動員》), and their words are then no names. A title of
    vocabulary words only counts when no dictionary renders the name (`known`): the White House
    and the Supreme Court are bodies, whatever 《》 stands beside them."""
    works = [m.group() for m in _WORK.finditer(target)
             if not any(s.start < m.end() and m.start() < s.end for s in taken)]
    if not works or name.span.end > len(source):
        return None
    run = next((m for m in _TITLE_RUN.finditer(source) if m.start() <= name.span.start and name.span.end <= m.end()),
               None)
    words = run.group().split() if run else []
    # A title has an article inside (Pirates of the Caribbean) or is made of vocabulary (Toy Story);
    # names joined by "of" or "and" (Rosendale of Montana, Bulgaria and Greece), or a name after
    # its role (Prime Minister Boris Johnson), are neither.
    if len(words) >= 2 and (any(w in ("the", "a", "an") for w in words)
                            or not known and all(english_word(w.lower()) for w in words)):
        return run.group(), works[0]
    return None


def _unexplained_title(target: str, taken: list[Span]) -> str | None:
    """A publication's title in 《》 that no found name accounts for."""
    for m in _PUBLICATION.finditer(target):
        if not any(s.start < m.end() and m.start() < s.end for s in taken):
            return m.group()
    return None


def _proper_word(text: str, label: str, lang: str) -> bool:
    """One capitalised word that is no vocabulary, not as a plural (Cowboys) nor, for a body in
    Chinese, as two words run together (Newsweek, Seahawks: brands that Chinese translates by
    meaning, 新闻周刊, 海鹰队; Japanese spells them, ニューズウィーク; places are not: Bucklebury)."""
    if not (text.isalpha() and text[:1].isupper() and text[1:].islower()):
        return False
    word = text.lower()
    # A combining form counts as a word (Russophobia, Sinophile).
    return not english_word(word) and not (label == "ORG" and lang != "ja" and any(
        (english_word(word[:i]) or i >= 4 and word[i - 1] == "o") and english_word(word[i:])
        for i in range(3, len(word) - 3)))


def _country_of_seat(name: Name, target: str, lang: str, names: list[Name], source: str = "") -> str | None:
    """The rendering of the country whose capital or seat of government `name` is, when `target`
    names that country more often than the source does: a mention of the country that the
    source's own "Russia" (or "Russian") explains cannot also stand for its "Moscow"."""
    code = CAPITALS.get(name.text.lower().removeprefix("the "))
    if code is None:
        return None
    found = find_country(code, target, lang)
    if not found:
        return None
    in_source = country_mentions(code, source) if source else sum(territory(other.text) == code for other in names)
    # Every mention counts, by name or abbreviation: 俄方说 beside 俄罗斯 names Russia twice.
    full = [m.span() for m in re.finditer(re.escape(found[0].text), target)]
    short = [at for at in abbreviations(code, target, lang) if not any(s <= at[0] < e for s, e in full)] \
        if len(found[0].text) > 1 else []
    return found[0].text if len(full) + len(short) > in_source else None
