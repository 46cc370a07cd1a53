"""Chinese names romanised the Taiwan or Hong Kong way, read against the hanzi of a translation.

Mainland names are spelled in pinyin, which romanise.py reads directly (Xi Jinping 习近平). Taiwan
spells names in Wade-Giles without its apostrophes (Lai Ching-te 赖清德, Tsai Ing-wen, Hsieh), Hong
Kong by their Cantonese sounds (John Lee Ka-chiu 李家超, Cheung, Tsui, Yeung): neither spelling
is a pinyin reading of the characters. A syllable is compared with each character's pinyin
readings (pypinyin, every reading) through the Wade-Giles correspondences, and with its Cantonese
readings (ToJyutping) through the Hong Kong spellings of Jyutping sounds. Written by hand: no
installed library converts Wade-Giles or Hong Kong spellings (pypinyin and ToJyutping go from
characters to sounds only), and both tables are short and standard.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import product

from pipeline.fidelity.dictionaries import cedict_entries, cedict_words, opencc_t2s
from pipeline.fidelity.facts import Name, Span

# One romanised Chinese syllable: an optional initial, vowels, an optional final consonant.
_SYLLABLE = re.compile(r"(?:ch|hs|ts|tz|sh|ng|kw|gw|[bcdfghjklmnpqrstwxyz])?[aeiouü]{1,3}(?:ng|h|n|m|p|t|k|r)?")

# Wade-Giles initials without apostrophes (ch is zh, ch, j or q), and finals that differ from pinyin.
_WG_INITIALS = (("ch", ("zh", "ch", "j", "q")), ("hs", ("x",)), ("ts", ("z", "c")), ("tz", ("z", "c")),
                ("sh", ("sh",)), ("k", ("g", "k")), ("t", ("d", "t")), ("p", ("b", "p")), ("j", ("r",)))
_WG_FINALS = (("ieh", ("ie",)), ("ien", ("ian",)), ("iung", ("iong",)), ("ung", ("ong",)), ("uei", ("ui",)),
              ("ih", ("i",)), ("eh", ("e",)), ("erh", ("er",)), ("o", ("o", "e", "uo")),
              ("u", ("u", "i")))  # tzu, ssu: zi, si


def _split_initial(syllable: str) -> tuple[str, str]:
    for initial in ("ch", "hs", "ts", "tz", "sh", "ng", "kw", "gw"):
        if syllable.startswith(initial):
            return initial, syllable[len(initial):]
    if syllable[:1] and syllable[0] not in "aeiouü":
        return syllable[0], syllable[1:]
    return "", syllable


@lru_cache(maxsize=4096)
def wade_giles_to_pinyin(syllable: str) -> frozenset[str]:
    """The pinyin syllables a Wade-Giles syllable written without apostrophes may stand for
    (ching: zhing, ching, jing, qing; hsieh: xie), itself included."""
    initial, final = _split_initial(syllable)
    initials = dict(_WG_INITIALS).get(initial, (initial,))
    finals = next((alternatives for old, alternatives in _WG_FINALS if final == old), (final,))
    out = {syllable}
    for i, f in product(initials, finals):
        out.add(i + f)
        if not i and f.startswith("i"):
            out.add("y" + f if f != "i" else "yi")  # ing is ying, ih is yi
        if not i and f.startswith("u"):
            out.add("w" + f if f != "u" else "wu")
    if syllable == "yu":
        out.add("you")
    return frozenset(out)


def _cantonese_key(text: str, jyutping: bool) -> str:
    """A rough key shared by a Jyutping syllable and its Hong Kong spelling (zoeng / Cheung: ceng,
    ceoi / Tsui: cui, lei / Lee: li, gaa / Ka: ka, zau / Chow: cau)."""
    text = re.sub(r"\d", "", text)
    if jyutping:
        text = re.sub(r"^j", "y", text)
        text = re.sub(r"^yyu", "yu", text)
        text = re.sub(r"(?<=[^aeiouy])yu", "u", text)  # syun: Suen
    else:
        text = re.sub(r"^sze$", "si", text)
        text = re.sub(r"ow$", "au", text)  # Chow
        text = re.sub(r"(?<=o)r$", "", text)  # Ngor
        text = text.replace("ue", "u").replace("oo", "u")  # Suen, Yuet; Woo
    text = re.sub(r"^(?:tsz|ts|tz|ch|z|c)", "c", text)
    text = re.sub(r"^g(?=[^w])|^g$", "k", text).replace("gw", "kw")
    text = text.replace("eoi", "ui").replace("aa", "a").replace("ee", "i").replace("ei", "i")
    return text.replace("oe", "e").replace("eo", "e").replace("eu", "e").replace("ou", "o")


@lru_cache(maxsize=8192)
def _readings(char: str) -> tuple[frozenset[str], frozenset[str]]:
    """(pinyin readings, Cantonese keys) of one hanzi."""
    import ToJyutping
    from pypinyin import Style, pinyin

    simplified = opencc_t2s().convert(char)
    mandarin = {r.replace("ü", "u").replace("v", "u") for r in pinyin(simplified, style=Style.NORMAL,
                                                                         heteronym=True)[0]}
    cantonese = {_cantonese_key(r, True) for _, rs in ToJyutping.get_jyutping_candidates(char) for r in rs or ()}
    return frozenset(mandarin), frozenset(cantonese)


def _fits(syllable: str, char: str) -> bool:
    mandarin, cantonese = _readings(char)
    return bool(wade_giles_to_pinyin(syllable) & mandarin) or _cantonese_key(syllable, False) in cantonese


def chinese_syllables(name: str) -> list[str]:
    """The longest run of words of `name` that read as romanised Chinese syllables, hyphenated
    given names split (John Lee Ka-chiu: lee, ka, chiu): an English given name is no part of it."""
    best: list[str] = []
    run: list[str] = []
    for word in re.split(r"\s+", name.strip()):
        parts = [p for p in re.split(r"[-‐]", word.lower().replace("'", "").replace("’", "")) if p]
        if parts and all(_SYLLABLE.fullmatch(p) for p in parts):
            run += parts
        else:
            run = []
        best = max(best, run, key=len)[:] if run else best
    return best


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def chinese_reading(name: Name, target: str) -> tuple[Span, str] | None:
    """A run of hanzi that reads, character by character, as the two or more Chinese syllables of a
    person's name, by Wade-Giles or by Cantonese (賴清德 for Lai Ching-te, 李家超 for John Lee Ka-chiu),
    the surname first or last."""
    if name.label != "PERSON":
        return None
    syllables = chinese_syllables(name.text)
    if len(syllables) < 2:
        return None
    found = syllables_in_a_row(target, syllables, _fits)
    return (found, "romanisation (Wade-Giles or Cantonese)") if found else None


def syllables_in_a_row(target: str, syllables: list[str], fits: Callable[[str, str], bool]) -> Span | None:
    """The first run of hanzi of `target` that `fits` a name's syllables one character each, the
    surname first or last (Ching-te Lai is 賴清德)."""
    orders = [syllables, syllables[-1:] + syllables[:-1]]
    for m in _HAN.finditer(target):
        run = m.group()
        for order in orders:
            for at in range(len(run) - len(order) + 1):
                if all(fits(s, run[at + i]) for i, s in enumerate(order)):
                    start = m.start() + at
                    return Span(target[start:start + len(order)], start, start + len(order))
    return None


def _starts_a_name(target: str, at: int) -> bool:
    """Whether the hanzi at `at` is in no word with the hanzi before it (席 of 主席, 利 of 加那利群岛 are
    no surnames)."""
    start = max(0, at - 4)
    folded = opencc_t2s().convert(target[start:at + 5])
    here = at - start
    return not any(folded[i:j] in cedict_words() for i in range(here) for j in range(here + 1, len(folded) + 1))


@lru_cache(maxsize=1)
def _surname_chars() -> frozenset[str]:
    """Hanzi that CC-CEDICT gives as a surname ("surname Ma"), Simplified and Traditional."""
    return frozenset(ch for e in cedict_entries() if len(e["simplified"]) == 1
                     and any(d.startswith("surname ") for d in e["definitions"])
                     for ch in (e["simplified"], e.get("traditional", e["simplified"])))


def surname_reading(name: Name, target: str, taken: list[Span]) -> Span | None:
    """A Chinese name (a surname hanzi and the one after it) whose surname reads as the person's
    last word, for a person with an English given name (Joseph Tsai 蔡崇信, Jimmy Lai 黎智英) or called by
    the surname alone (Lam, 林郑月娥 in full): one syllable proves little, so this is doubt, not a
    match."""
    words = name.text.split()
    if name.label != "PERSON" or len(words) > 1 and chinese_syllables(words[0]):
        return None
    surname = words[-1].lower()
    if not _SYLLABLE.fullmatch(surname):
        return None
    for m in _HAN.finditer(target):
        for at in range(m.start(), m.end() - 1):
            char = target[at]
            end = at + 2  # the surname and the given name's first hanzi: all that is sure
            if char in _surname_chars() and _fits(surname, char) and _starts_a_name(target, at) and not any(
                    t.start < end and at < t.end for t in taken):
                return Span(target[at:end], at, end)
    return None


# What follows a person's surname when a text calls them by it alone (李教授, 黄先生, 习主席, 李氏): a
# title or honorific, or a verb of saying (李表示 "Lee said").
_AFTER_SURNAME = re.compile(
    r"(?:先生|女士|小姐|太太|教授|博士|医生|醫生|主席|总统|總統|总理|總理|首相|部长|部長|局长|局長|司长|司長|议员|議員|"
    r"市长|市長|主任|法官|律师|律師|院长|院長|校长|校長|会长|會長|董事长|董事長|总裁|總裁|特首|行政长官|行政長官|"
    r"氏|さん|大統領|社長|会長|委員長|"
    r"表示|说|說|称|稱|指出|认为|認為|强调|強調|透露)")


@lru_cache(maxsize=4096)  # asked for each missing person; tries every surname hanzi
def reads_as_surname(word: str) -> bool:
    """Whether one romanised syllable is the reading of a surname hanzi (Lee 李, Xi 习, Wong 黄)."""
    word = word.strip().lower()
    return bool(_SYLLABLE.fullmatch(word)) and any(_fits(word, char) for char in _common_surnames())


@lru_cache(maxsize=1)
def _common_surnames() -> tuple[str, ...]:
    return tuple(sorted(ch for ch in _surname_chars() if ch == opencc_t2s().convert(ch)))


def surname_alone(name: Name, target: str) -> tuple[Span, str] | None:
    """A Chinese person called by the surname alone (Lee, Xi, Wong), found as a surname hanzi that
    reads as it (by pinyin, Wade-Giles or Cantonese) right before a title or a verb of saying
    (李教授 for "Professor Lee", 习表示 for "Xi said"). One syllable alone reads as too many hanzi;
    the word after it says the hanzi is a person."""
    word = name.text.strip().lower()
    if name.label != "PERSON" or " " in word or not _SYLLABLE.fullmatch(word):
        return None
    for m in _HAN.finditer(target):
        for at in range(m.start(), m.end() - 1):
            char = target[at]
            if char in _surname_chars() and _fits(word, char) and _AFTER_SURNAME.match(target, at + 1) and (
                    _starts_a_name(target, at)):
                return Span(char, at, at + 1), "romanisation (a surname before a title)"
    return None
