"""Currencies beyond the seven the figure code always knew (USD, JPY, CNY, HKD, GBP, EUR, KRW).

Without them a correct translation was a false error ("A$5 million" → 500万澳元 read as yuan;
"500 rupees" → 500ルピー read as a bare number) and "N585 million" was no figure at all.
CLDR (babel) gives each currency one formal name per language (オーストラリア ドル, 澳大利亚元);
newsrooms mostly write short forms (豪ドル, 澳元) that CLDR lacks, so those are listed here by
hand, and the formal CLDR names are added to them. zh-Hant forms are OpenCC's (s2hk) conversion
of the zh-Hans ones plus CLDR's Hong Kong names.
"""

from __future__ import annotations

from functools import cache

# code: (English words as a regex, English prefixes, ja forms, zh-Hans forms). The first CJK form
# is the rendering hints ask for. A form two currencies share (ペソ, 克朗) is listed for neither.
OTHER_CURRENCIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "AUD": (r"australian dollars?", ("A$", "AU$"), ("豪ドル", "オーストラリアドル"), ("澳元", "澳币", "澳大利亚元")),
    "CAD": (r"canadian dollars?", ("C$", "CA$"), ("カナダドル",), ("加元", "加币", "加拿大元")),
    "SGD": (r"singapore dollars?", ("S$",), ("シンガポールドル",), ("新加坡元", "新元", "新币")),
    "TWD": (r"(?:new )?taiwan(?:ese)? dollars?", ("NT$",), ("台湾ドル", "新台湾ドル", "台湾元"), ("新台币", "台币")),
    "NZD": (r"new zealand dollars?", ("NZ$",), ("NZドル", "ニュージーランドドル"), ("新西兰元", "纽元", "纽币")),
    "INR": (r"(?:indian )?rupees?", ("₹",), ("ルピー", "インドルピー"), ("卢比", "印度卢比")),
    "PKR": (r"pakistani rupees?", (), ("パキスタンルピー",), ("巴基斯坦卢比",)),
    "NGN": (r"(?:nigerian )?naira", ("₦",), ("ナイラ",), ("奈拉",)),
    "CHF": (r"swiss francs?", ("CHF",), ("スイスフラン",), ("瑞士法郎",)),
    "RUB": (r"roubles?|rubles?", ("₽",), ("ルーブル",), ("卢布",)),
    "ZAR": (r"(?:south african )?rand", (), ("ランド",), ("兰特",)),
    "BRL": (r"brazilian reais|brazilian reals?|reais", ("R$",), ("レアル",), ("雷亚尔",)),
    "MXN": (r"mexican pesos?", ("MX$",), ("メキシコペソ",), ("墨西哥比索",)),
    "PHP": (r"philippine pesos?", ("₱",), ("フィリピンペソ",), ("菲律宾比索",)),
    "TRY": (r"(?:turkish )?liras?", (), ("リラ", "トルコリラ"), ("里拉",)),
    "THB": (r"(?:thai )?baht", ("฿",), ("バーツ",), ("泰铢",)),
    "IDR": (r"(?:indonesian )?rupiah", (), ("ルピア",), ("印尼盾", "印度尼西亚卢比")),
    "MYR": (r"(?:malaysian )?ringgit", (), ("リンギット",), ("林吉特", "令吉")),
    "VND": (r"vietnamese dong", ("₫",), ("ベトナムドン",), ("越南盾",)),
    "SEK": (r"swedish kron(?:or|a)", (), ("スウェーデンクローナ",), ("瑞典克朗",)),
    "NOK": (r"norwegian kron(?:er|e)", (), ("ノルウェークローネ",), ("挪威克朗",)),
    "KES": (r"kenyan shillings?", (), ("ケニアシリング",), ("肯尼亚先令",)),
    "SAR": (r"(?:saudi )?riyals?", (), ("リヤル", "リアル"), ("里亚尔",)),
    "AED": (r"(?:uae |emirati )?dirhams?", (), ("ディルハム",), ("迪拉姆",)),
    "ILS": (r"(?:new )?(?:israeli )?shekels?", ("₪",), ("シェケル",), ("谢克尔", "新谢克尔")),
    "UAH": (r"hryvnias?|hryvnia", ("₴",), ("フリヴニャ", "フリブナ"), ("格里夫纳",)),
    "PLN": (r"zlotys?|zloty", (), ("ズウォティ", "ズロチ"), ("兹罗提",)),
    "EGP": (r"egyptian pounds?", ("E£",), ("エジプトポンド",), ("埃及镑",)),
}
# A bare dollar ($5, "five dollars") is the currency of the story's country, not always the US
# dollar: an Australian paper's $5m is 500万澳元. "DOLLAR" is that unqualified dollar.
DOLLARS = ("USD", "AUD", "CAD", "SGD", "TWD", "NZD", "HKD")
# Signs before an amount, as English writes them and translations keep them (US$5億, A$500万).
SIGNS = {"US$": "USD", "HK$": "HKD", "$": "DOLLAR", "£": "GBP", "€": "EUR", "¥": "JPY"} | {
    sign: code for code, (_, signs, *_) in OTHER_CURRENCIES.items() for sign in signs}
# A bare form the target may use for a qualified source currency: 500 Pakistani rupees → 500卢比
# (read as INR); NT$500 → 新台币500元 (元 read as CNY).
COMPATIBLE = {"PKR": {"PKR", "INR"}, "TWD": {"TWD", "CNY"}, "SGD": {"SGD", "CNY"}, "AUD": {"AUD", "CNY"},
              "CAD": {"CAD", "CNY"}, "NZD": {"NZD", "CNY"}}
# A qualified dollar may keep a bare "$" (US$5m → $500万); a bare one may be any dollar.
COMPATIBLE |= {code: COMPATIBLE.get(code, {code}) | {"DOLLAR"} for code in DOLLARS} | {
    "DOLLAR": {"DOLLAR", *DOLLARS}}


@cache
def cjk_forms() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per target language, each other currency's forms: the news forms first, then CLDR's name."""
    from babel.numbers import get_currency_name

    from pipeline.fidelity.dictionaries import opencc_s2hk

    to_hant = opencc_s2hk()
    forms: dict[str, dict[str, tuple[str, ...]]] = {"ja": {}, "zh-Hans": {}, "zh-Hant": {}}
    for code, (_, _, ja, hans) in OTHER_CURRENCIES.items():
        cldr = {lang: get_currency_name(code, locale=locale).replace(" ", "").replace("・", "")
                for lang, locale in (("ja", "ja"), ("zh-Hans", "zh"), ("zh-Hant", "zh_Hant_HK"))}
        hant = tuple(to_hant.convert(f) for f in hans)
        forms["ja"][code] = tuple(dict.fromkeys((*ja, cldr["ja"])))
        forms["zh-Hans"][code] = tuple(dict.fromkeys((*hans, cldr["zh-Hans"])))
        forms["zh-Hant"][code] = tuple(dict.fromkeys((*hant, cldr["zh-Hant"])))
    return forms
