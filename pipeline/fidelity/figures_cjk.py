"""Figures in Japanese and Chinese text: ASCII, full-width and kanji/hanzi numerals, myriad scales,
percentages, currencies, dates, weekdays, times, durations (counters) and ordinals.

cn2an converts the numeral strings (it reads 六千六百亿 and 6600億 alike); finding the spans and
attaching units and scales is ours, because no library returns figures with their units.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import cn2an

from pipeline.fidelity.currencies import SIGNS, cjk_forms
from pipeline.fidelity.facts import Figure
from pipeline.fidelity.figures_en import SCALES
from pipeline.fidelity.scanning import RawFigure, scan_figures, year_range

_CJK_DIGITS = "〇零一二三四五六七八九十百千两兩壹贰貳参參肆伍陆陸柒捌玖拾佰仟"
_MYRIAD = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
_DIGIT = r"(?:\d{1,2}(?:,\d{2})+,\d{3}|\d+(?:,\d{3})*)(?:\.\d+)?"  # Indian groups too: 2,06,737
_CJK_NUMBER = rf"[{_CJK_DIGITS}]+"
# A number: digits or numerals, optionally with myriad groups (1億2000万, 6600亿, 三千万).
# WMT's Chinese references space Latin digits off: "33 亿美元", "66.3 万".
# "200 多万" / "200余万" (over two million) keep their scale.
# Digits mix with 千 / 百 inside a myriad group (5億8千5百万) and alone (7千人, 3千5百人).
_MIXED = r"(?:\d+[千百十])+\d*"
NUMBER = (rf"(?:(?:{_MIXED}|{_DIGIT}\s?|{_CJK_NUMBER})[多余餘]?[万萬亿億兆]+)+(?:{_MIXED}|{_DIGIT}|{_CJK_NUMBER})?"
          rf"|{_DIGIT}\s?(?:百万|千万|百萬|千萬)|{_MIXED}|{_DIGIT}|{_CJK_NUMBER}")
# A decimal in numerals: 八点三 (8.3), 零点五 (0.5); only where a unit makes it a number (百分之八点三),
# since 三点 alone is also a clock time or "three points".
_CJK_DECIMAL = rf"[{_CJK_DIGITS}]+[点點][〇零一二三四五六七八九]+"
_AMPM = r"(?P<ampm>午前|午後|上午|下午|晚上|早上|凌晨|夜|夕方|晚)?\s*"

CURRENCIES = [
    # 美圆 is 美元's formal spelling, 英磅 a common misspelling of 英镑, 镑 alone the pound in short.
    (r"港元|港币|港幣|香港ドル|港圓", "HKD"), (r"美元|美金|美圆|美圓|ドル|米ドル", "USD"),
    (r"日元|日圆|日圓|円", "JPY"),
    (r"人民币|人民幣|人民元|元|块|塊", "CNY"), (r"英镑|英鎊|英磅|镑|鎊|英ポンド|ポンド", "GBP"),
    (r"欧元|歐元|ユーロ", "EUR"),
    (r"韩元|韓元|ウォン", "KRW"),
]
# Signs a translation keeps from the English (US$5億, A$500万); N for the naira only before a
# scaled amount, as the English side reads it (N585億, not N95).
PREFIXES = SIGNS | {"N": "NGN"}
_PREFIX = ("|".join(re.escape(p) for p in sorted(SIGNS, key=len, reverse=True))
           + r"|N(?=\d[\d,.]*\s?(?:[万萬亿億兆]|百万|千万))")
_ENGLISH_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
# The other currencies' forms in every language, longest first (澳元 before 元, 豪ドル before ドル).
_OTHER = sorted({(form, code) for by_code in cjk_forms().values() for code, forms in by_code.items()
                 for form in forms}, key=lambda fc: -len(fc[0]))
CURRENCIES = [(re.escape(form), code) for form, code in _OTHER] + CURRENCIES
_IMPERIAL_UNITS = [(r"エーカー|英亩|英畝", "acre"), (r"マイル|英里", "mile"), (r"フィート|英尺|呎", "foot"),
                   (r"インチ|英寸|吋", "inch"), (r"ヤード|码|碼", "yard"), (r"ガロン|加仑|加侖", "gallon")]
_IMPERIAL = "|".join(pattern for pattern, _ in _IMPERIAL_UNITS)
COUNTERS = [
    (r"か月|カ月|ヶ月|ケ月|箇月|个月|個月|ヵ月", "month"), (r"年間|周年|週年|年", "year"),
    # 周岁 / 週歲 is an age in full years (12 周岁以上 "over 12 years old"), no weeks.
    (r"週間|周(?![岁歲])|週(?![岁歲])|[个個]?星期|[个個]礼拜|[个個]禮拜", "week"),
    (r"日間|天", "day"), (r"時間|小时|小時|个小时|個小時", "hour"), (r"分钟|分鐘|分間", "minute"),
]
_CURRENCY = "|".join(c for c, _ in CURRENCIES)
# Currencies by a name of two or more characters, which may stand before the amount.
_NAMED_CURRENCY = "|".join(c for c, _ in CURRENCIES if len(c.replace("\\", "")) >= 2 and "|" not in c) + \
    "|港元|港币|港幣|人民币|人民幣"
_COUNTER = "|".join(c for c, _ in COUNTERS)
_WEEKDAY_JA = "月火水木金土日"
_WEEKDAY_ZH = "一二三四五六日天"
# Measure words (Chinese) and counters (Japanese) after which a numeral counts things: 四项法案
# "four bills", 三名 / 三人 "three people", 三つ, 三か国 "three countries", 十倍 "tenfold", 三次
# "three times", 三十岁 "aged thirty", 五世代 / 五代人 "five generations", 两具 (bodies), 四点 (points,
# in Japanese; in Chinese the clock pattern takes it first), and units of length, weight and area
# (六公里, 两米, 五英亩), which English also writes as a number before a noun. A counter before 目
# makes an ordinal (三回目 "the third time", 二人目 "the second person"), not a count.
MEASURES = ("[项項个個名人件位家条條只隻艘架辆輛种種所座次倍岁歲歳起例场場轮輪届屆栋棟张張枚批份票社回つ秒"
            "具队隊篇首处處户戶笔筆宗桩樁支层層台機羽軒冊校勝敗点样樣根階米吨噸级級]"
            "|[かカヵヶケ箇](?:国|國|所)|世代|代人|分钟|分鐘|分間|試合"
            "|公里|千米|英里|公斤|千克|英亩|英畝|公顷|公頃|英尺|英寸|平方(?:米|公里|英里)")
_CJK_COUNT = rf"(?:[{_CJK_DIGITS}]+[万萬亿億]?)+"
# 数十人 "dozens of people", 几百 "hundreds", 十几个 "ten-odd", 十来个 "about ten": approximations,
# not figures.
_ROUGH_BEFORE = "数數几幾"
_ROUGH_AFTER = "几幾数數来來"
_NUMERAL_VALUES = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANA = re.compile(r"[\u3040-\u30ff]")
# Japanese era years: 令和3年 is 2021 (令和元年, its first, 2019).
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}
# Tenths: 3割 (Japanese) and 三成 (Chinese) are 30%. A Chinese 成 is a tenth only before a stop or a
# particle (三成的人, 七成以上), not in a word (一成不变, 八成是 "most likely").
_TENTHS = (r"(?P<num>\d|10|[一二三四五六七八九十两兩])\s*(?:割(?![れりるら])"
           r"|成(?=[的以左上多，。、；）)」\s]|$))")
# Approximate words before a bare 百 / 千 / 万 (约千人 "about a thousand people", 近万人, 逾百万人).
_ABOUT = "约約近逾超过過达達破"
_BARE_SCALES = {"百万": 1e6, "百萬": 1e6, "千万": 1e7, "千萬": 1e7, "百": 1e2, "千": 1e3, "万": 1e4, "萬": 1e4,
                "亿": 1e8, "億": 1e8}
_CENTURY = r"(?:(?:(?P<century>\d{2}|二十一?|十九)\s*世[纪紀]|(?P<last>上\s*[个個]?\s*世[纪紀]))\s*)?"

_WATT_PREFIXES = {"": 1.0, "千": 1e3, "キロ": 1e3, "k": 1e3, "K": 1e3, "兆": 1e6, "メガ": 1e6, "M": 1e6, "吉": 1e9,
                  "ギガ": 1e9, "G": 1e9, "太": 1e12, "テラ": 1e12, "T": 1e12}

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 懲役1年6月: Japanese courts write a sentence's months without a counter.
    ("years_months", re.compile(rf"(?<=懲役|禁錮|禁固|実刑)\s*(?P<num>{_DIGIT}|{_CJK_NUMBER})\s*年\s*"
                                rf"(?P<months>\d{{1,2}}|[{_CJK_DIGITS}]{{1,3}})\s*月(?!\d)")),
    # WMT's Chinese references write "2020 年 12 月 24 日": spaces may sit around every number.
    ("date", re.compile(rf"(?:(?P<year>\d{{4}})\s*年\s*)?(?P<month>\d{{1,2}}|[{_CJK_DIGITS}]+)\s*月\s*"
                        rf"(?P<day>\d{{1,2}}|[{_CJK_DIGITS}]+)\s*[日号號]")),
    # An event named by its date with a middle dot: 9·11 (September 11), 5・12.
    ("dotted_date", re.compile(r"(?<![\d.])(?P<month>1[0-2]|[1-9])\s*[·・•]\s*(?P<day>[12]\d|3[01]|[1-9])"
                                r"(?![\d.]|\s*[月日号號倍%％万萬亿億兆年点點時时分秒])")),  # not 1・2月, 3·5倍
    # A range of months shares its 月: 1-9月, 4～6月期, 1至9月 (January to September).
    ("month_range", re.compile(rf"(?<![\d.])(?P<first>\d{{1,2}}|[{_CJK_DIGITS}]{{1,2}})\s*(?:[-–~～〜至到]|から)\s*"
                               rf"(?P<month>\d{{1,2}}|[{_CJK_DIGITS}]{{1,2}})\s*月(?!份?\s*\d|\s*[日号號])")),
    ("month", re.compile(rf"(?:(?P<year>\d{{4}})\s*年\s*)?(?P<month>\d{{1,2}}|[{_CJK_DIGITS}]{{1,2}})\s*月"
                         r"(?!份?\s*\d)")),
    # 1986-88, 2010年から15年にかけて, 2010年至15年: the second year keeps the first one's century;
    # 15年間 is a length.
    ("year_range", re.compile(r"(?P<year>(?:1[89]|20)\d{2})\s*年?\s*(?:[-–~～/]|から|至|到)\s*(?P<short>\d{2})(?!\d)"
                              r"(?!\s*年\s*[間间])\s*年?")),
    # 1981年至1987年间 "between 1981 and 1987" is a date, 3年間 a duration.
    ("year", re.compile(r"(?P<year>(?:1[89]|20)\d{2})\s*年(?!代)|(?P<other>\d{4})\s*年(?!間|间|代)")),
    # A decade is its first year, as English writes it (the 1960s): 1960年代, 20世纪60年代, 上世纪 60 年代
    # ("last century" from a text of this one). A bare 60年代 is the 1960s; a bare 20年代 may be
    # either century and is left. Two decades share one 年代: 六七十年代, 6、70 年代, 80、90年代.
    ("decade", re.compile(rf"(?:(?P<full>(?:1[89]|20)\d0)|{_CENTURY}(?:(?P<first>\d0|\d|[二三四五六七八九]十?)\s*"
                          r"[、，,]?\s*)?(?P<decade>\d0|[二三四五六七八九]十))\s*年代")),
    # A year of two digits before a month or 度 (fiscal year): 24年3月期, 23年度, 21年3月 (2024, 2023, 2021).
    ("short_year", re.compile(r"(?<![\d.])(?P<year>\d{2})\s*年(?=\s*\d{1,2}\s*月(?!間|间)|度)")),
    # Japanese also writes the weekday in brackets after a date: 3日（金）.
    ("weekday", re.compile(rf"(?P<ja>[{_WEEKDAY_JA}])曜日?|(?:周|週|星期|礼拜|禮拜)(?P<zh>[{_WEEKDAY_ZH}])"
                           rf"|(?<=[日\d])\((?P<bracket>[{_WEEKDAY_JA}])\)")),
    # Clock times: 午前10:50, 午後５：３０ (folded to 5:30), 下午 5 点半, a range 晚上6-8点.
    # An hour is never the end of a longer number: 7500.23点 is an index's points, not 23:00.
    ("time", re.compile(rf"{_AMPM}(?<![\d.])(?<!\d,)(?P<h>\d{{1,2}})\s*:\s*(?P<m>\d{{2}})(?!\d)")),
    ("time", re.compile(rf"{_AMPM}(?<![\d.])(?<!\d,)(?:(?P<h0>\d{{1,2}})\s*[-~～–至到]\s*)?"
                        rf"(?P<h>\d{{1,2}}|[{_CJK_DIGITS}]+)\s*[時时点點](?:\s*(?P<m>\d{{1,2}}|[{_CJK_DIGITS}]{{1,3}})\s*分|(?P<half>半))?(?!間|间)")),
    ("percent_zh", re.compile(rf"百分之\s*(?P<num>{_CJK_DECIMAL}|{NUMBER})")),  # WMT spaces digits off: 百分之 25
    ("permille_zh", re.compile(rf"千分之\s*(?P<num>{_CJK_DECIMAL}|{NUMBER})")),  # 千分之五 (0.5%)
    # A score or a vote in numerals: 六比三 (6-3), as 6比3 is read by its digits.
    ("score", re.compile(r"(?P<a>[零〇一二三四五六七八九十两兩]{1,3})\s*比\s*(?P<b>[零〇一二三四五六七八九十]{1,3})")),
    ("tenths", re.compile(_TENTHS)),
    # ... and anywhere after a word of approximation (约三成选民 "about 30% of voters", 逾七成).
    ("tenths", re.compile(rf"(?<=[{_ABOUT}])\s*(?P<num>\d|10|[一二三四五六七八九十两兩])\s*成")),
    # 半年 "half a year" is six months (半年前 "six months ago"); not 上半年 / 下半年, halves of a year.
    ("half_year", re.compile(r"(?<![大上下前后後\d一二三四五六七八九十两兩])半年(?!度)")),
    ("era", re.compile(rf"(?P<era>{'|'.join(ERAS)})\s*(?P<num>元|\d{{1,2}}|[{_CJK_DIGITS}]{{1,3}})\s*年(?!間|间|代)")),
    # A temperature below zero: 零下5摄氏度, 氷点下5度, マイナス5度, -5℃.
    ("below_zero", re.compile(rf"(?P<neg>零下|氷点下|マイナス|[-−])\s*(?P<num>{_DIGIT}|{_CJK_NUMBER})\s*"
                              r"(?:℃|°C|度|摄氏度|攝氏度)")),
    # A century is an ordinal: 十九世纪 "the 19th century".
    ("century", re.compile(rf"(?P<num>\d{{1,2}}|[{_CJK_DIGITS}]{{1,3}})\s*世[纪紀]")),
    # A fraction: 4分の1, 四分之一 (a quarter).
    ("fraction", re.compile(rf"(?P<den>{NUMBER})\s*分[の之]\s*(?P<num>{NUMBER})")),
    # "Day four" is 4日目: a count, not a date.
    ("count", re.compile(rf"(?P<num>{NUMBER})\s*日目")),
    # In Japanese a counter before 目 makes a rank, as does 位: 7人目 "the seventh person", 3回目 / 2度目
    # "the third / second time", 5巡目 "the fifth round", 2期目 "a second term", 9位 "ninth place".
    # 年目 stays a length: "marks a year since" is 一年目 too.
    ("rank_ja", re.compile(rf"(?P<num>{_DIGIT}|[{_CJK_DIGITS}]{{1,3}})\s*"
                           r"(?:(?:人|回|度|巡|期|代|戦|試合|打席|作)目|位(?!置|相|一体|階|牌))")),
    # A range sharing its unit: 50億～70億ドル, 5～7%.
    ("range_unit", re.compile(rf"(?P<a>{NUMBER})\s*[～~〜\-–至到]\s*(?P<num>{NUMBER})\s*"
                              rf"(?:(?P<cur>{_CURRENCY})|(?P<pct>%|パーセント))")),
    # Power and energy in watts and watt-hours: 120万千瓦, 1200兆瓦 (兆 is mega here, not 10^12),
    # 800亿千瓦时, 800亿度电, 120万キロワット, 5GW.
    ("power", re.compile(rf"(?P<num>{_DIGIT}(?:\s?(?:[万萬亿億]|兆(?=\s?(?:キロ|メガ|ギガ|テラ)?ワット)))?)\s*"
                         r"(?:(?P<prefix>千|兆|吉|太|キロ|メガ|ギガ|テラ|[kKMGT](?=W))?(?:瓦特?|ワット|W)"
                         r"(?P<hours>[时時]|小[时時]|アワー|h)?|(?P<du>度)(?=[电電]))")),
    ("percent", re.compile(rf"(?P<num>{NUMBER})\s*(?P<pct>%|パーセント|ポイント|个百分点|個百分點|百分点|百分點)")),
    # Basis points are hundredths of a percentage point: 25个基点 = 0.25 points.
    ("basis_points", re.compile(rf"(?P<num>{NUMBER})\s*(?:[个個]?基点|[个個]?基點|ベーシスポイント|bp\b)")),
    # A currency's name before the amount, 元 after it: 港幣1,280萬元, 新台幣12億元, 人民币500亿元.
    ("money", re.compile(rf"(?P<cur>{_NAMED_CURRENCY})\s*(?P<num>{NUMBER})\s*[元圓圆]")),
    # "More than" or "about" may stand between the amount and its currency: 5万多英镑, 5万余ポンド.
    ("money", re.compile(rf"(?P<num>{NUMBER})\s*(?:[多余餘]|左右)?\s*(?P<cur>{_CURRENCY})")),
    # A sign with the English scale kept (£2.5m, $3bn): some translations copy the amount as it is.
    ("money_prefix", re.compile(rf"(?P<prefix>{_PREFIX})\s?(?P<num>{NUMBER})"
                                rf"(?:\s?(?P<scale>{_ENGLISH_SCALE})(?![A-Za-z]))?")),
    # An imperial measure kept in its unit (5エーカー, 3英里): the same unit as the English, so no
    # conversion to metric stands in for it.
    ("imperial", re.compile(rf"(?P<num>{NUMBER})\s*(?:多|余|餘)?\s*(?P<unit>{_IMPERIAL})")),
    # 2年6カ月 "two and a half years": one length in months.
    ("years_months", re.compile(rf"(?P<num>{_DIGIT}|{_CJK_NUMBER})\s*年\s*(?P<months>\d{{1,2}}|[{_CJK_DIGITS}]{{1,3}})"
                                r"\s*(?:か月|カ月|ヶ月|ケ月|箇月|个月|個月|ヵ月)")),
    # 二十多年 "over twenty years", 1年半 "a year and a half".
    # Not after 第: 第90分钟 is "the 90th minute", 第3年 "the third year". Not inside digit groups
    # (000 of 1,000), but after a comma (，一周后 is folded to ",一周后").
    ("duration", re.compile(rf"(?<![第\d.])(?<!\d,)(?<!第\s)(?P<num>{NUMBER})\s*[多余餘]?(?P<unit>{_COUNTER})"
                            r"(?P<half>半)?")),
    ("duration", re.compile(rf"(?P<num>{NUMBER})\s*[个個](?P<half>半)(?P<unit>小时|小時)")),  # 一个半小时, 1.5 hours
    # 一季度 "the first quarter" needs no 第.
    ("ordinal", re.compile(rf"第(?P<num>{NUMBER})|(?P<num2>{_DIGIT})番目"
                           r"|(?<![\d一二三四五六七八九十第])(?P<num3>[一二三四1-4])\s*季度")),
    # 6日 "the 6th", and a length in days the same way: 3日, 三日罢工 "a three-day strike" (a
    # lone 一日 is left: mostly "one day", "some day" in a phrase).
    ("day", re.compile(rf"(?<![\d.{_CJK_DIGITS}])(?<!\d,)(?P<day>\d{{1,2}}|[二三四五六七八九十]|[{_CJK_DIGITS}]{{2,3}})"
                       r"\s*[日号號](?!間|间)")),
    # 3人に1人 "one in three people": a fraction.
    ("in_every", re.compile(rf"(?P<den>{NUMBER})\s*(?P<c>人|社|件|校|か所|カ所|世帯|軒)に\s*"
                            rf"(?P<num>{NUMBER})\s*(?P=c)")),
    # 每五个孩子中就有一个 / 每10人中有1人 "one in five children": the same fraction in Chinese.
    ("in_every", re.compile(rf"每\s*(?P<den>{NUMBER})\s*(?:{MEASURES})[^，。,；;]{{0,8}}?[中里裡]\s*[就便]?[有是]\s*"
                            rf"(?P<num>{NUMBER})\s*(?:{MEASURES})?")),
    # 前十 "the top 10", 前三 "the top three": a numeral after 前 with no counter (前三天, 前三季度
    # are counts and quarters of their own; 前一 is mostly "the previous").
    ("top", re.compile(r"(?<=前)(?P<num>十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?"
                       r"|[二三四五六七八九两兩])(?=的|[^\u3400-\u9fff\d]|$)")),
    ("about", re.compile(rf"(?<=[{_ABOUT}])(?P<num>{'|'.join(_BARE_SCALES)})\s*[多余餘]?(?:{MEASURES})")),
    # A numeral before a measure word is a count, not part of a word; 三十余名 "over thirty".
    ("count", re.compile(rf"(?P<num>{_CJK_COUNT})\s*[多余餘]?(?P<measure>{MEASURES})(?!目)")),
    ("pair", re.compile(r"(?P<pair>[両两兩双雙])(?=[国國者方岸人親亲])")),  # 両国 "the two countries"
    ("number", re.compile(rf"(?P<num>{NUMBER})")),
]
# A lone numeral character with no unit is usually part of a word (一部 "a part", 统一 "unify",
# 四半期 "quarter", 十分 "very"), not a figure.
_WORDISH = re.compile(rf"^[{_CJK_DIGITS}万萬亿億兆]$")


def normalise(text: str) -> str:
    """Full-width digits, letters and signs to ASCII, one character for one (offsets keep)."""
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def parse_number(text: str) -> float | None:
    """The value of a CJK or mixed number: 6600億, 六千六百亿, 1億2000万, 三, 1,200.5."""
    text = re.sub(r"[,\s多余餘]", "", text)
    if text[:1] in "百千" and len(text) > 1 and text[1] in _CJK_DIGITS:  # 千二百 (1,200): cn2an needs the 一
        text = "一" + text
    if mixed := re.fullmatch(rf"({_DIGIT})(百万|千万|百萬|千萬)", text):  # 585百万: "million" word for word
        return float(mixed.group(1)) * (1e6 if mixed.group(2)[0] == "百" else 1e7)
    text = text.replace("万亿", "兆").replace("萬億", "兆")  # stacked scales: 34万亿 = 34 × 10^12
    total = 0.0
    if "兆" in text:  # cn2an stops at 亿; 兆 (10^12) is common in Japanese money
        head, _, text = text.partition("兆")
        high = parse_number(head)
        if high is None:
            return None
        total += high * 1e12
        if not text:
            return total
    try:
        return total + float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        pass
    # cn2an refuses mixes such as 1億2000万: add up the myriad groups ourselves.
    for number, scale in re.findall(rf"({_DIGIT}|{_CJK_NUMBER})([万萬亿億]?)", text):
        try:
            value = float(number) if re.fullmatch(_DIGIT, number) else float(cn2an.cn2an(number, "smart"))
        except (ValueError, KeyError, TypeError):
            return None
        total += value * _MYRIAD.get(scale, 1)
    return total or None


def _unit(text: str, table: list[tuple[re.Pattern[str], str]]) -> str:
    return next(code for pattern, code in table if pattern.fullmatch(text))


# Compiled once: the currency table alone outgrows re's own cache of 512 patterns.
_CURRENCY_PATTERNS = [(re.compile(pattern), code) for pattern, code in CURRENCIES]
_COUNTER_PATTERNS = [(re.compile(pattern), code) for pattern, code in COUNTERS]
_IMPERIAL_PATTERNS = [(re.compile(pattern), code) for pattern, code in _IMPERIAL_UNITS]


def _weekday(g: dict) -> float:
    if japanese := g.get("ja") or g.get("bracket"):
        return float(_WEEKDAY_JA.index(japanese))  # 月 = Monday = 0 ... 日 = Sunday = 6
    return float({"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}[g["zh"]])


def _hours(g: dict, hour_group: str = "h") -> float | None:
    hour = parse_number(g[hour_group])
    if hour is None:
        return None
    if g.get("ampm") in ("午後", "下午", "晚上", "夜", "夕方", "晚") and hour < 12:
        hour += 12
    if hour_group != "h":  # the start of a range has no minutes of its own
        return hour
    return hour + ((parse_number(g["m"]) or 0) / 60 if g.get("m") else 0.5 if g.get("half") else 0)


def _decades(m: re.Match[str]) -> list[RawFigure]:
    """The first year of each decade of 1960年代, 20世纪60年代, 上世纪60年代, 60年代 or 六七十年代."""
    g = m.groupdict()
    if g.get("full"):
        return [(float(g["full"]), "year-date", m.start(), m.end(), False)]
    decade = parse_number(g["decade"]) or 0
    first = parse_number(g["first"]) if g.get("first") else None
    if first is not None and first < 10:
        first *= 10  # 六七十: the first decade shares the second one's 十
    if first is not None and first != decade - 10:
        return []
    if g.get("century"):
        century = parse_number(g["century"])
        if century is None:
            return []
        base = (century - 1) * 100
    elif g.get("last") or min(decade, first or decade) >= 30:
        base = 1900.0
    else:
        return []
    if first is None:
        return [(base + decade, "year-date", m.start(), m.end(), False)]
    return [(base + first, "year-date", m.start(), m.end("first"), False),
            (base + decade, "year-date", m.start("decade"), m.end(), False)]


def _rough(m: re.Match[str]) -> bool:
    """An approximation around the numeral: 数十 "dozens", 几百 "hundreds", 十几 "ten-odd", 十来 "about ten"."""
    start, end = m.span("num")
    text, number = m.string, m.group("num")
    if not number or number[0].isdigit():
        return False
    before, after = text[start - 1:start], text[end:end + 1]
    return bool(before and before in _ROUGH_BEFORE and number[0] in "十百千万萬"
                or after and after in _ROUGH_AFTER)


def _neighbours(number: str) -> tuple[float, float] | None:
    """两三 "two or three", 三四 "three or four": two numerals one apart are a rough range, not 23 or 34."""
    if len(number) != 2 or any(c not in _NUMERAL_VALUES for c in number):
        return None
    low, high = (_NUMERAL_VALUES[c] for c in number)
    return (float(low), float(high)) if high == low + 1 else None


def _counts_times(m: re.Match[str]) -> bool:
    """次 counts times in Chinese only: Japanese 三次 is "third-order", and 二次 "secondary", 三次元 "3D"
    in both."""
    if m.group("measure") != "次":
        return True
    after = m.string[m.end():m.end() + 1]
    return not _KANA.search(m.string) and m.group("num") != "二" and after != "元"


def _clock(m: re.Match[str]) -> bool:
    """Whether an hour written with 点 is a clock time. Japanese writes an hour with 時, never 点 (４点
    is four points); a Chinese hour in numerals needs 上午 / 下午, minutes or 钟 (下午两点, 两点半,
    三点钟): alone, 两点 is "two points" and 一点 "a little"."""
    if not re.search("[点點]", m.group(0)):
        return True
    if _KANA.search(m.string):
        return False
    g = m.groupdict()
    return bool(g["h"][0].isdigit() or g.get("ampm") or g.get("m") or g.get("half")
                or m.string[m.end():m.end() + 1] in ("钟", "鐘"))


def _range_of(kind: str, m: re.Match[str], unit: str) -> list[RawFigure]:
    """Both ends of 两三人 / 三四天; [] when the numeral is no such range."""
    pair = _neighbours(m.group("num")) if kind in ("count", "duration") else None
    if pair is None:
        return []
    start = m.start("num")
    return [(pair[0], unit, start, start + 1, True), (pair[1], unit, start + 1, m.end(), True)]


def _figures_from(kind: str, m: re.Match[str]) -> list[RawFigure]:
    g = m.groupdict()
    whole = (m.start(), m.end())
    if kind in ("date", "month", "dotted_date"):
        out = []
        if g.get("year"):
            out.append((float(g["year"]), "year-date", m.start("year"), m.end("year"), False))
        for part, unit in (("month", "month-date"), ("day", "day-date")):
            value = parse_number(g[part]) if g.get(part) else None
            if value is not None and (unit != "month-date" or 1 <= value <= 12):
                out.append((value, unit, m.start(part), m.end(part), False))
        return out
    if kind == "month_range":
        months = [parse_number(g["first"]), parse_number(g["month"])]
        if not all(value and 1 <= value <= 12 for value in months):
            return []
        return [(months[0], "month-date", m.start("first"), m.end("first"), False),
                (months[1], "month-date", m.start("month"), m.end(), False)]
    if kind == "year":
        return [(float(g["year"] or g["other"]), "year-date", *whole, False)]
    if kind == "short_year":
        year = int(g["year"])
        return [(float(year + (2000 if year <= 50 else 1900)), "year-date", *whole, False)]
    if kind == "power":
        value = parse_number(g["num"])
        if value is None:
            return []
        if g.get("du"):  # 度 (电) is the kilowatt-hour
            return [(value * 1e3, "Wh", *whole, False)]
        unit = "Wh" if g.get("hours") else "W"
        return [(value * _WATT_PREFIXES[g.get("prefix") or ""], unit, *whole, False)]
    if kind == "basis_points":
        points = parse_number(g["num"])
        return [(points / 100, "pp", *whole, not re.search(r"\d", g["num"]))] if points else []
    if kind == "era":
        year = 1.0 if g["num"] == "元" else parse_number(g["num"])
        return [(ERAS[g["era"]] + year, "year-date", *whole, False)] if year else []
    if kind == "years_months":
        years, months = parse_number(g["num"]), parse_number(g["months"])
        if years is None or months is None or months >= 12:
            return []
        return [(years * 12 + months, "month", *whole, not re.search(r"\d", m.group(0)))]
    if kind == "half_year":
        return [(0.5, "year", *whole, True)]
    if kind == "score":
        a, b = parse_number(g["a"]), parse_number(g["b"])
        return [] if a is None or b is None else [(a, "", m.start("a"), m.end("a"), True),
                                                   (b, "", m.start("b"), m.end("b"), True)]
    if kind == "tenths":
        tenths = parse_number(g["num"])
        return [(tenths * 10, "%", *whole, not g["num"].isdigit())] if tenths else []
    if kind == "range_unit":
        low, high = parse_number(g["a"]), parse_number(g["num"])
        if low is None or high is None:
            return []
        unit = _unit(g["cur"], _CURRENCY_PATTERNS) if g.get("cur") else "%"
        words = not re.search(r"\d", m.group(0))
        return [(low, unit, m.start("a"), m.end("a"), words), (high, unit, m.start("num"), m.end(), words)]
    if kind == "about":
        return [(_BARE_SCALES[g["num"]], "", *whole, True)]
    if kind == "below_zero":
        degrees = parse_number(g["num"])
        return [(-degrees, "", *whole, not re.search(r"\d", g["num"]))] if degrees else []
    if kind == "decade":
        return _decades(m)
    if kind == "year_range":
        return year_range(m)
    if kind == "pair":
        return [(2.0, "", *whole, True)]
    if kind == "top":
        value = parse_number(g["num"])
        return [(value, "", *whole, True)] if value else []
    if kind == "day":
        day = parse_number(g["day"])
        return [(day, "day-date", *whole, not g["day"].isdigit())] if day else []
    if kind == "weekday":
        return [(_weekday(g), "weekday", *whole, True)]
    if kind == "time":
        hours = _hours(g)
        if hours is None or hours > 24 or not _clock(m):
            return []
        if g.get("h0"):
            start = _hours(g, "h0")
            return [(start, "time", m.start("h0"), m.end("h0"), False), (hours, "time", m.start("h"), m.end(), False)]
        return [(hours, "time", *whole, False)]
    if kind in ("fraction", "in_every"):
        numerator, denominator = parse_number(g["num"]), parse_number(g["den"])
        if not numerator or not denominator:
            return []
        return [(numerator / denominator, "", *whole, not re.search(r"\d", m.group(0)))]
    if kind in ("count", "duration", "number") and g.get("num") and _rough(m):
        return []
    if kind == "rank_ja" and not _KANA.search(m.string):
        return []  # Chinese 三人目睹 is "three people saw", 三位 "three (persons)"
    if kind == "count" and g.get("measure") and not _counts_times(m):
        return []
    if kind in ("count", "duration") and g.get("num") and _inside_a_word(m):
        return []
    if rough_range := _range_of(kind, m, _unit(g["unit"], _COUNTER_PATTERNS) if kind == "duration" else ""):
        return rough_range
    number = g.get("num") or g.get("num2") or g.get("num3")
    value = parse_number(number) if number else None
    if number == "百" and kind in ("percent_zh", "duration", "count") and not re.search(
            rf"[\d{_CJK_DIGITS}万萬亿億]\s*$", m.string[:m.start()]):
        value = 100.0  # 百分之百, 百年 "a hundred years" (cn2an reads only 一百); not 5百 of 3千5百人
    if value is None:
        return []
    words = not re.search(r"\d", number)
    if kind == "imperial":
        return [(value, _unit(g["unit"], _IMPERIAL_PATTERNS), *whole, words)]
    if kind == "permille_zh":
        return [(value / 10, "%", *whole, words)]
    if kind in ("percent", "percent_zh"):
        unit = "pp" if kind == "percent" and re.search("ポイント|百分点|百分點", g["pct"]) else "%"
        return [(value, unit, *whole, words)]
    if kind == "money":
        return [(value, _unit(g["cur"], _CURRENCY_PATTERNS), *whole, words)]
    if kind == "money_prefix":
        scale = SCALES[g["scale"].lower()] if g.get("scale") else 1
        return [(value * scale, PREFIXES[g["prefix"]], *whole, words)]
    if kind == "duration":
        return [(value + (0.5 if g.get("half") else 0), _unit(g["unit"], _COUNTER_PATTERNS), *whole, words)]
    if kind in ("ordinal", "century", "rank_ja"):
        return [(value, "ordinal", *whole, words)]
    if words and _WORDISH.match(number) and kind != "count":
        return []
    return [(value, "", *whole, words)]


def _inside_a_word(m: re.Match[str]) -> bool:
    """Whether the numeral ends or stands inside a word that counts nothing (唯一个 "the only one",
    统一): a CC-CEDICT word around it, starting before it, whose senses name no number. A word that
    starts with the numeral often counts all the same (九天 "nine days" and "the ninth heaven",
    七项全能 "heptathlon": seven events)."""
    start, end = m.span("num")
    if end - start != 1:
        return False
    text = m.string
    if _KANA.search(text) and _japanese_word_of_no_number(text, start):
        return True
    return any(text[i:j] in _lexical_numerals()
               for i in range(max(0, start - 3), start) for j in range(end, min(len(text), i + 4) + 1))


def _japanese_word_of_no_number(text: str, start: int) -> bool:
    """Whether a JMdict word opens with the numeral at `start` and no sense of it names a number
    (五輪 "the Olympics", 三振 "strikeout"; not 四季 "the four seasons")."""
    from pipeline.fidelity.jmdict import jmdict_senses

    for end in range(start + 2, min(len(text), start + 4) + 1):
        senses = jmdict_senses(text[start:end])
        if senses and not _NUMBER_SENSE.search(" ".join(senses)):
            return True
    return False


_NUMERALS = "一二三四五六七八九十两兩百千万萬"
_NUMBER_SENSE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                           r"forty|fifty|hundreds?|thousands?|millions?|first|second|third|single|both|pair|"
                           r"couple|double|twice|once|half|dozens?)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _lexical_numerals() -> frozenset[str]:
    """CC-CEDICT words of two to four hanzi with a numeral whose senses name no number (唯一 "only",
    统一 "to unify", 三番五次 "again and again"). Read for every count in numerals, so built once."""
    from pipeline.fidelity.dictionaries import cedict_entries

    return frozenset(form for entry in cedict_entries() for form in {entry["simplified"], entry["traditional"]}
                     if 2 <= len(form) <= 4 and any(ch in _NUMERALS for ch in form)
                     and not _NUMBER_SENSE.search(" ".join(entry["definitions"])))


def lexical_numeral(word: str) -> bool:
    """Whether a CC-CEDICT word with a numeral names no number (四起 "to spring up everywhere")."""
    return word in _lexical_numerals()


_MEASURED = re.compile(rf"(?:{MEASURES})$|分[之の]")


def counted(figure: Figure) -> bool:
    """Whether a figure in numerals counts things with a measure word (三名, 四か国, 十倍) or is a
    fraction (四分之一), so that it is as much a figure as one in digits. A lone 一 with one is mostly
    the article (一名男子 "a man", 一つの "a", 一次 "once"), so it is not."""
    return (figure.unit == "" and figure.words and figure.value != 1
            and _MEASURED.search(figure.span.text) is not None)


# An ideographic comma between digit groups is a thousands separator (60、496 in machine
# translation); a list of numbers (1、2、3) never has exactly three digits after each comma.
_GROUP_COMMA = re.compile(r"(?<=\d)、(?=\d{3}(?!\d))")
# Japanese papers set in full-width type write the decimal point as a middle dot (５２・３％, １・５倍,
# ２・５兆円); before a percentage, a ratio or a scale only, as 1・2月 is "January and February".
_DOT_DECIMAL = re.compile(r"(?<=\d)・(?=\d+\s*(?:%|倍|ポイント|度|万|億|兆))")


def extract_figures(text: str) -> list[Figure]:
    """Every figure of a Japanese or Chinese `text`, in reading order, spans in the original text."""
    folded = _DOT_DECIMAL.sub(".", _GROUP_COMMA.sub(",", normalise(text)))
    return scan_figures(text, folded, PATTERNS, _figures_from)
