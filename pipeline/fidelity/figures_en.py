"""Figures in English text: numbers (digits or words), scales, money, percentages, dates, times,
durations, ordinals and ranges, each turned into a value and a canonical unit.

Written by hand: number-word libraries (word2number, text2num) convert strings but return no
spans and know nothing of currencies, scales after digits ("660 billion") or dates, and the
validator needs all three.
"""

from __future__ import annotations

import re

from pipeline.fidelity.currencies import OTHER_CURRENCIES, SIGNS
from pipeline.fidelity.facts import Figure
from pipeline.fidelity.lemmas import STOPWORDS
from pipeline.fidelity.scanning import RawFigure, scan_figures, year_range

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
# bln / mln / trn: agency style ($1.2 bln); lakh and crore: Indian English (14 lakh = 1.4 million).
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12, "m": 1e6, "k": 1e3,
          "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
# "dozens" is no figure: like "hundreds" it is rough, and so are 数十 / 几十 in translation.
SPECIAL = {"a dozen": 12, "dozen": 12, "half": 0.5, "a half": 0.5, "a quarter": 0.25,
           "a hundred": 100, "a thousand": 1000, "a million": 1e6, "a billion": 1e9}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MONTHS = {m[:3].lower(): i for i, m in enumerate(MONTH_NAMES, start=1)}
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
# Rs / Rs.: Indian and Pakistani English write the rupee so (Rs 5 crore).
CURRENCY_PREFIX = {sign.lower(): code for sign, code in SIGNS.items()} | {"rmb": "CNY", "rs": "INR", "rs.": "INR"}
CURRENCY_WORDS = [
    (r"hong kong dollars?|hk dollars?", "HKD"), (r"u\.?s\.? dollars?", "USD"), (r"dollars?", "DOLLAR"), (r"yen", "JPY"),
    (r"yuan|renminbi|rmb", "CNY"), (r"pounds? sterling|pounds?", "GBP"), (r"euros?", "EUR"),
    (r"won", "KRW"),
]
CURRENCY_WORDS = [(words, code) for code, (words, *_) in OTHER_CURRENCIES.items()] + CURRENCY_WORDS
# The denominators of fractions in words: "a third", "two-thirds", "three quarters".
DENOMINATORS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
                "tenth": 10}
# Words that are counts without a numeral ("the pair" → 二人, "twice" → 两次, "a centenary" → 一百周年).
# A plural names groups of that size ("one of the legendary duos" → 二人組のひとつ).
COUNT_WORDS = {"both": (2, ""), "twice": (2, ""), "once": (1, ""), "pair": (2, ""), "pairs": (2, ""),
               "duo": (2, ""), "duos": (2, ""), "couple": (2, ""), "couples": (2, ""), "twins": (2, ""),
               "trio": (3, ""), "trios": (3, ""), "fortnight": (2, "week"), "centenary": (100, "year"),
               "centennial": (100, "year"), "bicentenary": (200, "year"), "bicentennial": (200, "year")}
DURATIONS = {"decade": "year", "decades": "year", "year": "year", "years": "year", "month": "month",
             "months": "month", "week": "week", "weeks": "week",
             "day": "day", "days": "day", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute"}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|lakhs?|crores?)"
_WORD_NUMBER = rf"(?:{_WORD})(?:[- ](?:{_WORD}))?(?:\s+{_SCALE_WORD})*"
# A scale written straight after the digits: £7million, $3.4bn, US$1.2trn.
_GLUED_SCALE = r"(?:million|billion|trillion|thousand|bn|bln|mn|mln|tn|trn|lakhs?|crores?)\b"
# Units of measure written straight after the digits: metric ones (90kg, 300km) are numbers like
# "90 kg"; imperial ones (100mph, 6ft) are measures that a translation may convert.
_GLUED_METRIC = r"(?:km|kg|cm|mm|kmh|kph|mg|ml|[kmgt]wh?|ha)\b"
_WATT_PREFIXES = {"": 1.0, "kilo": 1e3, "k": 1e3, "mega": 1e6, "m": 1e6, "giga": 1e9, "g": 1e9, "tera": 1e12, "t": 1e12}
_GLUED_UNIT = rf"(?:{_GLUED_METRIC}|mph\b|ft\b|pc\b)"
# An ordinal run of periods: "the 30th consecutive month", "a second straight year".
CONSECUTIVE = re.compile(r"(?P<run>\s+(?:consecutive|straight|successive|running)\s+"
                         r"(?P<period>day|week|month|year)s?\b)", re.I)
# Digits glued to letters are names, not figures (COVID-19, G7, F-16, A380, PM2.5), unless the letters are
# a scale or a unit; and a number is never cut before its decimals ("3.4GHz" is not 3). Digits
# joined by a slash are a name or a phrase (9/11, 24/7, 50/50), a season (2020/21) apart.
# Indian papers group lakhs and crores by two digits (2,06,737 is 206,737).
_INDIAN_GROUPS = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
_DIGITS = (rf"(?<![A-Za-z]-)(?<![A-Za-z])(?<!\d/)(?<!\d)(?<!\d\.)"
           rf"(?:{_INDIAN_GROUPS}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
           rf"(?!(?!{_GLUED_SCALE}|{_GLUED_UNIT})[A-Za-z]{{2}}|[A-Za-z]\d|\.\d|/\d)")
_SPECIAL = "|".join(sorted(SPECIAL, key=len, reverse=True))
NUMBER = rf"(?:{_DIGITS}|{_SPECIAL}|{_WORD_NUMBER})"
# "£75m", "$5bn", "$20k", "$1.2 bln": abbreviated scales; a lone m or k only glued to the digits
# ("5 m" is metres).
SCALE = rf"(?:\s*{_SCALE_WORD}\b|\s?(?:bn|bln|mn|mln|tn|trn)\b|[mk]\b)"
_CURRENCY_WORD = "|".join(w for w, _ in CURRENCY_WORDS)
_PREFIX = "(?:" + "|".join(sorted((re.escape(p) for p in CURRENCY_PREFIX), key=len, reverse=True)) + ")"
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?"

# Imperial units → (canonical unit, its metric value per unit, the metric offset): Fahrenheit is
# (F − 32) × 5/9, the rest a factor.
MEASURES = {"acre": ("acre", 0.40468564, 0.0), "mile": ("mile", 1.609344, 0.0), "foot": ("foot", 0.3048, 0.0),
            "feet": ("foot", 0.3048, 0.0), "ft": ("foot", 0.3048, 0.0), "inch": ("inch", 2.54, 0.0),
            "yard": ("yard", 0.9144, 0.0), "gallon": ("gallon", 3.785411784, 0.0), "mph": ("mile", 1.609344, 0.0),
            "fahrenheit": ("fahrenheit", 5 / 9, -32.0), "f": ("fahrenheit", 5 / 9, -32.0),
            # American news gives temperatures as bare "degrees" Fahrenheit; translators convert.
            "degree": ("degree", 5 / 9, -32.0)}
_MEASURE = (r"(?:acres?|miles?(?:\s+(?:per|an)\s+hour)?|mph\b|feet\b|foot\b|ft\b|inch(?:es)?\b|yards?\b|"
            r"gallons?\b|(?:degrees?\s+)?fahrenheit\b|°\s?f\b|(?<=\d)f\b|degrees?\b)")  # 104F, as 5C

# British papers write "per cent" as "pc" after the digits (growth of 2.1pc); in lower case only, as
# "5 PCs" are computers.
_PC = r"(?-i:pc)\b"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "Half a million", "a quarter of a million people", "a third of a billion dollars": one amount.
    ("scaled_fraction", re.compile(rf"\b(?P<frac>half|(?:a|one)[\s-](?:quarter|third|half))\s+(?:of\s+)?an?\s+"
                                   rf"(?P<scale>million|billion|trillion)\b(?:\s+(?P<cur>{_CURRENCY_WORD})\b)?", re.I)),
    ("iso_date", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>0?[1-9]|1[0-2])-(?P<day>[0-2]?\d|3[01])\b")),
    ("date", re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?")),
    ("date", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}})\b)?")),
    # A range of months, a quarter as news names it: April-June, January to September (4～6月期, 1-9月).
    ("month_range", re.compile(rf"\b(?P<month>{_MONTH})\s*(?:[-–/]|\s(?:to|through|until)\s)\s*(?P<last>{_MONTH})"
                               r"(?![\w-]|\s+\d)")),
    ("month_year", re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d{{2}})\b")),
    # A month alone, after a word that makes it one ("in March", "last September"); May only before
    # a stop or "and", as "since May" may be the politician.
    ("month", re.compile(r"\b(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|till|by|[Ff]rom|to|through|[Ll]ast|[Nn]ext|this|[Ee]arly"
                         r"|[Ll]ate|end\s+of|[Dd]uring|between|and|before|after)\s+|mid-)(?P<month>"
                         + "|".join(m for m in MONTH_NAMES if m != "May") + r"|May(?=[.,;:)]|\s+and\b|$))"
                         r"\b(?!\s+\d)")),
    ("time", re.compile(r"\b(?P<from>\d{1,2}(?:[:.]\d{2})?)(?:\s*(?:-|–|to)\s*(?P<to>\d{1,2}(?:[:.]\d{2})?))?\s*"
                        r"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)", re.I)),
    ("time24", re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b")),
    # Nigeria's press writes the naira as N before a scaled or grouped amount (N585 million, N5,000).
    ("money", re.compile(rf"\b(?P<prefix>N)(?=\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?\s?"
                         rf"(?:million|billion|trillion|bn|m)\b)(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<scale>{SCALE})?")),
    # A range sharing its sign and scale: $5-7bn is $5bn to $7bn.
    ("money_range", re.compile(rf"(?<![A-Za-z])(?P<prefix>{_PREFIX})\s?(?P<a>{_DIGITS})\s*[-–]\s*(?P<num>{_DIGITS})"
                               rf"(?P<scale>{SCALE})", re.I)),
    # A prefix of letters starts a word: "hers 5" holds no rupees.
    ("money", re.compile(rf"(?<![A-Za-z])(?P<prefix>{_PREFIX})\s?(?P<num>{NUMBER})(?P<scale>{SCALE})?", re.I)),
    ("money", re.compile(rf"\b(?P<num>{NUMBER})(?P<scale>{SCALE})?\s+(?P<cur>{_CURRENCY_WORD})\b", re.I)),
    ("range_percent", re.compile(rf"\b(?P<a>{NUMBER})\s*(?:-|–|to|and)\s*(?P<b>{NUMBER})\s*"
                                 rf"(?P<pct>%|per\s?cent\b|percentage points?\b|{_PC})", re.I)),
    # Power and energy, which Chinese news restates in its own units (1.2 gigawatts = 120万千瓦):
    # compared in watts and watt-hours.
    ("power", re.compile(rf"\b(?P<num>{NUMBER})(?P<scale>{SCALE})?[-\s]?(?:(?P<prefix>kilo|mega|giga|tera)?watts?\b"
                         rf"(?P<hours>[-\s]hours?\b)?|(?-i:(?P<abbr>[kMGT])W(?P<h>h)?)\b)", re.I)),
    ("percent", re.compile(rf"\b(?P<num>{NUMBER})\s*(?P<pct>%|per\s?cent\b|percentage points?\b|{_PC})", re.I)),
    # Basis points are hundredths of a percentage point: 25 basis points = 0.25 points (0.25%).
    ("basis_points", re.compile(rf"\b(?P<num>{NUMBER})\s*(?:basis[-\s]points?|bps?)\b", re.I)),
    # "Two and a half years" is 2.5 years; "a year and a half" 1.5.
    ("duration", re.compile(rf"\b(?P<num>{NUMBER})(?P<half>\s+and\s+a\s+half)?[-\s]"
                            r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.I)),
    ("duration", re.compile(r"\b(?P<num>an?|one)\s+(?P<unit>year|month|week|day|hour)(?P<half>\s+and\s+a\s+half)\b",
                            re.I)),
    # A fraction in words: "two-thirds", "three quarters"; "a third" / "one fifth" only before "of"
    # or a stop ("grew by a third."), since "a third term" is an ordinal.
    ("fraction", re.compile(r"\b(?P<num>an?|one|two|three|four|five|six|seven|eight|nine)[-\s](?P<den>thirds?|"
                            r"quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
                            r"(?:(?<=s)|(?=\s+of\b|\s*[.,;:)]|\s*$))", re.I)),
    # ... and after a change "by" ("cut deaths by a third in patients"); "by a third party" is none.
    ("fraction", re.compile(r"\b(?:(?:ris|rose|fall|fell|grow|grew|cut|reduc|increas|decreas|drop|declin|slash|"
                            r"jump|climb|shr[iu]nk|lower|rais|boost)\w*|up|down)\s+(?:\S+\s+){0,4}?by\s+(?P<num>an?|one)"
                            r"\s(?P<den>third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I)),
    # Celsius, the temperature news gives outside the US: 5C, -5C, minus 5C, 5°C, 5 degrees Celsius.
    ("celsius", re.compile(r"(?:(?P<neg>\bminus\s+|(?<![\w.])[-−])|\b)(?P<num>\d+(?:\.\d+)?)"
                           r"(?:\s?°\s?C\b|C\b|\s+degrees?\s+(?:C\b|Celsius\b|centigrade\b)|\s?Celsius\b)")),
    # Metric units glued to the digits (90kg, 300km), a number like "90 kg".
    ("metric", re.compile(rf"\b(?P<num>{_DIGITS})(?={_GLUED_METRIC})", re.I)),
    # An age by decade: "in his 60s", "in their early 20s" (60代, 六十多岁).
    ("age_decade", re.compile(r"\b(?:his|her|their|early|mid|late)[-\s]+(?P<num>[1-9]0)['’]?s\b", re.I)),
    # "A month" and "a week ago" are one month and one week (一个月, 一週間前), and "one of" is one (一人).
    # "Half an hour" is no hour (半小时).
    ("duration", re.compile(r"(?<!half )\b(?P<num>an?)\s+(?P<unit>year|month|week|day|hour|decade)\b(?![-'’])",
                            re.I)),
    # "The past year", "the year ahead", "a yearlong" span one year (过去一年, 未来一年, 一年間).
    ("duration", re.compile(r"\bthe\s+(?:next|coming|past|previous|preceding|following)\s+"
                            r"(?P<unit>year|month|week|decade)\b"
                            r"|\bthe\s+(?P<ahead>year|month|week|decade)\s+ahead\b"
                            r"|\b(?P<long>year|month|week)-?long\b", re.I)),
    # "One in five", "1 in 3", "nine out of 10", "one in every five", "one-in-five": a fraction (五分之一,
    # 3人に1人, 9割).
    ("in_every", re.compile(r"\b(?P<num>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+"
                            r"(?:in|out[\s-]+of)[\s-]+(?:every[\s-]+)?"
                            r"(?P<den>\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred)\b"
                            r"(?!\s*(?:%|per\s?cent)|[.,]\d)", re.I)),
    ("one_of", re.compile(r"\bone(?=\s+of\b)", re.I)),
    ("count_word", re.compile(rf"\b(?P<word>{'|'.join(COUNT_WORDS)})\b", re.I)),
    # "The first 10 months" are 前10个月 / 最初の10カ月: no ordinal.
    # "For the 30th consecutive month" is counted in months too: 30カ月連続, 连续9年.
    ("ordinal", re.compile(r"(?:\b(?P<num>\d+)(?:st|nd|rd|th)\b|\b(?P<word>first|second|third|fourth|fifth|sixth|"
                           r"seventh|eighth|ninth|tenth)\b(?!\s+(?:\d+|two|three|four|five|six|seven|eight|nine|"
                           rf"ten|few|several)\b)){CONSECUTIVE.pattern}?", re.I)),
    ("weekday", re.compile(rf"\b(?P<day>{_WEEKDAY})\b")),
    # "1981-87": the second year keeps the first one's century.
    ("year_range", re.compile(r"\b(?P<year>(?:1[89]|20)\d{2})[-–/](?P<short>\d{2})\b(?![-–/]\d)")),
    # A decade is its first year (the 1960s); a clipped '60s is of the 1900s from the '30s on, as in
    # the translation (60年代), while a clipped '20s may be either century and is left.
    ("decade", re.compile(r"\b(?P<year>(?:1[89]|20)\d0)'?s\b|(?<!\w)['’](?P<short>[3-9]0)s\b")),
    ("year", re.compile(r"\b(?P<year>(?:1[89]|20)\d{2})\b(?!\s*(?:%|per\s?cent))")),
    # Imperial measures, which Japanese and Chinese news often converts to metric (10,000 acres →
    # 4047公顷, 3 miles → 4.8公里): figures.py accepts either value.
    # A temperature may be below zero: "minus 20 degrees", "-4F".
    ("measure", re.compile(rf"(?:(?P<neg>\bminus\s+|(?<![\w.])[-−])|\b)(?P<num>{NUMBER})(?P<scale>{SCALE})?[-\s]?"
                           rf"(?P<measure>{_MEASURE})", re.I)),
    # Pence glued to the digits (shares fell 3.5p), as British business news writes them: a count,
    # like "85 pence".
    ("number", re.compile(rf"\b(?P<num>{NUMBER})(?P<scale>{SCALE})?(?:\b|(?=(?-i:p)\b))", re.I)),
]
# Words that make a weekday part of the name of a day or a show, not a date: Black Friday, Good
# Friday, Easter Sunday, Super Tuesday, Cyber Monday, Fox News Sunday. A closed set: an open rule
# ("after any capitalised word") would also drop the AP style "came to Warsaw Sunday".
_NAMED_DAYS = {"black", "good", "holy", "easter", "palm", "ash", "maundy", "shrove", "super", "cyber", "bloody",
               "giving", "blue", "business", "news"}
# Words that are numbers only in some uses: "second" (time unit / runner-up), "one" (pronoun).
_AMBIGUOUS_WORDS = {"one", "second", "a half", "half"}


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or English words ("1,200.5", "twenty-five", "a dozen")."""
    raw = text.strip().lower()
    if re.fullmatch(rf"{_INDIAN_GROUPS}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+", raw):
        return float(raw.replace(",", ""))
    if raw in SPECIAL:
        return float(SPECIAL[raw])
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", raw):
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        elif word in ("and", "a"):
            continue
        else:
            return None
    return total + current


def _scale(text: str | None) -> float:
    return SCALES[text.strip().lower()] if text else 1.0


def _is_words(text: str) -> bool:
    return not re.search(r"\d", text)


def _currency(match: re.Match[str]) -> str:
    prefix = (match.groupdict().get("prefix") or "").strip().lower()
    if prefix:
        return "NGN" if prefix == "n" else CURRENCY_PREFIX[prefix]  # N585 million: the naira pattern
    word = match.group("cur").lower()
    return next(code for pattern, code in CURRENCY_WORDS if re.fullmatch(pattern, word))


def _month(text: str) -> int:
    return MONTHS[text.strip(".").lower()[:3]]


def _hours(clock: str, ampm: str) -> float:
    hours, _, minutes = clock.replace(".", ":").partition(":")  # British 6.30pm
    value = int(hours) % 12 + (12 if ampm.lower().startswith("p") else 0)
    return value + (int(minutes) / 60 if minutes else 0)


def _anniversary(m: re.Match[str]) -> bool:
    """An ordinal before "anniversary" counts years: the 21st anniversary is 21周年."""
    return re.match(r"\s+anniversary\b", m.string[m.end():], re.I) is not None


def _in_name(m: re.Match[str]) -> bool:
    """Whether the matched weekday names a day or a show with the capitalised word before it (Black Friday)."""
    before = re.search(r"([A-Za-z]+)\s+$", m.string[max(0, m.start() - 30):m.start()])
    return bool(before and before.group(1)[0].isupper() and before.group(1).lower() in _NAMED_DAYS)


_HEIGHTS = re.compile(r"(?:\s*|-)(?:tall|high|long|wide|deep|away|above|below|in\s+(?:height|length|diameter|width|"
                      r"depth)|race|sprint|dash|freestyle|hurdles|breaststroke|backstroke|butterfly|medley|relay|"
                      r"(?:semi-?)?finals?|heats?)\b", re.I)


def _metres(m: re.Match[str]) -> bool:
    """Whether a glued "m" is metres, not million: "1.8m tall", "a 3m-high wall", "the 100m
    freestyle", "the 100m final" ("£7m" and "1.5m people" are millions)."""
    return (m.groupdict().get("scale") or "") == "m" and _HEIGHTS.match(m.string, m.end()) is not None


# An amount, a share or a count just before "a year" makes it a rate: "$50,000 a year", "3% a
# month", "twice a week" ("2023 as a year of progress" is none).
_AFTER_AMOUNT = re.compile(r"(?:\d[\d,.]*\s*(?:%|(?P<word>[a-z]+))?|per\s?cent|\b(?:once|twice|times))\s+$", re.I)


def _rate(m: re.Match[str]) -> bool:
    amount = _AFTER_AMOUNT.search(m.string[max(0, m.start() - 40):m.start()])
    return bool(amount) and (amount.group("word") or "").lower() not in STOPWORDS


def _figures_from(kind: str, m: re.Match[str]) -> list[RawFigure]:
    """(value, unit, start, end, in_words) for one match of one pattern; [] rejects the match."""
    matched = m.group(0).strip().lower()
    anniversary = kind == "ordinal" and _anniversary(m)
    if kind in ("number", "ordinal") and matched in _AMBIGUOUS_WORDS and not anniversary \
            or kind == "number" and matched in ("a", "an"):
        return []
    if kind == "number" and re.search(r"\b(?:No\.?|Number)\s*$", m.string[max(0, m.start() - 8):m.start()]):
        return []  # "No 10" (Downing Street), "Number 10": a name, not a count
    if kind == "duration" and (m.groupdict().get("num") or "").lower() in ("a", "an") and _rate(m):
        return []  # "5,000 yuan a year", "10% a month": a rate (每年, 毎月), not one year
    g = m.groupdict()
    whole = (m.start("num") if kind == "fraction" else m.start(), m.end())
    if kind in ("date", "month_year", "iso_date"):
        month = float(g["month"]) if kind == "iso_date" else float(_month(g["month"]))
        out = [(month, "month-date", m.start("month"), m.end("month"), False)]
        if g.get("day"):
            out.append((float(g["day"]), "day-date", m.start("day"), m.end("day"), False))
        if g.get("year"):
            out.append((float(g["year"]), "year-date", m.start("year"), m.end("year"), False))
        return out
    if kind == "power":
        value = parse_number(g["num"])
        if value is None:
            return []
        prefix = _WATT_PREFIXES[(g.get("prefix") or g.get("abbr") or "").lower()]
        unit = "Wh" if g.get("hours") or g.get("h") else "W"
        return [(value * _scale(g.get("scale")) * prefix, unit, *whole, _is_words(g["num"]))]
    if kind == "scaled_fraction":
        part = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}[re.split(r"[\s-]", g["frac"].lower())[-1]]
        value = part * SCALES[g["scale"].lower()]
        return [(value, _currency(m) if g.get("cur") else "", *whole, True)]
    if kind == "month":
        return [(float(_month(g["month"])), "month-date", m.start("month"), m.end("month"), False)]
    if kind == "month_range":
        return [(float(_month(g[part])), "month-date", m.start(part), m.end(part), False) for part in ("month", "last")]
    if kind == "time":
        out = [(_hours(g["from"], g["ampm"]), "time", m.start("from"), m.end("from"), False)]
        if g.get("to"):
            out.append((_hours(g["to"], g["ampm"]), "time", m.start("to"), m.end("to"), False))
        return out
    if kind == "time24":
        return [(int(g["h"]) + int(g["m"]) / 60, "time", *whole, False)]
    if kind == "range_percent":
        unit = "pp" if "point" in g["pct"].lower() else "%"
        values = [parse_number(g["a"]), parse_number(g["b"])]
        spans = [(m.start("a"), m.end("a")), (m.start("b"), m.end("pct"))]
        return [(v, unit, s, e, _is_words(g["a"])) for v, (s, e) in zip(values, spans, strict=True) if v is not None]
    if kind == "weekday":
        return [] if _in_name(m) else [(float(WEEKDAYS[g["day"].lower().rstrip("s")]), "weekday", *whole, True)]
    if kind in ("year", "decade"):
        return [(float(g["year"]) if g["year"] else 1900.0 + int(g["short"]), "year-date", *whole, False)]
    if kind == "year_range":
        return year_range(m)
    if kind == "ordinal":
        value = float(g["num"]) if g.get("num") else float(ORDINALS[g["word"].lower()])
        return [(value, "year" if anniversary else "ordinal", *whole, not g.get("num"))]
    if kind == "money_range":
        low, high = parse_number(g["a"]), parse_number(g["num"])
        scale, currency = _scale(g["scale"]), _currency(m)
        return [(low * scale, currency, m.start(), m.end("a"), False),
                (high * scale, currency, m.start("num"), m.end(), False)]
    if kind == "in_every":
        numerator, denominator = parse_number(g["num"]), parse_number(g["den"])
        if not numerator or not denominator or numerator >= denominator or 1800 <= denominator <= 2100:
            return []
        return [(numerator / denominator, "", *whole, _is_words(g["num"]))]
    if kind == "basis_points":
        points = parse_number(g["num"])
        return [(points / 100, "pp", *whole, _is_words(g["num"]))] if points else []
    if kind == "one_of":
        return [(1.0, "", *whole, True)]
    if kind == "count_word":
        value, unit = COUNT_WORDS[g["word"].lower()]
        return [(float(value), unit, *whole, True)]
    if kind == "fraction" and g["den"].lower() == "quarters" and re.search(
            r"\b(?:first|last|past|next|previous|recent|consecutive|straight)\s+$", m.string[:m.start("num")], re.I):
        return []  # "the first three quarters" of a year: a count of quarters, 前三季度
    if kind == "fraction":
        numerator = 1.0 if g["num"].lower() in ("a", "an") else parse_number(g["num"])
        denominator = DENOMINATORS[g["den"].lower().rstrip("s")]
        return [(numerator / denominator, "", *whole, True)] if numerator else []
    if kind == "celsius":
        value = float(g["num"]) * (-1 if g.get("neg") else 1)
        return [(value, "", m.start("neg") if g.get("neg") else m.start("num"), m.end(), False)]
    if kind == "duration" and not g.get("num"):
        unit = (g.get("unit") or g.get("ahead") or g["long"]).lower()
        return [(10.0 if unit == "decade" else 1.0, DURATIONS[unit], *whole, True)]
    value = 1.0 if kind == "duration" and g["num"].lower() in ("a", "an") else parse_number(g["num"])
    if value is None:
        return []
    if not _metres(m):
        value *= _scale(g.get("scale"))
    if g.get("half"):
        value += 0.5
    words = _is_words(g["num"])
    if kind == "money":
        return [(value, _currency(m), *whole, words)]
    if kind == "percent":
        return [(value, "pp" if "point" in g["pct"].lower() else "%", *whole, words)]
    if kind == "measure":
        word = re.sub(r"[^a-z]", " ", g["measure"].lower()).split()
        key = "fahrenheit" if "fahrenheit" in word or word == ["f"] else word[0].rstrip("s") if word[0] != "inches" \
            else "inch"
        unit = MEASURES[key][0]
        if g.get("neg") and unit in ("degree", "fahrenheit"):
            return [(-value, unit, *whole, words)]
        return [(value, unit, m.start("num"), m.end(), words)]
    if kind == "duration":
        unit = g["unit"].lower()
        return [(value * (10 if unit.startswith("decade") else 1), DURATIONS[unit], *whole, words)]
    return [(value, "", *whole, words)]


def extract_figures(text: str) -> list[Figure]:
    """Every figure of English `text` in reading order; each character belongs to at most one figure."""
    return scan_figures(text, text, PATTERNS, _figures_from)
