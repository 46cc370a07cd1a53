"""Dotted transliterations (托马斯·杨, ティム・ホワイトハウス): the spans a foreign person's name takes,
and which of them a name may claim."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.fidelity import transliteration
from pipeline.fidelity.countries import people_forms
from pipeline.fidelity.facts import Name, Span
from pipeline.fidelity.jmdict import english_word, jmdict_loanwords, jmdict_senses
from pipeline.fidelity.lemmas import STOPWORDS
from pipeline.fidelity.romanise import TRANSLITERATION
from pipeline.fidelity.transliteration_units import DOTS


def _other_loanword(katakana: str, name: Name) -> bool:
    """Whether `katakana` is a JMdict loanword for a word not in the name: ヴァンパイア of
    インタビュー・ウィズ・ヴァンパイア is no Rice, システム no Spillane; ブラウン may be Brown."""
    if katakana not in jmdict_loanwords():
        return False
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", name.text)} - STOPWORDS
    return jmdict_senses(katakana).isdisjoint(words)


# A foreign full name transliterated part by part: 汉娜·怀特豪斯, ハンナ・ホワイトハウス.
_DOTTED = {
    "ja": re.compile(r"[\u30a1-\u30ff]+(?:[・=＝][\u30a1-\u30ff]+)+"),
    # Chinese may space the dots and keep a middle initial in Latin: 丹尼斯 ·M· 凯莱赫.
    # The parts after a dot may run long (坎贝尔和安德鲁 of 帕特里克·坎贝尔和安德鲁·康威): a second
    # name's first part must not be cut off; _dotted_spans splits them.
    # A double-barrelled surname keeps its hyphen: 尼克·托马斯-西蒙兹 (Nick Thomas-Symonds).
    "zh": re.compile(r"[\u3400-\u9fff]{1,6}(?:\s?[·•・‧]\s?(?:[\u3400-\u9fff]{1,14}(?:[-‐－][\u3400-\u9fff]{1,8})?"
                     r"|[A-Z]\.?))+"),
}


def dotted(name: Name, target: str, lang: str, exclude: tuple[Span, ...] = ()) -> tuple[Span, str] | None:
    """The part-by-part transliteration whose last part best spells the English surname, by the
    learned scorer (a given name alone matches too many people: ティム has Tony's consonants, and a
    right given name before a wrong surname is another person, and a wrong given name before a
    doubtful surname is one too); spans in `exclude` belong to other
    names. A Chinese last part may run into the next word by a character (波利特修订了)."""
    if not person_like(name) or " " not in name.text:
        return None
    words = re.split(r"[\s-]+", " ".join(name_words(name.text)))
    surname = words[-1]  # Lada-Konefal is ラダ＝コネファル
    least = transliteration.threshold(lang)
    sure = transliteration.span_threshold(lang)
    best: tuple[float, Span] | None = None
    for span in _dotted_spans(target, lang):
        if any(s.start < span.end and span.start < s.end for s in exclude):
            continue
        parts = DOTS.split(span.text)
        part = _HYPHEN.split(parts[-1])[-1].strip()
        if not part or lang == "ja" and _other_loanword(part, name):
            continue
        trimmed = [part[:-1]] if lang != "ja" and len(part) >= 3 else []
        score = max(transliteration.score(surname, p, lang) for p in [part, *trimmed])
        if lang == "ja" and score < sure and len(words[0]) > 2 and transliteration.score(
                words[0], parts[0].strip(), lang) < least:
            continue  # a doubtful surname after another first name: another person (ロバート・マレー)
        if score >= least and (best is None or score > best[0]):
            best = (score, span)
    return (best[1], DOTTED_EVIDENCE) if best else None


DOTTED_EVIDENCE = "transliteration (dotted full name)"

_HYPHEN = re.compile(r"[-‐－]")

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


# The Arabic article joined to a name (al-Assad, el-Sisi, ash-Sharaa), as English writes it: Chinese
# and Japanese drop it (阿萨德, シシ).
_ARTICLE = re.compile(r"^(?:[Aa][dlnrstz]|[Ee]l|[Aa]sh|[Aa]th|[Aa]dh)-(?=[A-Z])")


def name_words(text: str) -> list[str]:
    """The words of a name without Jr. / Sr. / III (小肯尼思·波利特 is Kenneth Polite Jr.) and without
    an Arabic article (Bashar al-Assad is 巴沙尔·阿萨德)."""
    return [_ARTICLE.sub("", w) for w in text.split() if w.rstrip(".,").lower() not in _SUFFIXES]


# Words that join two names in a Chinese list (康纳·默里和基思·厄尔斯).
_JOINERS = re.compile(r"[和与與及同跟或的在说說是对對向将將把被到至等]")


def _dotted_spans(target: str, lang: str):
    """Dotted full names of `target`; in Chinese, trimmed of the words the parts run into
    (父亲穆阿迈尔·卡扎菲说) and split where a joining word stands between two names."""
    for m in _DOTTED["ja" if lang == "ja" else "zh"].finditer(target):
        if lang == "ja":
            yield Span(m.group(0), m.start(), m.end())
            continue
        for text, start in _between_names(m.group(0), m.start()):
            # The last part ends where its transliteration does, at two plain characters in a row
            # (托马斯·杨 of 托马斯·杨拒绝了奥马; 汉考克 keeps its 考).
            last = max(text.rfind(dot) for dot in "·•・‧") + 1
            plain = re.search(f"[^{TRANSLITERATION_CHARS}A-Z]{{2}}", text[last:])
            text = text[:last + plain.start()] if plain else text
            while text and text[-1] not in TRANSLITERATION and text[-1] not in "·•・‧":
                text = text[:-1]
            while text and text[0] not in TRANSLITERATION:
                text, start = text[1:], start + 1
            if re.search("[·•・‧]", text.strip("·•・‧")):
                yield Span(text, start, start + len(text))


def _between_names(run: str, offset: int) -> list[tuple[str, int]]:
    """(text, start) of the pieces of a run of dotted parts that are one name each: split at a
    joining word, and inside a part between two dots at its last character that no
    transliteration uses (坎贝尔让安德鲁 is 坎贝尔 | 安德鲁)."""
    pieces = []
    for piece in re.split(f"({_JOINERS.pattern})", run):
        dots = [i for i, c in enumerate(piece) if c in "·•・‧"]
        cut = next((i for a, b in zip(dots, dots[1:], strict=False) for i in range(b - 1, a, -1)
                    if piece[i] not in TRANSLITERATION and not piece[i].isspace() and not piece[i].isascii()), None)
        if cut is None:
            pieces.append((piece, offset))
        else:
            pieces += [(piece[:cut], offset), *_between_names(piece[cut + 1:], offset + cut + 1)]
        offset += len(piece)
    return pieces


def cuts_a_dotted_name(span: Span, target: str) -> bool:
    """Whether a Chinese span ends inside one part of a dotted name (理斯 of 斯科特·布鲁斯特): the
    sounds of a part belong to that part's person. (It may start inside one: the part's edge
    can hold a word it runs into, 理 of 总经理.)"""
    return any(start < span.end < end for start, end in _dotted_parts(target))


@lru_cache(maxsize=256)
def _dotted_parts(target: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every part of every dotted name of a Chinese `target`."""
    parts = []
    for span in _dotted_spans(target, "zh"):
        offset = span.start
        for piece in re.split(r"([·•・‧])", span.text):
            if piece.strip() and piece not in "·•・‧":
                lead = len(piece) - len(piece.lstrip())
                parts.append((offset + lead, offset + len(piece.rstrip())))
            offset += len(piece)
    return tuple(parts)


def person_like(name: Name) -> bool:
    """A person, or two or three words that are no vocabulary (Vicente Siso, which spaCy may tag
    as a place): read part by part as a dotted transliteration. A plural of a vocabulary word or
    a people's word is vocabulary too (British Airways is no person)."""
    words = name.text.split()
    parts = [p for w in words for p in w.split("-")]  # Kasia Walicka-Maimone
    return name.label == "PERSON" or 2 <= len(words) <= 3 and all(
        p[:1].isupper() and p[1:].islower() and p.isalpha() and not vocabulary_word(p) for p in parts)


def vocabulary_word(word: str) -> bool:
    """Whether one capitalised word is English vocabulary: a dictionary word, its plural
    (Airways, Republicans) or a people's word (British)."""
    return english_word(word.lower()) or bool(people_forms(word, "zh-Hans"))


TRANSLITERATION_CHARS = "".join(sorted(TRANSLITERATION))
