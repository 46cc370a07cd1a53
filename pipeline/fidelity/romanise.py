"""Readings of Japanese and Chinese spans in Latin letters, and keys to compare them with English.

pykakasi gives Hepburn readings of kanji and kana, pypinyin gives pinyin; the keys that fold them
(long vowels, consonant classes of transliteration) are ours, as no library compares readings
with English spellings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Characters of the Chinese transliteration tables (Xinhua style) in Simplified and Traditional form:
# a foreign name (约翰逊, 普京, 鲍威尔) is written only with these, so only such spans are read
# phonetically. Without this, any run of common words can spell a name by accident.
TRANSLITERATION = set(
    "阿埃艾爱愛安昂奥奧巴拜班邦保鲍鮑贝貝本比彼宾賓波伯博布查達达戴丹德登迪蒂丁杜多厄恩尔爾法菲芬丰豐弗福盖蓋甘"
    "冈岡戈哥格根古贡貢瓜哈海汉漢豪赫亨胡华華霍基吉加贾賈杰傑金津卡凯凱坎康柯科克肯库庫拉莱萊兰蘭朗劳勞勒雷里利"
    "莉林琳卢盧鲁魯伦倫罗羅洛马馬迈邁曼梅门門蒙米敏明莫姆穆纳納娜内內尼宁寧纽紐诺諾欧歐帕潘佩彭皮珀普奇乔喬切钦欽"
    "琼瓊丘萨薩塞桑瑟森沙莎尚什施史舒斯松苏蘇索塔泰坦汤湯唐特滕提廷图圖托瓦万萬威韦韋维維温溫沃乌烏武西希夏谢謝"
    "辛休修逊遜雅亚亞扬揚耶伊因英尤约約泽澤扎詹兹茲佐奎茨罗羅翰逊遜京普汉漢娜怀懷豪妮琪丽麗珍露茜黛芙薇蒂"
    # Frequent in CC-CEDICT's foreign "(name)" entries (three or more), minus common words.
    "夫顿頓麦麥玛瑪撒娅婭佛密得路摩士思依列热熱费費黎茱罕赛賽汀丝絲拿理赖賴庞龐杨楊娃申各"
    # 亚历山大 Alexander, 亚历克斯 Alex, 默里 Murray, 默克尔 Merkel; OpenCC s2hk writes 默里 as 默裏.
    "历歷默裏"
    # More of the Xinhua table: 马克龙 Macron, 麦卡锡 McCarthy, 罗森代尔 Rosendale, 叶利钦 Yeltsin,
    # 芒斯特 Munster, 齐克 Zeke, 奈, 南, 绍, 舍, 陶, 朱, 祖, 琴, 平, 敖, 昆, 孔.
    "龙龍锡錫代叶葉芒奈南绍紹舍陶朱祖琴平敖昆孔齐齊"
    # 肖尔茨 Scholz, 肖恩 Sean, 利文斯顿 Livingston, 凯文 Kevin, 设得兰 Shetland.
    "肖文设設"
)
KATAKANA_RUN = re.compile(r"^[\u30a0-\u30ff]+$")
KANA_OR_HAN = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=65536)
def romaji_key(text: str) -> str:
    """Hepburn as English spells Japanese names: long vowels folded (Itou → Ito, Oono → Ono, and the
    passport spelling Ohtani → Otani)."""
    text = re.sub(r"oh(?![aeiouy])", "o", re.sub(r"[^a-z]", "", ascii_fold(text)))
    return re.sub(r"ou|oo", "o", re.sub(r"uu", "u", text)).replace("nb", "mb").replace("np", "mp")


@lru_cache(maxsize=65536)
def phonetic_key(text: str, english: bool = False, syllables: bool = False) -> str:
    """A loose consonant skeleton for transliterations (Powell ≈ パウエル paueru ≈ 鲍威尔 baoweier).

    Consonants fold into the classes that Japanese and Chinese transliteration blur (b/v, f/ph,
    t/d/ch/ts/j, k/g/c/q, s/sh/z/x, l/r, m/n); p stays apart from b, or Biden would sound like
    Putin. Vowels, h, w and y go; with `english`, so does an r that no vowel follows. With
    `syllables`, a consonant repeated across a vowel stays twice (Siso is ss, not s): short names
    need it.
    """
    text = re.sub(r"[^a-z]", "", ascii_fold(text))
    if english:
        # Katakana and hanzi drop an r that no vowel follows (Morgan モーガン 摩根, Spector スペクター).
        text = re.sub(r"(?<=[aeiouy])r+(?![aeiouy])", "", text)
        text = re.sub(r"(?<=.)x", "ks", text)  # Alex 亚历克斯 (pinyin's x is an s)
        text = re.sub(r"ds$", "z", text)  # Shields シールズ, Edwards エドワーズ
    text = re.sub(r"ng(?![aeiouy])", "n", text)  # a final -ng (yang, Young), not the g of Morgan
    for a, b in (("tch", "d"), ("ch", "d"), ("ts", "d"), ("sh", "s"), ("ph", "f"), ("th", "s"), ("ck", "g"),
                 ("zh", "d"), ("j", "d"), ("t", "d"), ("v", "b"), ("k", "g"), ("c", "g"),
                 ("q", "d"), ("l", "r"), ("z", "s"), ("x", "s"), ("m", "n"), ("h", "")):
        text = text.replace(a, b)
    if syllables:
        return re.sub(r"[aeiouyw]", "", re.sub(r"([^aeiouyw])\1+", r"\1", text))
    text = re.sub(r"[aeiouyw]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def english_keys(text: str, syllables: bool = False) -> set[str]:
    """Skeletons of an English spelling as katakana and hanzi may render it: as written, without the
    r no vowel follows, with a soft g (Gensler ゲンスラー, 詹斯勒), the German sch and z (Scholz
    ショルツ, 肖尔茨) and without a French silent end (Calais カレー, 加莱)."""
    variants = {text, re.sub(r"g(?=[eiy])", "j", text), re.sub("z", "ts", text.replace("sch", "sh")),
                re.sub(r"(?<=ai|oi|au|eu|ui)[sxt]$", "", text)}  # French silent ends: Calais 加莱
    return {phonetic_key(v, english, syllables) for v in variants for english in (False, True)}


def pinyin_keys(reading: str, syllables: bool = False) -> set[str]:
    """Skeletons of a pinyin reading as transliteration uses it: c is ts (茨 ci in 肖尔茨 Scholz), and
    the palatals j and q stand for English J and Ch or for K and G (基尔科因 Kilcoyne, 加巴 Gabba)."""
    spoken = re.sub(r"c(?!h)", "ts", reading)
    return {phonetic_key(spoken, syllables=syllables), phonetic_key(re.sub("[jq]", "g", spoken), syllables=syllables)}


def hepburn(text: str) -> str:
    """The Hepburn romanisation of Japanese `text` (しばいぬ → shibainu)."""
    return "".join(piece["hepburn"] for piece in _kakasi().convert(text))


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


@lru_cache(maxsize=256)  # every name of a segment reads the same target
def readings(target: str, lang: str, kanji: bool = True) -> list[tuple[str, int, str]]:
    """(original, start, romanisation) for each word-like piece of CJK text.

    Japanese without `kanji` reads the katakana runs only: reading kanji is most of pykakasi's time
    and only a Japanese name can be spelled by them.
    """
    if lang != "ja":
        return [(ch, at, _char_pinyin(ch)) for at, ch in enumerate(target) if KANA_OR_HAN.match(ch)]
    if not kanji:
        return [(orig, m.start() + at, hepburn) for m in _KATAKANA_SPAN.finditer(target)
                for orig, at, hepburn in readings(m.group(0), "ja")]
    pieces = []
    offset = 0
    for item in _kakasi().convert(target):
        at = target.find(item["orig"], offset)
        if at < 0:
            continue
        pieces.append((item["orig"], at, item["hepburn"]))
        offset = at + len(item["orig"])
    return pieces


_KATAKANA_SPAN = re.compile(r"[\u30a1-\u30ff]+")
# Romanised Japanese (Hepburn as names are spelled): Kihara, Takaichi, Hattori, Shinzo; not Johnson.
HEPBURN = re.compile(r"^(?:(?:kk|ss|tt|pp|tch)?(?:[kgszdtnhbpmr]y?|sh|ch|ts|j|f|w|y)?[aeiou]{1,2}|n(?![aeiouy]))+$")


@cache  # a few thousand characters in all
def _char_pinyin(ch: str) -> str:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(ch)[0]


def pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))
