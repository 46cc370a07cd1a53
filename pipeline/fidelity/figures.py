"""Figures checked across languages: value and unit must both survive, whatever the script."""

from __future__ import annotations

import re
from datetime import date

from pipeline.fidelity.currencies import COMPATIBLE as CURRENCY_COMPATIBLE
from pipeline.fidelity.currencies import cjk_forms
from pipeline.fidelity.facts import Figure, Finding, Span
from pipeline.fidelity.figures_cjk import counted, lexical_numeral
from pipeline.fidelity.figures_en import CONSECUTIVE, MEASURES

_MAJOR_CURRENCY_NAMES = {
    "ja": {"JPY": "円", "USD": "ドル", "CNY": "人民元", "HKD": "香港ドル", "GBP": "ポンド", "EUR": "ユーロ",
           "KRW": "ウォン"},
    "zh-Hans": {"JPY": "日元", "USD": "美元", "CNY": "元", "HKD": "港元", "GBP": "英镑", "EUR": "欧元", "KRW": "韩元"},
    "zh-Hant": {"JPY": "日圓", "USD": "美元", "CNY": "元", "HKD": "港元", "GBP": "英鎊", "EUR": "歐元", "KRW": "韓元"},
}
# An unqualified dollar is asked for as the US dollar, the likeliest reading.
CURRENCY_NAMES = {lang: names | {code: forms[0] for code, forms in cjk_forms()[lang].items()} | {"DOLLAR": names["USD"]}
                  for lang, names in _MAJOR_CURRENCY_NAMES.items()}
COUNTERS = {
    "ja": {"year": "年", "month": "か月", "week": "週間", "day": "日", "hour": "時間", "minute": "分"},
    "zh-Hans": {"year": "年", "month": "个月", "week": "周", "day": "天", "hour": "小时", "minute": "分钟"},
    "zh-Hant": {"year": "年", "month": "個月", "week": "週", "day": "天", "hour": "小時", "minute": "分鐘"},
}
WEEKDAYS = {
    "ja": ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"],
    "zh-Hans": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    "zh-Hant": ["週一", "週二", "週三", "週四", "週五", "週六", "週日"],
}
MYRIADS = {"ja": ("万", "億", "兆"), "zh-Hans": ("万", "亿", "万亿"), "zh-Hant": ("萬", "億", "兆")}
# Units a source figure may legitimately take in a translation besides its own: a bare count in
# English often gains a counter (3 people → 3人), and "percent" and "points" are mixed up by
# human translators too often to call it an error.
# "The 10th" is mostly a date (10日) and "43rd" may lose its 第.
# "11 days later" is 11日後 in Japanese, which reads like a date.
# A duration may change its unit when its length stays (18 months = 1年半, two weeks = 14天, 90
# minutes = 一个半小时, 48 hours = 两天).
# A year and a number of years read alike in Chinese and Japanese (1960年代 "the 1960s", 2500年前
# "2,500 years ago"); their values still have to agree.
COMPATIBLE = {"%": {"%", "pp"}, "pp": {"pp", "%"}, "ordinal": {"ordinal", "day-date", ""},
              "day": {"day", "day-date", "week", "hour"}, "week": {"week", "day"}, "month": {"month", "year"},
              "hour": {"hour", "minute", "day"}, "minute": {"minute", "hour"},
              "year": {"year", "month", "year-date"}, "year-date": {"year-date", "year"}} | CURRENCY_COMPATIBLE
_IN_DAYS = {"day": 1, "day-date": 1, "week": 7}
_IN_MONTHS = {"month": 1, "year": 12}
_IN_MINUTES = {"minute": 1, "hour": 60, "day": 1440}
# A count in words never stands for a date, a weekday, a time or an ordinal ("two" is not
# 水曜日 or 2月); a count in digits may be one ("on the 10" → 10日), but never a weekday.
_DATE_LIKE = {"weekday", "month-date", "day-date", "year-date", "time", "ordinal"}
# Units whose number a translation may write with a word we do not parse as a unit. A month or a
# day of a date is not among them: a bare 3 is rarely March.
_BARE_OK = {"year-date", "year", "month", "week", "day", "hour", "minute", "ordinal"}


# Imperial units as the target writes them when it keeps them (10000英亩, 3マイル).
_IMPERIAL = {"acre": {"ja": "エーカー", "zh": "英亩"}, "mile": {"ja": "マイル", "zh": "英里"},
             "foot": {"ja": "フィート", "zh": "英尺"}, "inch": {"ja": "インチ", "zh": "英寸"},
             "yard": {"ja": "ヤード", "zh": "码"}, "gallon": {"ja": "ガロン", "zh": "加仑"},
             "fahrenheit": {"ja": "°F", "zh": "华氏度"}, "degree": {"ja": "度", "zh": "度"}}


def format_number(value: float, lang: str) -> str:
    """A value in the target's notation: myriad scales (6600億, 120万), no trailing zeros."""
    ten_thousand, hundred_million, trillion = MYRIADS[lang]
    for size, word in ((1e12, trillion), (1e8, hundred_million), (1e4, ten_thousand)):
        if abs(value) >= size and (value / size) >= 1 and _short(value / size):
            return f"{_plain(value / size)}{word}"
    return _plain(value)


def _short(value: float) -> bool:
    return len(_plain(value).replace(".", "")) <= 5


def _plain(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def render(figure: Figure, lang: str) -> str:
    """How a correct translation writes `figure` in `lang`: 6600億円, 6600亿日元, 3か月, 周三, 0.11%."""
    unit = figure.unit
    if unit in CURRENCY_NAMES[lang]:
        return format_number(figure.value, lang) + CURRENCY_NAMES[lang][unit]
    if unit in COUNTERS[lang]:
        return format_number(figure.value, lang) + COUNTERS[lang][unit]
    if unit == "%":
        return f"{_plain(figure.value)}%"
    if unit == "pp":
        return _plain(figure.value) + {"ja": "ポイント", "zh-Hans": "个百分点", "zh-Hant": "個百分點"}[lang]
    if unit == "weekday":
        return WEEKDAYS[lang][int(figure.value)]
    if unit == "month-date":
        return f"{int(figure.value)}月"
    if unit == "day-date":
        return f"{int(figure.value)}日"
    if unit == "year-date":
        return f"{int(figure.value)}年"
    if unit == "time":
        hours, minutes = int(figure.value), round((figure.value % 1) * 60)
        return f"{hours}:{minutes:02d}" if minutes else (f"{hours}時" if lang == "ja" else f"{hours}点")
    if unit == "ordinal":
        return f"第{_plain(figure.value)}"
    if unit in _IMPERIAL:
        return format_number(figure.value, lang) + _IMPERIAL[unit]["ja" if lang == "ja" else "zh"]
    if unit in _WATTS:  # in kilowatts, as CJK news gives power (120万千瓦, 120万キロワット)
        kilo = {"ja": "キロワット", "zh-Hans": "千瓦", "zh-Hant": "千瓦"}[lang]
        hours = {"ja": "時", "zh-Hans": "时", "zh-Hant": "時"}[lang] if unit == "Wh" else ""
        return format_number(figure.value / 1e3, lang) + kilo + hours
    return format_number(figure.value, lang)


def _percent_of(source: Figure, target: Figure) -> bool:
    """A fraction and the percentage it is: one in 10 = 10%, 十分之九 = 90%."""
    if {source.unit, target.unit} != {"%", ""}:
        return False
    share, fraction = (source, target) if source.unit == "%" else (target, source)
    return 0 < fraction.value < 1 and abs(fraction.value * 100 - share.value) < 1e-6


def _unit_fits(source: Figure, target: Figure) -> bool:
    if _percent_of(source, target):
        return True
    if source.unit in _WATTS:
        return target.unit in (source.unit, "")  # "" as for imperial units below
    if source.unit in _IMPERIAL:
        # 4047公顷: a metric number with a unit word we do not list; or the same unit (10000英亩).
        return target.unit in ("", source.unit)
    if source.unit == "":
        # ... but it may be an ordinal (Chapter Seven → 第七章).
        return target.unit not in (_DATE_LIKE - {"ordinal"} if source.words else {"weekday"})
    if source.unit == "ordinal" and (run := CONSECUTIVE.search(source.span.text)) and target.unit == run[
            "period"].lower():
        return True  # the 30th consecutive month: 30カ月連続
    if source.unit == "ordinal" and target.unit == "" and target.words and not counted(target):
        return False  # a lone numeral is no rank: 一次 "once" is not "first"; 三位 "third place" is
    if target.unit == "" and source.unit in _BARE_OK and (not target.words or counted(target)):
        # The translation wrote the number and a unit word we do not list (18岁, 三十岁, 2022赛季, 第43 → 43).
        return True
    return target.unit in COMPATIBLE.get(source.unit, {source.unit})


def metric(figure: Figure) -> float | None:
    """An imperial measure's metric value (acres in hectares, miles in km, °F in °C), else None."""
    factor = next(((f, offset) for unit, f, offset in MEASURES.values() if unit == figure.unit), None)
    return (figure.value + factor[1]) * factor[0] if factor else None


def _converted(source: Figure, target: Figure) -> bool:
    """A plain number within 3% of the measure's metric value: translators convert and round
    (10,000 acres → 4047公顷, 3 miles → 5公里 is too far, 4.8公里 is it), in the metric unit they
    choose (6 feet → 1.83米 or 183センチ)."""
    value = metric(source)
    if value is None or target.unit != "":
        return False
    # Small values keep an absolute margin in the unit metric() gives (0.5 miles → 0.8公里); in
    # another unit the margin scales with them (5 acres are no 0 square kilometres).
    return any(abs(target.value - value * scale) <= 0.03 * max(1.0, abs(value)) * scale
               for scale in _METRIC_SCALES.get(source.unit, (1,)))


# The metric units a translation gives an imperial measure in, as multiples of the one metric()
# gives: feet in metres or centimetres, inches in centimetres, millimetres or metres, miles in
# kilometres or metres, acres in hectares, square kilometres or square metres.
_METRIC_SCALES = {"foot": (1, 100), "inch": (1, 10, 0.01), "mile": (1, 1000), "yard": (1, 100),
                  "acre": (1, 0.01, 10000)}


# A power or energy whose unit word the translation writes in a way we do not parse (800亿度 for
# 80 billion kilowatt-hours) keeps its number in one of the metric prefixes' units.
_WATTS = ("W", "Wh")
_WATT_SCALES = (1, 1e3, 1e6, 1e9, 1e12)


def _same(source: Figure, target: Figure) -> bool:
    """Equal values; equal lengths (18 months = 1年半); clock times also equal modulo 12 (8 p.m. = 夜8時);
    an imperial measure also in metric."""
    if _converted(source, target) or _percent_of(source, target):
        return True
    if source.unit in _WATTS and target.unit == "":
        return any(abs(target.value * scale - source.value) <= 1e-9 * abs(source.value) for scale in _WATT_SCALES)
    for scale in (_IN_DAYS, _IN_MONTHS, _IN_MINUTES):
        if source.unit in scale and target.unit in scale:  # lengths in a common unit
            return abs(source.value * scale[source.unit] - target.value * scale[target.unit]) < 1e-9
    if source.same_value(target) or _rounded(source, target):
        return True
    return source.unit == target.unit == "time" and abs(source.value - target.value) % 12 < 1e-9


_DECIMAL = re.compile(r"(\d[\d,]*)\.(\d+)")


def _rounded(source: Figure, target: Figure) -> bool:
    """Whether a decimal amount with a scale (21.84 million) is the target's more exact amount rounded
    (2184.3万): English written from a Chinese or Japanese original rounds what it states."""
    m = _DECIMAL.search(source.span.text)
    mantissa = float(f"{m.group(1).replace(',', '')}.{m.group(2)}") if m else 0.0
    if not mantissa or source.value / mantissa < 1000:
        return False  # no scale word: 5.2% is no rounded 5.24%
    step = source.value / mantissa * 10 ** -len(m.group(2))
    return abs(target.value - source.value) <= step / 2 * (1 + 1e-9)


def _may_stand_in(source: Figure, target: Figure) -> bool:
    """Whether a leftover target figure may be `source` altered: its unit fits, and for a bare count it
    is in digits or has a measure word (四名), not a numeral that may be part of a word; a count in
    words ("three times that") becomes only another count, not 24% or 5ドル. A magnitude in words
    ("a million") is a figure like one in digits: 七百万 in its place is another one. A rank in words
    becomes only another rank."""
    if source.words and source.unit == "ordinal":
        # "first" is often a word (首次, 初めて), and a rank in words is seldom written as a bare
        # number or a day: only another rank (3番目 for "fifth") stands in for one.
        return source.value != 1 and target.unit == "ordinal"
    if not _unit_fits(source, target):
        return False
    if source.unit:
        return True
    if source.words and target.unit:
        return False
    return not target.words or counted(target) or min(source.value, target.value) >= 100


def same_figure(a: Figure, b: Figure) -> bool:
    """Whether `b` states `a`: an equal value in a fitting unit (the validator's exact pairing)."""
    return _same(a, b) and _unit_fits(a, b)


def severity(figure: Figure) -> str:
    """Digits, money, percentages and dates are errors when lost; words and weekdays warnings.

    Human translators render "two countries" as 両国 and often drop a weekday beside a date, so
    losing those is worth a look, not an alarm. A weekday replaced by a date the source lacks is
    still an error (check_figures), as is a count in words changed into another (四名 for "three").
    """
    if figure.words or figure.unit in ("weekday", "ordinal") or figure.unit in _IMPERIAL:
        return "warning"  # an imperial measure may be converted and rounded past recognition
    return "error"


def _likeliest_first(source: Figure, targets: list[Figure]) -> list[int]:
    """Target indices, those of the source's unit first, then those written alike (digits or words),
    each in reading order: "fifth" takes 第五, not the 五场 of "five games"; "1-1" takes the 1s, not
    the 一 of 一分钟."""
    return sorted(range(len(targets)), key=lambda j: (targets[j].unit != source.unit,
                                                      targets[j].words != source.words, j))


def _date_left(targets: list[Figure], used: set[int]) -> list[int] | None:
    """The first target date no source figure took, as the indices of its parts (year, month, day).

    A day in numerals alone (三日) is often a length ("a three-day strike"), so it needs a month.
    """
    def part_before(j: int, unit: str) -> int | None:
        # The parts of one written date sit a unit word apart: 2020 年 12 月 24 日.
        return next((k for k, t in enumerate(targets) if k not in used and t.unit == unit
                     and 0 <= targets[j].span.start - t.span.end <= 3), None)

    for j, t in enumerate(targets):
        if j in used or t.unit != "day-date":
            continue
        month = part_before(j, "month-date")
        if month is None and t.words:
            continue
        year = part_before(month, "year-date") if month is not None else None
        return [k for k in (year, month, j) if k is not None]
    return None


def _falls_on(parts: list[Figure], weekday: float) -> bool:
    """Whether a full date (year, month, day) is that weekday."""
    if [p.unit for p in parts] != ["year-date", "month-date", "day-date"]:
        return False
    try:
        return date(*(int(p.value) for p in parts)).weekday() == weekday
    except ValueError:
        return False


def _weekday_as_date(src: Figure, parts: list[Figure], expected: str, target_text: str) -> Finding:
    """A source weekday whose translation has a date instead: an invented date is an error; a full
    date that falls on the weekday is the translator resolving it, worth a look only."""
    start, end = parts[0].span.start, parts[-1].span.end
    if target_text[end:end + 1] in ("日", "号", "號"):
        end += 1
    found = target_text[start:end] if target_text else "".join(p.span.text for p in parts)
    if _falls_on(parts, src.value):
        return Finding("figure", "altered", "warning", src.span, Span(found, start, end), expected, found,
                       "a date that falls on this weekday", f"{src.span.text} given as its date {found}")
    return Finding("figure", "altered", "error", src.span, Span(found, start, end), expected, found,
                   "a date the source lacks, in place of its weekday", f"expected {expected}, found {found}")


# "100 per cent of the soil" is often すべて / 全部 ("all of it"): then its absence is a warning.
_ALL = {"ja": re.compile("すべて|全て|全部|完全|全面|全額|全員"), "zh": re.compile("全部|完全|全面|所有|全额|全額")}
# "50 per cent" is often "half" in translation (一半选票, 半数の人).
_HALF = {"ja": re.compile("半数|半分"), "zh": re.compile("一半|半数|半數")}
# "first" in words is mostly a word in translation too: 初めて, 最初, 首次, 首届 ("for the first time").
_FIRST = {"ja": re.compile("最初|初めて|初の|初回|一番目|初代|初日"),
          "zh": re.compile("首次|首个|首個|首位|首届|首屆|首批|首度|首先|头一|頭一|最初|第一")}


def check_figures(sources: list[Figure], targets: list[Figure], lang: str, target_text: str = "",
                  document: list[Figure] | None = None) -> list[Finding]:
    """Pair every source figure with a target figure of equal value and unit, in reading order.

    Unpaired source figures are "altered" when a leftover target figure of the same unit (or the
    same value) stands in for them, and a weekday also when a leftover date does (金曜日 → 3月3日),
    else "missing"; leftover target figures in digits are "added". Given the figures of the whole
    English `document`, a leftover count in numerals (四名男子, 三个月) that no figure of it states in
    the same unit is an "added" error (a date's 7 is no count of seven): translators write counts
    the segment leaves to its document ("the men" for the four named earlier), but not counts the
    document never states. Without the document such a count is a warning.
    """
    used: set[int] = set()
    findings: list[Finding | None] = [None] * len(sources)
    # Pass 1: exact pairs (value and a fitting unit), first free target in reading order; figures
    # with a unit choose first, so that a bare count cannot take a target another figure needs.
    for i in sorted(range(len(sources)), key=lambda i: (sources[i].unit == "", i)):
        src = sources[i]
        for j in _likeliest_first(src, targets):
            tgt = targets[j]
            if j not in used and _same(src, tgt) and _unit_fits(src, tgt):
                used.add(j)
                findings[i] = Finding("figure", "preserved", "info", src.span, tgt.span, render(src, lang),
                                      tgt.span.text, f"value {tgt.value:g} {tgt.unit or 'count'}".strip(),
                                      f"{src.span.text} → {tgt.span.text}")
                break
    # Pass 2: the rest, against what is left; weekdays last, so that a changed date in the source
    # takes the target's date before a weekday beside it does.
    for i in sorted(range(len(sources)), key=lambda i: (sources[i].unit == "weekday", i)):
        src = sources[i]
        if findings[i] is not None:
            continue
        expected = render(src, lang)
        stand_in = next((j for j, t in enumerate(targets) if j not in used and _may_stand_in(src, t)
                         and not _in_a_code(t, target_text)), None)
        word_rank = src.words and src.unit == "ordinal"
        # The same value in another unit is the unit changed (5ドル → 5円, two weeks → 两个月), but a
        # length in words is no count: "a year" is not 一名 "one person" changed.
        unit_unstated = False
        if stand_in is None and src.unit != "weekday" and not word_rank:  # a weekday's number (Friday = 4) is no value
            stand_in = next((j for j, t in enumerate(targets) if j not in used and src.same_value(t)
                             and not (src.words and src.unit and not t.unit)), None)
            # An amount with no currency beside it (5 万（英镑）, 5万至10万英镑 sharing one): the currency
            # may be written apart, and no other stands there, so this is worth a look only. A lost
            # per cent sign or length word is an error: those are written with the number.
            unit_unstated = stand_in is not None and src.unit.isupper() and not targets[stand_in].unit
            # A rank written as its bare number (二十大 for the 20th Congress, as Chinese names
            # congresses and plans): the value stands, the mark of order may be the name's own.
            unit_unstated |= stand_in is not None and src.unit == "ordinal" and not targets[stand_in].unit
        day = _date_left(targets, used) if stand_in is None and src.unit == "weekday" else None
        if day is not None:
            used.update(day)
            findings[i] = _weekday_as_date(src, [targets[j] for j in day], expected, target_text)
        elif stand_in is not None:
            used.add(stand_in)
            tgt = targets[stand_in]
            findings[i] = Finding("figure", "altered", "warning" if unit_unstated else "error", src.span, tgt.span,
                                  expected, tgt.span.text, f"value {tgt.value:g} {tgt.unit or 'count'}",
                                  f"expected {expected}, found {tgt.span.text}"
                                  + ((" with no currency beside it" if src.unit.isupper() else " with no mark of order")
                                     if unit_unstated else ""))
        elif src.unit == "%" and src.value == 100 and (every := _ALL["ja" if lang == "ja" else "zh"].search(
                target_text)):
            findings[i] = Finding("figure", "missing", "warning", src.span, None, expected, "",
                                  f"no figure of this value; {every.group()} may say it",
                                  f"{src.span.text} ({expected}) not found; {every.group()} (all) may stand for it")
        elif src.unit == "%" and src.value == 50 and (half := _HALF["ja" if lang == "ja" else "zh"].search(
                target_text)):
            findings[i] = _said_in_a_word(src, half, expected, "half")
        elif src.words and src.unit == "ordinal" and src.value == 1 and (first := _FIRST[
                "ja" if lang == "ja" else "zh"].search(target_text)):
            findings[i] = _said_in_a_word(src, first, expected, "first")
        elif any(f is not None and f.status == "preserved" and sources[k].unit == src.unit
                 and sources[k].same_value(src) and not _side_by_side(sources[k], src) for k, f in enumerate(findings)):
            # A figure said again: its other mention is kept, and a translation often writes the
            # repeat as 同額 / 该金额 ("the same amount").
            findings[i] = Finding("figure", "missing", "warning", src.span, None, expected, "",
                                  "said again in the source; its other mention is kept",
                                  f"{src.span.text} ({expected}) not found again; its other mention is kept")
        else:
            findings[i] = Finding("figure", "missing", severity(src), src.span, None, expected, "",
                                  "no figure of this value and unit", f"{src.span.text} ({expected}) not found")
    added = [
        Finding("figure", "added", "warning", None, t.span, "", t.span.text, f"value {t.value:g} {t.unit}".strip(),
                f"{t.span.text} has no counterpart in the source")
        for j, t in enumerate(targets) if j not in used and not t.words and not _in_a_code(t, target_text)
    ]
    # Without the article, a count the segment does not state may come from a sentence the check
    # does not see: a warning, which names what would settle it.
    stated = sources + (document or [])
    added += [Finding("figure", "added", "error" if document is not None else "warning", None, t.span, "",
                      t.span.text, f"value {t.value:g} {t.unit or 'count'}",
                      f"{t.span.text} is a count that neither the source nor its document states"
                      if document is not None else
                      f"{t.span.text} is a count the source does not state (check with the article to settle it)")
              for j, t in enumerate(targets) if j not in used and _count_in_numerals(t, target_text)
              and not any(s.unit == t.unit and s.same_value(t) for s in stated)]
    return [f for f in findings if f is not None] + added


# Latin letters right before the digits (A3, MH370, ＦＴＳＥ２５０, Expo-2020).
_CODE_BEFORE = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ][-－]?$")


def _in_a_code(figure: Figure, text: str) -> bool:
    """Whether a figure in digits is part of a name of letters and digits (the A3 road, COVID-19),
    which the English side never reads as a figure: it may still state a source figure (ABC 10 as
    ABC10), but it is no other figure altered and no figure added."""
    start = figure.span.start
    return not figure.words and _CODE_BEFORE.search(text, max(0, start - 2), start) is not None


def _side_by_side(a: Figure, b: Figure) -> bool:
    """Whether two figures are one fact of two numbers (a 1-1 draw, 2 to 2): not a figure said again."""
    return min(abs(a.span.start - b.span.end), abs(b.span.start - a.span.end)) <= 4


def _said_in_a_word(src: Figure, word: re.Match[str], expected: str, meaning: str) -> Finding:
    """A figure the translation says by a word for it (一半 for 50 per cent, 首次 for "first")."""
    return Finding("figure", "preserved", "info", src.span, Span(word.group(), *word.span()), expected,
                   word.group(), f"the word for {meaning}", f"{src.span.text} → {word.group()}")


_COUNTED_LENGTHS = ("year", "month", "week", "day", "hour")


# Counts in numerals that count no fact of the text: 两人 / 二人 "the two of them", the pair a text
# has named (his wife and him); 三位数 "a three-digit number", a size.
_NO_FACT = re.compile(r"[两兩二]人|[二三四五六七八九两兩]位(?=[数數])")
# A multiple after a verb of growth (增长了两倍 "grew threefold": Chinese counts the increase) is
# what English says with a verb (tripled), not a count of things.
_GROWN_BY = re.compile(r"(?:增长|增長|增加|提高|涨|漲|升|扩大|擴大|翻)了?\s*$")


def _count_in_numerals(figure: Figure, text: str) -> bool:
    """A count (三名, 两个) or a length (三个月) in numerals above one: a figure as much as digits are.
    One is mostly the article (一名男子 "a man", 一年 "a year"); a count that is a word of its own
    (四起 "to spring up everywhere") is none."""
    span = figure.span
    return (figure.words and figure.value > 1 and (counted(figure) or figure.unit in _COUNTED_LENGTHS)
            and any(ch in "二三四五六七八九两兩" for ch in span.text) and not _NO_FACT.match(text, span.start)
            and not (span.text.endswith("倍") and _GROWN_BY.search(text, max(0, span.start - 4), span.start))
            and not lexical_numeral(span.text) and not _inside_a_longer_word(span, text))


def _inside_a_longer_word(span: Span, text: str) -> bool:
    """Whether a CC-CEDICT word longer than the count holds it: the count is part of a name or a
    term (军情五处 MI5), not a count of the text."""
    from pipeline.fidelity.dictionaries import cedict_words, opencc_t2s

    # Only the window that a word of up to 8 characters can reach is converted; t2s maps one
    # character to one, so offsets hold.
    first, last = max(0, span.start - 4), min(len(text), span.start + 8)
    window, words = opencc_t2s().convert(text[first:last]), cedict_words()
    return any(window[start - first:end - first] in words
               for start in range(first, span.start + 1)
               for end in range(span.end, min(last, start + 8) + 1)
               if end - start > span.end - span.start)
