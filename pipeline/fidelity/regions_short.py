"""Chinese places written by one character each, as Chinese news joins them: 粤港澳 (Guangdong, Hong
Kong, Macao), 京津冀, 京沪, 川渝.

The characters come from CC-CEDICT's own senses ("short name for Guangdong 廣東|广东", "abbr. for
Tianjin 天津", "Hong Kong (abbr. for 香港)"); each is an everyday character too (港 "harbour", 津
"ferry"), so one alone is no evidence. Two to four of them in a row, the way news strings regions
together, are: a run that a longer dictionary word holds (津巴 of 津巴布韦, 新加 of 新加坡) is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.fidelity.countries import ABBREVIATIONS
from pipeline.fidelity.index_cache import dict_of_sets, stored

# "short name for Hebei 河北 province", "abbr. for 吉林[Ji2 lin2] Jilin Province",
# "Macao (abbr. for 澳門|澳门[Ao4 men2])", "abbr. for Xinjiang 新疆 or Singapore 新加坡".
_SHORT_FOR = re.compile(r"(?:^|\()(?:abbr\. (?:for|of)|short name for)\s+(?P<rest>[^)]*)")
_HANZI = re.compile(r"[\u3400-\u9fff]")
_HANZI_WORD = re.compile(r"[\u3400-\u9fff]{2,}")
_ENGLISH_HEAD = re.compile(r"^(?P<head>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)")
_KIND = re.compile(r"\s(?:Province|Autonomous Region|Municipality|City)$")
# A transliterated name's dot (尼克•托马斯•西蒙兹): short-name characters next to one spell a name.
_NAME_DOT = "·•・‧"


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def region_abbreviations() -> dict[str, set[str]]:
    """A place's Simplified word or lower-case English name (广东, shanghai) → the single
    characters CC-CEDICT gives as its short name (粤, 沪)."""
    from pipeline.fidelity.dictionaries import cedict_entries

    out: dict[str, set[str]] = {}
    for entry in cedict_entries():
        char = entry["simplified"]
        if len(char) != 1 or not _HANZI.match(char):
            continue
        for definition in entry["definitions"]:
            if not (m := _SHORT_FOR.search(definition)):
                continue
            words = set(_HANZI_WORD.findall(m["rest"]))
            # "short name for Shanghai": the place by its English name; "Hong Kong (abbr. for …)".
            for text in (m["rest"], definition):
                if head := _ENGLISH_HEAD.match(text):
                    words.add(_KIND.sub("", head["head"]).lower())
            for word in words - {char}:
                out.setdefault(word, set()).add(char)
    return out


def _short_chars() -> set[str]:
    return {c for cs in (*region_abbreviations().values(), *ABBREVIATIONS["zh"].values()) for c in cs}


@lru_cache(maxsize=1)
def _run() -> re.Pattern[str]:
    return re.compile(f"[{''.join(sorted(_short_chars()))}]{{2,4}}")


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def _run_words() -> dict[str, set[str]]:
    """CC-CEDICT words made of short-name characters only → their definitions, lower case: 港澳
    "Hong Kong and Macao" names its places; 新西兰 (New Zealand) and 伊斯兰 (Islam) name something
    else."""
    from pipeline.fidelity.dictionaries import cedict_entries

    chars = _short_chars()
    out: dict[str, set[str]] = {}
    for entry in cedict_entries():
        word = entry["simplified"]
        if 2 <= len(word) <= 4 and set(word) <= chars:
            out.setdefault(word, set()).update(d.lower() for d in entry["definitions"])
    return out


def find_region_abbreviation(keys: set[str], target: str) -> tuple[int, int] | None:
    """Where `target` (Chinese, Simplified or Traditional) writes a place, by its lower-case English
    name or Simplified renderings (`keys`), by a one-character short name inside a run of such
    characters (粤 of 粤港澳 for Guangdong) or after a verb of place (在京). Returns the character's
    offsets."""
    from pipeline.fidelity.dictionaries import cedict_words, opencc_t2s, opens_a_word

    chars = {c for key in keys for c in region_abbreviations().get(key, ())}
    if not chars:
        return None
    folded = opencc_t2s().convert(target)
    folded = folded if len(folded) == len(target) else target
    words = cedict_words()
    for m in _run().finditer(folded):
        at = next((m.start() + i for i, c in enumerate(m.group()) if c in chars), None)
        if at is None or _in_a_dotted_name(folded, m.start(), m.end()):
            continue
        if not _inside_a_word(folded, m.start(), m.end(), words) and \
                not _word_of_something_else(folded, m.start(), m.end(), at, keys):
            return at, at + 1
    # One alone after a verb of going or being somewhere (在京, 抵沪, 赴港, 离京), as news writes a
    # trip; not where it opens a longer word (在港口 "at the port", 离津巴布韦).
    for m in _AFTER_A_VERB.finditer(folded):
        at = m.start() + 1
        if folded[at] in chars and not opens_a_word(folded, at):
            return at, at + 1
    return None


_AFTER_A_VERB = re.compile(r"[在赴抵离返回来访驻][\u3400-\u9fff]")


def _in_a_dotted_name(text: str, start: int, end: int) -> bool:
    while start > 0 and _HANZI.match(text, start - 1):
        start -= 1
    while end < len(text) and _HANZI.match(text, end):
        end += 1
    return text[start - 1:start] in tuple(_NAME_DOT) or text[end:end + 1] in tuple(_NAME_DOT)


def _word_of_something_else(text: str, start: int, end: int, at: int, keys: set[str]) -> bool:
    """Whether a dictionary word inside the run holds the character at `at` and its definitions
    name the place by none of `keys` (新西兰 New Zealand holds 西, Spain's short name; 港澳 "Hong
    Kong 香港 and Macao" names it)."""
    for a in range(start, at + 1):
        for b in range(max(at + 1, a + 2), end + 1):
            definitions = _run_words().get(text[a:b])
            if definitions is not None and not any(k in d for k in keys for d in definitions):
                return True
    return False


def _inside_a_word(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """Whether a dictionary word reaches beyond the run and holds part of it (津巴布韦 holds 津巴), or
    holds it whole with more than a word of its own around it (粤港澳大湾区 is the run and 大湾区)."""
    for a in range(max(0, start - 6), end):
        for b in range(max(a + 2, start + 1), min(len(text), a + 8) + 1):
            if (start <= a and b <= end) or text[a:b] not in words:
                continue
            left, right = text[a:start], text[end:b]
            if a <= start and end <= b and all(not part or (len(part) >= 2 and part in words)
                                               for part in (left, right)):
                continue
            return True
    return False
