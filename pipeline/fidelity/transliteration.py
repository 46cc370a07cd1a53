"""A learned transliteration score: how well does a Chinese or Japanese span spell an English name?

The consonant skeletons of romanise.py are rules, and miss renderings that no dictionary lists and
no rule foresaw (迈希希 and メシシ for Mechichi, 法赫法赫 for Fakhfakh, 汉普郡 for Hampshire).
This module learns the correspondences from the dictionaries' own name pairs instead: CC-CEDICT's
transliterated proper nouns (English → toneless pinyin syllables) and JMnedict's katakana names
(English → morae). Written by hand: no installed library scores an English spelling against
pinyin or katakana (e2k generates katakana, it does not score a pair), and the model is small.

The model is a joint "graphone" unigram, as grapheme-to-phoneme aligners use: an alignment cuts
the English letters into chunks of 0–4 letters, in order, each paired with one target unit or
with none (a silent letter); its probability is the product of its pairs' probabilities, learned
by EM over all monotone alignments. A pair's score is the log-probability of its best alignment
less that of the English word's best alignment to any units, per English letter: 0 is the
rendering the model likes best, a usual right one is above -1, a wrong one below -3. Per letter,
not per unit, so that all spans of a target are judged against one name on one scale
(best_span), and a wrong rendering gains nothing by being short.

Built from the installed dictionaries at first use (15–20 s on one core: reading JMnedict, EM over
20,000 Japanese and 3,500 Chinese pairs) and kept on disk as JSON by stored.py (200 kB, read back
in 0.5 s); the thresholds for at most 1% false matches are measured in the same build on the 10%
of dictionary pairs kept out of training (`calibration`).
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from pipeline.fidelity.romanise import TRANSLITERATION, ascii_fold
from pipeline.fidelity.stored import stored

# A unit of a target: its readings (a hanzi may have several: 查 cha, zha; a mora has one).
Unit = tuple[str, ...]
Pair = tuple[tuple[str, ...], tuple[str, ...], str]  # (English words, training units, target)

_CHUNK = 4  # the longest English chunk one unit spells (shir 郡, tsch チ)
# A pair never seen in training, as a log-probability: low, as no partial credit is given for a
# syllable never seen for those letters (of -12, -16 and -20, -20 separated right from wrong best
# on held-out pairs)...
_FLOOR = -20.0
# ... unless romanise.py's consonant classes say the two may sound alike (Jammu ja → 查 cha, the
# table only has ja → zha): the rules as a prior where the data is thin. -14 keeps the AUC and
# lifts Chinese recall at 1% false matches from 0.86 to 0.89 on held-out pairs.
_BACKOFF = -14.0
# A silent letter costs this much more than EM learned: CC-CEDICT's Chinese renderings drop letters
# often enough (Hubert, New Guinea) that a rendering short of a syllable scored as well as the
# whole one. Of 0, -1.5 and -3, -1.5 kept Chinese recall at 1% false matches highest (0.87).
_SILENT = -1.5
_RUN_EDGE = 2.0  # a Japanese search's gain for a span that starts or ends a katakana run
_UNLISTED = -4.0  # a search's cost for a hanzi that no transliteration uses: about one unlikely pair
_EDGE_FLOOR = -8.0  # no unit ever starts or ends a name (ッ at the end): about a silent letter's cost
_NEG = -1e18
_POSSESSIVE = re.compile(r"['’]s\b")
_DOTS = re.compile(r"[・·•‧＝=]")  # between the words of a name; ＝ for a hyphen (ジャン＝リュック)
_SMALL_KANA = frozenset("ァィゥェォャュョヮヵヶ")
_ALONE = frozenset("ーッン")  # morae of their own: a small kana after them starts a new mora
_KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")
# Lower-case words a capitalised name may hold (Ludwig van Beethoven, Abu Bakr al-Baghdadi).
_PARTICLES = frozenset({"al", "bin", "da", "de", "del", "den", "der", "di", "du", "el", "ibn", "la", "le", "van",
                        "von"})
_SAMPLE = 20000  # JMnedict pairs to train on, of about 75,000: EM costs about 0.5 s an iteration per 10,000
_ITERATIONS = 6  # the likelihood gains under 0.5% an iteration after the fifth
_HELD_OUT = 26  # of 256: about 10% of the pairs, by a hash of the English, calibrate instead of train
_WRONG_PER_RIGHT = 5  # wrong renderings scored per held-out pair, so that a 1% tail is measured
_FALSE_MATCHES = 0.01
_SEARCHES = 600  # held-out names searched for in texts, with and without them


def language(lang: str) -> str:
    """"ja" or "zh" for a target language code (ja, zh-Hans, zh-Hant, zh-Hans.B)."""
    return "ja" if lang.startswith("ja") else "zh"


def score(english: str, target: str, lang: str) -> float:
    """How well `target` spells `english`: 0 at best, -20 at worst; compare with `threshold(lang)`.
    A name of several words is scored word by word against a target dotted into as many parts
    (ジョー・バイデン, 约瑟夫·拜登), else as one string."""
    return _score(english, target, language(lang))


def threshold(lang: str) -> float:
    """The score that at most 1% of wrong renderings (another name's, of about the same length)
    reach, measured on held-out dictionary pairs."""
    return _model(language(lang)).threshold


def span_threshold(lang: str) -> float:
    """The best_span score that at most 1% of searches for a name in a text without it reach (a
    text of other names and particles): stricter than `threshold`, as a search tries many spans."""
    return _trained()[language(lang)]["calibration"]["span threshold"]


def calibration(lang: str) -> dict[str, float]:
    """How the model of `lang` was trained and measured: training and held-out pairs, the ROC AUC
    of right against wrong renderings, the threshold and the share of right pairs above it."""
    return dict(_trained()[language(lang)]["calibration"])


def best_span(english: str, target: str, lang: str, max_chars: int = 8,
              min_chars: int = 2) -> tuple[int, int, float] | None:
    """The span of `target` that best spells `english`, as (start, end, score), or None where no
    span could: a run of hanzi in Chinese, of katakana in Japanese, or a part of one; across the
    dots of a dotted name; `min_chars` to `max_chars` long (one hanzi or kana spells some English
    word in any sentence: 腊 la for All). Compare its score with `span_threshold(lang)`."""
    lang = language(lang)
    letters = _letters(english)
    found = _model(lang).best_span(letters, target, max_chars, min_chars) if letters else None
    if found is None:
        return None
    start, end = found
    return start, end, score(english, target[start:end], lang)


# --- Letters and units ---------------------------------------------------------------------


def _letters(english: str) -> str:
    """Lower-case ASCII letters, without a possessive 's (Biden's is rendered as Biden)."""
    return re.sub(r"[^a-z]", "", ascii_fold(_POSSESSIVE.sub("", english)))


def _words(english: str) -> list[str]:
    return [w for w in (_letters(part) for part in re.split(r"[\s\-‐‑–]+", english)) if w]


def _kana(ch: str) -> str:
    """Hiragana as katakana: a translation may slip one in (ぺロシ for ペロシ)."""
    return chr(ord(ch) + 0x60) if "\u3041" <= ch <= "\u3096" else ch


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"


@lru_cache(maxsize=8192)
def _readings(ch: str) -> Unit:
    """A hanzi's toneless pinyin readings, the usual first (pypinyin; ü as v, as CC-CEDICT's u:)."""
    from pypinyin import Style, pinyin

    return tuple(dict.fromkeys(pinyin(ch, style=Style.NORMAL, heteronym=True)[0]))


def _units(text: str, lang: str, hiragana: bool = True) -> list[tuple[Unit, int, int]]:
    """(unit, start, end) in `text`: hanzi in Chinese; in Japanese, morae (a kana with its small
    kana; ー, ッ and ン on their own) of katakana, and of hiragana with `hiragana` (a search leaves
    them out: particles sit next to every name). Other characters are skipped."""
    out: list[tuple[Unit, int, int]] = []
    for at, ch in enumerate(text):
        if lang == "zh":
            if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
                out.append((_readings(ch), at, at + 1))
            continue
        kana = _kana(ch)
        if not _is_katakana(kana) or kana != ch and not hiragana:
            continue
        if kana in _SMALL_KANA and out and out[-1][2] == at and out[-1][0][0] not in _ALONE:
            unit, start, _ = out[-1]
            out[-1] = ((unit[0] + kana,), start, at + 1)
        else:
            out.append(((kana,), at, at + 1))
    return out


@lru_cache(maxsize=65536)
def _target_units(text: str, lang: str) -> tuple[Unit, ...]:
    return tuple(unit for unit, _, _ in _units(text, lang))


@lru_cache(maxsize=16384)
def _score(english: str, target: str, lang: str) -> float:
    words = _words(english)
    if not words:
        return _FLOOR
    parts = [units for units in (_target_units(p, lang) for p in _DOTS.split(target)) if units]
    if len(words) > 1 and len(parts) == len(words):
        return _model(lang).score(list(zip(words, parts, strict=True)))
    return _model(lang).score([("".join(words), _target_units(target, lang))])


# --- The model -----------------------------------------------------------------------------


Rows = list[list[tuple[int, dict[str, float], str]]]


class _Model:
    """One language's table: English chunk → unit → log-probability ("" as the chunk: a unit
    spelling no letter; "" as the unit: a silent letter)."""

    def __init__(self, table: dict[str, dict[str, float]], lang: str, threshold: float = _FLOOR,
                 edges: dict[str, dict[str, float]] | None = None, characters: str = "") -> None:
        self.table = table
        self.lang = lang
        self.threshold = threshold
        edges = edges or {"first": {}, "last": {}}
        self.first, self.last = edges["first"], edges["last"]
        self.characters = frozenset(characters)
        self.inserted = table.get("", {})
        self.best = {chunk: max(row.values()) for chunk, row in table.items() if chunk and row}
        self._spelled: dict[str, tuple[Rows, list[float], float]] = {}

    def score(self, pairs: list[tuple[str, tuple[Unit, ...]]]) -> float:
        """The letter-weighted score of (word, units) pairs."""
        total = sum(self.relative(word, units) for word, units in pairs)
        return max(total / sum(len(word) for word, _ in pairs), _FLOOR)

    def relative(self, word: str, units: tuple[Unit, ...]) -> float:
        """log P(best alignment of word and units) - log P(best alignment of word to any units)."""
        if not units:
            return _FLOOR * len(word)
        rows, silent, spelled = self.spelled(word)
        history = [[0.0]]
        for unit in units:  # units before any letter
            history[0].append(history[0][-1] + self.spell(unit, self.inserted, ""))
        for i in range(1, len(word) + 1):
            here, drop, before = rows[i], silent[i], history[i - 1]
            current = [before[0] + drop]
            for j, unit in enumerate(units, 1):
                best = max(current[j - 1] + self.spell(unit, self.inserted, ""), before[j] + drop)
                for k, row, chunk in here:
                    value = history[i - k][j - 1] + self.spell(unit, row, chunk)
                    if value > best:
                        best = value
                current.append(best)
            history.append(current)
        return history[-1][-1] + self.edge(units[0], self.first) + self.edge(units[-1], self.last) - spelled

    def edge(self, unit: Unit, table: dict[str, float]) -> float:
        """How much less likely `unit` starts (or ends) a name than the unit likeliest to: a word
        ends on ン more than on マ, never on ッ (ブリッツマン, not ブリッツマ, for Britzman)."""
        return max(table.get(reading, table.get("", 0.0)) for reading in unit)

    def spell(self, unit: Unit, row: dict[str, float], chunk: str) -> float:
        """log P(chunk, unit), at its likeliest reading."""
        if len(unit) == 1:
            return row.get(unit[0]) or self.unseen(chunk, unit[0])
        return max(row.get(reading) or self.unseen(chunk, reading) for reading in unit)

    def unseen(self, chunk: str, reading: str) -> float:
        """A pair that training never saw: _BACKOFF where the consonant classes of romanise.py
        say that it may sound alike, else _FLOOR."""
        return _BACKOFF if chunk and _chunk_keys(chunk) & _reading_keys(reading, self.lang) else _FLOOR

    def spelled(self, word: str) -> tuple[Rows, list[float], float]:
        """For each letter position of `word`: the (length, row, chunk) of the table's chunks ending
        there and the log-probability of a silent letter there; and the log-probability of the
        word's best alignment to any units (the score's denominator)."""
        known = self._spelled.get(word)
        if known is not None:
            return known
        table, best = self.table, self.best
        rows = [[(k, table[word[i - k:i]], word[i - k:i]) for k in range(1, min(_CHUNK, i) + 1)
                 if word[i - k:i] in table] for i in range(len(word) + 1)]
        silent = [0.0] + [table.get(word[i - 1], {}).get("", _FLOOR) + _SILENT for i in range(1, len(word) + 1)]
        spelled = [0.0] + [_NEG] * len(word)
        for i in range(1, len(word) + 1):
            spelled[i] = max((spelled[i - k] + best[chunk] for k, _, chunk in rows[i]), default=_NEG)
        if len(self._spelled) > 65536:
            self._spelled.clear()
        self._spelled[word] = rows, silent, spelled[-1]
        return rows, silent, spelled[-1]

    def best_span(self, letters: str, target: str, max_chars: int, min_chars: int) -> tuple[int, int] | None:
        """Viterbi with a free start and end in the target. Every span is scored against the same
        English, so the best path is the best span; a path that starts or ends on a unit that spells
        no letter is never best (without that unit it scores higher), so paths start on a chunk."""
        units = _units(target, self.lang, hiragana=False)
        if not units:
            return None
        rows, silent, _ = self.spelled(letters)
        # A hanzi no transliteration in the dictionaries uses costs more (的 de, 是 shi).
        unlisted = [_UNLISTED if self.characters and target[start] not in self.characters else 0.0
                    for _, start, _ in units]
        # joined[j]: units j-1 and j are next to each other, or a dot apart.
        joined = [j > 0 and not _breaks(target[units[j - 1][2]:units[j][1]]) for j in range(len(units))]
        # A katakana name is a whole run, or a dotted part of one, far more often than a part of a
        # word (ボズクル氏, not ボズク for Bozkir): a span gains at a run's ends.
        opens = [self._run_edge(target, start - 1) for _, start, _ in units]
        closes = [self._run_edge(target, end) for _, _, end in units]
        # A cell: (log-probability, first unit) of the best path over letters[:i] and units[first:j].
        history = [[(self.edge(unit, self.first) + opens[j], j) for j, (unit, _, _) in enumerate(units)]
                   + [(_NEG, len(units))]]
        for i in range(1, len(letters) + 1):
            here, drop, before = rows[i], silent[i], history[i - 1]
            current = [(before[0][0] + drop, 0)]
            for j, (unit, _, end) in enumerate(units, 1):
                best = (before[j][0] + drop, before[j][1])  # a silent letter: the path starts where it did
                for k, row, chunk in here:
                    value, first = history[i - k][j - 1]
                    if (first == j - 1 or joined[j - 1]) and end - units[first][1] <= max_chars:
                        value += self.spell(unit, row, chunk) + unlisted[j - 1]
                        if value > best[0]:
                            best = (value, first)
                value, first = current[j - 1]
                if first < j - 1 and joined[j - 1] and end - units[first][1] <= max_chars:
                    value += self.spell(unit, self.inserted, "") + unlisted[j - 1]
                    if value > best[0]:
                        best = (value, first)
                current.append(best)
            history.append(current)
        ends = [(value + self.edge(units[j - 1][0], self.last) + closes[j - 1], -first, j)
                for j, (value, first) in enumerate(history[-1])
                if first < j and units[j - 1][2] - units[first][1] >= min_chars]
        if not ends:
            return None
        _, first, last = max(ends)  # ties: the longer span
        end = units[last - 1][2]
        while target[end:end + 1] == "ー":  # a long mark belongs to its mora (ゲンスラー, not ゲンスラ)
            end += 1
        return units[-first][1], end

    def _run_edge(self, target: str, at: int) -> float:
        """_RUN_EDGE where position `at`, next to a span, is no katakana (or a dot) in Japanese."""
        if self.lang != "ja":
            return 0.0
        return _RUN_EDGE if at < 0 or at >= len(target) or not _is_katakana(target[at]) else 0.0


@lru_cache(maxsize=65536)
def _chunk_keys(chunk: str) -> frozenset[str]:
    from pipeline.fidelity.romanise import english_keys

    return frozenset(english_keys(chunk))


@lru_cache(maxsize=8192)
def _reading_keys(reading: str, lang: str) -> frozenset[str]:
    from pipeline.fidelity.romanise import hepburn, phonetic_key, pinyin_keys

    return frozenset(pinyin_keys(reading)) if lang == "zh" else frozenset({phonetic_key(hepburn(reading))})


def _breaks(gap: str) -> bool:
    return bool(gap) and not _DOTS.fullmatch(gap.strip())


@lru_cache(maxsize=2)
def _model(lang: str) -> _Model:
    trained = _trained()[lang]
    return _Model(trained["table"], lang, trained["calibration"]["threshold"], trained["edges"], trained["characters"])


# --- Training ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
@stored(lambda raw: raw)
def _trained() -> dict[str, Any]:
    """Both languages' tables and calibrations, as JSON-like data."""
    return {lang: _train(lang) for lang in ("ja", "zh")}


def _train(lang: str) -> dict[str, Any]:
    """EM on the dictionary pairs of `lang` not held out; then the threshold on those held out.
    Chinese has few pairs: a first model picks the word a name of several words was rendered by
    (Nikola Tesla 特斯拉) and adds the proper nouns outside the transliteration filter that it
    reads as transliterations (Yorkshire 约克郡); a second model learns from them all."""
    pairs = _chinese_pairs() if lang == "zh" else _japanese_pairs()
    train = [pair for pair in pairs if not _held_out(pair[0])]
    held = [("".join(words), _target_units(target, lang)) for words, _, target in pairs
            if _held_out(words) and len(words) == 1]
    singles = [(words[0], units, target) for words, units, target in train if len(words) == 1]
    if len(singles) > _SAMPLE:
        singles = random.Random(0).sample(singles, _SAMPLE)
    model = _Model(_em(singles), lang)
    if lang == "zh":
        threshold, _, _ = _calibrate(model, held)
        chosen = _chosen(model, [pair for pair in train if len(pair[0]) > 1])
        extra = _chosen(model, [pair for pair in _other_chinese_pairs() if not _held_out(pair[0])], threshold)
        singles += chosen + extra
        model = _Model(_em(singles), lang)
    edges = _edges([units for _, units, _ in singles])
    # The hanzi of transliterations: a search prefers them (德 de, not 的 de).
    characters = "".join(sorted(TRANSLITERATION | {ch for _, _, target in singles for ch in target})) \
        if lang == "zh" else ""
    model = _Model(model.table, lang, edges=edges, characters=characters)
    model.threshold, auc, recall = _calibrate(model, held)
    searched, found = _calibrate_search(model, [pair for pair in pairs if _held_out(pair[0]) and len(pair[0]) == 1])
    return {"table": {chunk: {unit: round(p, 3) for unit, p in row.items()} for chunk, row in model.table.items()},
            "edges": edges, "characters": characters,
            "calibration": {"training pairs": len(singles), "held-out pairs": len(held), "auc": round(auc, 4),
                            "threshold": round(model.threshold, 3), "recall": round(recall, 4),
                            "span threshold": round(searched, 3), "found": round(found, 4)}}


def _edges(targets: list[tuple[str, ...]]) -> dict[str, dict[str, float]]:
    """For each unit, log P(it starts a name | it occurs) less that of the unit likeliest to start
    one, and the same for ending one; "" for a unit seen under 5 times: the median."""
    import statistics

    seen = Counter(u for units in targets for u in units)
    edges = {}
    for name, at in (("first", 0), ("last", -1)):
        counts = Counter(units[at] for units in targets)
        rates = {u: math.log((counts[u] + 0.5) / (n + 1)) for u, n in seen.items() if n >= 5}
        top = max(rates.values())
        edges[name] = {u: round(max(rate - top, _EDGE_FLOOR), 2) for u, rate in rates.items()}
        edges[name][""] = statistics.median(edges[name].values())
    return edges


def _chosen(model: _Model, pairs: list[Pair], least: float = _FLOOR) -> list[tuple[str, tuple[str, ...], str]]:
    """For each pair, the word of its name (or the whole name) that its rendering spells best,
    where that scores above `least`."""
    chosen = []
    for words, units, target in pairs:
        alternatives = tuple((u,) for u in units)
        value, word = max((model.score([(w, alternatives)]), w) for w in sorted({*words, "".join(words)}))
        if value > least:
            chosen.append((word, units, target))
    return chosen


def _calibrate(model: _Model, held: list[tuple[str, tuple[Unit, ...]]]) -> tuple[float, float, float]:
    """(threshold, ROC AUC, share of right pairs above the threshold) of held-out pairs against
    other names' renderings of about the same number of units."""
    rng = random.Random(1)
    by_length: dict[int, list[tuple[Unit, ...]]] = {}
    for _, units in held:
        by_length.setdefault(len(units), []).append(units)
    right, wrong = [], []
    for word, units in held[:3000]:
        right.append(model.score([(word, units)]))
        others = [u for n in (len(units) - 1, len(units), len(units) + 1) for u in by_length.get(n, ()) if u != units]
        for other in rng.sample(others, min(_WRONG_PER_RIGHT, len(others))):
            wrong.append(model.score([(word, other)]))
    wrong.sort()
    threshold = wrong[int(len(wrong) * (1 - _FALSE_MATCHES))]
    return threshold, _roc_auc(right, wrong), sum(r > threshold for r in right) / len(right)


def _calibrate_search(model: _Model, held: list[Pair]) -> tuple[float, float]:
    """(span threshold, share of names found): best_span for held-out names in texts of six other
    names' renderings between particles, without the name (for the threshold) and with it (is its
    rendering found, whole, above the threshold?)."""
    rng = random.Random(2)
    glue = "的是在了和与对将" if model.lang == "zh" else "のはがとをにもへ"
    # Another rendering of the same name is no wrong one (麦纳麦 and 麦纳玛 for Manama).
    renderings: dict[str, set[str]] = {}
    for words, _, target in held:
        renderings.setdefault(words[0], set()).add(target)
    names = sorted(renderings)
    wrong, right = [], []
    for words, _, target in rng.sample(held, min(_SEARCHES, len(held))):
        others = [min(renderings[other]) for other in rng.sample(names, 8)
                  if other != words[0] and not renderings[other] & renderings[words[0]]][:6]
        letters = "".join(words)
        for text, scores in (("".join(o + rng.choice(glue) for o in others), wrong),
                             ("".join(o + rng.choice(glue) for o in [*others[:3], target, *others[3:]]), right)):
            span = model.best_span(letters, text, 8, 2)
            value = model.score([(letters, _target_units(text[span[0]:span[1]], model.lang))]) if span else _FLOOR
            scores.append((value, span and text[span[0]:span[1]] == target))
    values = sorted(value for value, _ in wrong)
    threshold = values[int(len(values) * (1 - _FALSE_MATCHES))]
    return threshold, sum(value > threshold and exact for value, exact in right) / len(right)


def _roc_auc(right: list[float], wrong: list[float]) -> float:
    """The chance that a right pair outscores a wrong one, ties counting half."""
    ordered = sorted([(v, 1) for v in right] + [(v, 0) for v in wrong])
    below = total = 0.0
    start = 0
    while start < len(ordered):
        end = start
        while end < len(ordered) and ordered[end][0] == ordered[start][0]:
            end += 1
        rights = sum(flag for _, flag in ordered[start:end])
        wrongs = end - start - rights
        total += rights * (below + wrongs / 2)
        below += wrongs
        start = end
    return total / (len(right) * len(wrong))


def _held_out(words: tuple[str, ...]) -> bool:
    return hashlib.md5(" ".join(words).encode()).digest()[0] < _HELD_OUT


def _name_words(head: str) -> tuple[str, ...] | None:
    """The words of a capitalised English name as letters ("Jean-Luc Picard" → jean, luc, picard);
    None for anything else (a description, a lower-case word)."""
    raw = head.replace("-", " ").split()
    if not raw or len(raw) > 4 or not raw[0][:1].isupper() or not all(w[:1].isupper() or w in _PARTICLES for w in raw):
        return None
    words = tuple(_letters(w) for w in raw)
    return words if all(words) else None


def _cedict_heads(definitions: list[str]) -> list[tuple[str, ...]]:
    """The names CC-CEDICT definitions start with ("Nasr or Nasser", "(name) Berger", "Powell (name)")."""
    heads = []
    for definition in definitions:
        head = re.split(r",|\s\(|;", definition.replace("(name)", "").strip(), maxsplit=1)[0].strip()
        heads += [words for alt in re.split(r"\s+or\s+", head) if (words := _name_words(alt))]
    return heads


def _cedict_pairs(transliterated: bool) -> list[Pair]:
    """CC-CEDICT's proper nouns of 2–8 hanzi, with its own pinyin (the reading a name uses: 什 shi,
    not pypinyin's shen): with `transliterated`, those marked "(name)" or "transliteration" or
    written only with characters of the transliteration tables; else the others' first heads.
    Not Chinese names spelled in pinyin."""
    from pipeline.fidelity.dictionaries import cedict_entries

    pairs = set()
    for entry in cedict_entries():
        hanzi = entry["simplified"]
        units = tuple(re.sub(r"[\d\s]", "", s).replace("u:", "v") for s in entry["pinyin"].lower().split())
        if not (2 <= len(hanzi) <= 8 and _HAN.match(hanzi) and len(units) == len(hanzi)):
            continue
        notes = " ".join(entry["definitions"]).lower()
        listed = all(ch in TRANSLITERATION for ch in hanzi)
        if transliterated != (listed or "(name)" in notes or "transliteration" in notes):
            continue
        spelled = "".join(units)
        for words in _cedict_heads(entry["definitions"][:None if transliterated else 1]):
            # Chinese names in pinyin (海林 Hailin, 琼海市 Qionghai City) are no transliterations.
            if "".join(words) != spelled and (transliterated or not "".join(words).startswith(spelled[:4])):
                pairs.add((words, units, hanzi))
    return sorted(pairs)


def _chinese_pairs() -> list[Pair]:
    return _cedict_pairs(transliterated=True)


def _other_chinese_pairs() -> list[Pair]:
    """CC-CEDICT's other proper nouns: some transliterations (Yorkshire 约克郡, Ghana 迦纳), more
    translations (Daily Express 每日快报); a first model tells which."""
    return _cedict_pairs(transliterated=False)


def _japanese_pairs() -> list[Pair]:
    """JMnedict's katakana names; a dotted name of as many words, word by word."""
    from pipeline.fidelity.dictionaries import jmnedict_names

    pairs = set()
    for key, forms in jmnedict_names().items():
        words = tuple(w for w in (_letters(part) for part in re.split(r"[\s\-]+", key)) if w)
        if not words or len(words) > 4:
            continue
        for form in forms:
            parts = form.split("・")
            if not all(_KATAKANA.match(part) for part in parts):
                continue
            if len(parts) == len(words):
                pairs |= {((word,), tuple(u[0] for u in _target_units(part, "ja")), part)
                          for word, part in zip(words, parts, strict=True)}
            elif len(parts) == 1:
                pairs.add((words, tuple(u[0] for u in _target_units(form, "ja")), form))
    return sorted(pairs)


def _em(triples: list[tuple[str, tuple[str, ...], str]], iterations: int = _ITERATIONS) -> dict[str, dict[str, float]]:
    """Joint (chunk, unit) probabilities by EM over all monotone alignments: forward-backward in
    numpy, over buckets of pairs of about the same length. Chunks of three or four letters that
    only one training word has are left out: they would only learn that word."""
    import numpy as np

    pairs = [(w, u) for w, u, _ in triples if 1 <= len(w) <= 16 and 1 <= len(u) <= 12]
    seen = Counter(w[i:i + k] for w in {w for w, _ in pairs} for k in range(1, _CHUNK + 1)
                   for i in range(len(w) - k + 1))
    chunks = ["", *sorted(c for c, n in seen.items() if len(c) <= 2 or n > 1)]
    units = ["", *sorted({u for _, us in pairs for u in us})]
    chunk_id = {c: i for i, c in enumerate(chunks)}
    unit_id = {u: i for i, u in enumerate(units)}
    no_chunk, no_unit = len(chunks), len(units)  # padding, at probability 0
    width = no_unit + 1
    # A flat start, silent letters and letterless units ten times less likely than the rest.
    p = np.ones((no_chunk + 1, width))
    p[:, 0] = p[0, :] = 0.1
    p[0, 0] = p[no_chunk, :] = p[:, no_unit] = 0
    p /= p.sum()
    buckets = []
    order = sorted(pairs, key=lambda pair: (len(pair[0]), len(pair[1]), pair))
    for start in range(0, len(order), 2000):
        bucket = order[start:start + 2000]
        most_letters, most_units = max(len(w) for w, _ in bucket), max(len(u) for _, u in bucket)
        cid = np.full((len(bucket), most_letters + 1, _CHUNK + 1), no_chunk)
        uid = np.full((len(bucket), most_units), no_unit)
        for r, (word, us) in enumerate(bucket):
            for i in range(len(word) + 1):
                for k in range(min(_CHUNK, i) + 1):
                    cid[r, i, k] = chunk_id.get(word[i - k:i], no_chunk)
            uid[r, :len(us)] = [unit_id[u] for u in us]
        buckets.append((cid, uid, np.array([len(w) for w, _ in bucket]), np.array([len(u) for _, u in bucket])))
    for _ in range(iterations):
        counts = np.zeros(p.size)
        for cid, uid, letters, unit_counts in buckets:
            counts += _expected_counts(p, cid, uid, letters, unit_counts, width)
        p = counts.reshape(p.shape)
        p[no_chunk, :] = p[:, no_unit] = 0
        p /= p.sum()
    table: dict[str, dict[str, float]] = {}
    for c, u in zip(*np.nonzero(p > 1e-7), strict=True):
        table.setdefault(chunks[c], {})[units[u]] = float(np.log(p[c, u]))
    return table


def _expected_counts(p: Any, cid: Any, uid: Any, letters: Any, unit_counts: Any, width: int) -> Any:
    """One bucket's expected (chunk, unit) counts, flat: forward-backward over the lattice of
    letters × units, vectorised across the bucket's pairs."""
    import numpy as np

    size, most_letters, most_units = len(letters), cid.shape[1] - 1, uid.shape[1]
    rows = np.arange(size)
    edge = p[cid[:, :, :, None], uid[:, None, None, :]]  # (pair, letters to i, chunk length, unit)
    silent = p[cid[:, :, 1], 0]  # (pair, i): letter i-1 spells nothing
    alpha = np.zeros((size, most_letters + 1, most_units + 1))
    alpha[:, 0, 0] = 1
    for i in range(most_letters + 1):
        for j in range(most_units + 1):
            value = alpha[:, i - 1, j] * silent[:, i] if i else np.zeros(size)
            if j:
                for k in range(min(_CHUNK, i) + 1):
                    value += alpha[:, i - k, j - 1] * edge[:, i, k, j - 1]
            if i or j:
                alpha[:, i, j] = value
    total = alpha[rows, letters, unit_counts]
    beta = np.zeros_like(alpha)
    beta[rows, letters, unit_counts] = 1
    for i in range(most_letters, -1, -1):
        for j in range(most_units, -1, -1):
            value = beta[:, i, j]
            if i < most_letters:
                value = value + silent[:, i + 1] * beta[:, i + 1, j]
            if j < most_units:
                for k in range(min(_CHUNK, most_letters - i) + 1):
                    value = value + edge[:, i + k, k, j] * beta[:, i + k, j + 1]
            beta[:, i, j] = value
    scale = np.divide(1.0, total, out=np.zeros(size), where=total > 0)[:, None, None]
    keys, weights = [], []
    for k in range(_CHUNK + 1):  # a unit after letters i-k..i: from (i-k, j) to (i, j+1)
        posterior = alpha[:, :most_letters + 1 - k, :most_units] * edge[:, k:, k, :] * beta[:, k:, 1:] * scale
        keep = posterior > 0
        keys.append((cid[:, k:, k, None] * width + uid[:, None, :])[keep])
        weights.append(posterior[keep])
    posterior = alpha[:, :-1, :] * silent[:, 1:, None] * beta[:, 1:, :] * scale
    keep = posterior > 0
    keys.append(np.broadcast_to(cid[:, 1:, 1, None] * width, posterior.shape)[keep])
    weights.append(posterior[keep])
    return np.bincount(np.concatenate(keys), np.concatenate(weights), minlength=p.size)
