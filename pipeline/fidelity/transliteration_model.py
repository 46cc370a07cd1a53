"""The joint "graphone" unigram model, as grapheme-to-phoneme aligners use: an alignment cuts the
English letters into chunks of 0–4 letters, in order, each paired with one target unit or with
none (a silent letter); its probability is the product of its pairs' probabilities."""

from __future__ import annotations

from pipeline.fidelity.transliteration_units import Unit, breaks, chunk_keys, is_katakana, reading_keys, units_of

CHUNK = 4  # the longest English chunk one unit spells (shir 郡, tsch チ)

# A pair never seen in training, as a log-probability: low, as no partial credit is given for a
# syllable never seen for those letters (of -12, -16 and -20, -20 separated right from wrong best
# on held-out pairs)...
FLOOR = -20.0

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

_NEG = -1e18

Rows = list[list[tuple[int, str]]]


class Model:
    """One language's table: English chunk → unit → log-probability ("" as the chunk: a unit
    spelling no letter; "" as the unit: a silent letter)."""

    def __init__(self, table: dict[str, dict[str, float]], lang: str, threshold: float = FLOOR,
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
        self._spells: dict[tuple[str, Unit], float] = {}

    def score(self, pairs: list[tuple[str, tuple[Unit, ...]]]) -> float:
        """The letter-weighted score of (word, units) pairs."""
        total = sum(self.relative(word, units) for word, units in pairs)
        return max(total / sum(len(word) for word, _ in pairs), FLOOR)

    def relative(self, word: str, units: tuple[Unit, ...]) -> float:
        """log P(best alignment of word and units) - log P(best alignment of word to any units)."""
        if not units:
            return FLOOR * len(word)
        rows, silent, spelled = self.spelled(word)
        history = [[0.0]]
        for unit in units:  # units before any letter
            history[0].append(history[0][-1] + self.spell(unit, ""))
        for i in range(1, len(word) + 1):
            here, drop, before = rows[i], silent[i], history[i - 1]
            current = [before[0] + drop]
            for j, unit in enumerate(units, 1):
                best = max(current[j - 1] + self.spell(unit, ""), before[j] + drop)
                for k, chunk in here:
                    value = history[i - k][j - 1] + self.spell(unit, chunk)
                    if value > best:
                        best = value
                current.append(best)
            history.append(current)
        return history[-1][-1] + self.edge(units[0], self.first) + self.edge(units[-1], self.last) - spelled

    def edge(self, unit: Unit, table: dict[str, float]) -> float:
        """How much less likely `unit` starts (or ends) a name than the unit likeliest to: a word
        ends on ン more than on マ, never on ッ (ブリッツマン, not ブリッツマ, for Britzman)."""
        return max(table.get(reading, table.get("", 0.0)) for reading in unit)

    def spell(self, unit: Unit, chunk: str) -> float:
        """log P(chunk, unit), at its likeliest reading ("" as the chunk: a unit spelling no letter)."""
        # Memoised: the searches ask for the same few thousand pairs hundreds of thousands of times.
        known = self._spells.get((chunk, unit))
        if known is not None:
            return known
        row = self.table[chunk] if chunk else self.inserted
        if len(unit) == 1:
            value = row.get(unit[0]) or self.unseen(chunk, unit[0])
        else:
            value = max(row.get(reading) or self.unseen(chunk, reading) for reading in unit)
        if len(self._spells) > 262144:
            self._spells.clear()
        self._spells[(chunk, unit)] = value
        return value

    def unseen(self, chunk: str, reading: str) -> float:
        """A pair that training never saw: _BACKOFF where the consonant classes of romanise.py
        say that it may sound alike, else FLOOR."""
        return _BACKOFF if chunk and chunk_keys(chunk) & reading_keys(reading, self.lang) else FLOOR

    def spelled(self, word: str) -> tuple[Rows, list[float], float]:
        """For each letter position of `word`: the (length, chunk) of the table's chunks ending
        there and the log-probability of a silent letter there; and the log-probability of the
        word's best alignment to any units (the score's denominator)."""
        known = self._spelled.get(word)
        if known is not None:
            return known
        table, best = self.table, self.best
        rows = [[(k, word[i - k:i]) for k in range(1, min(CHUNK, i) + 1)
                 if word[i - k:i] in table] for i in range(len(word) + 1)]
        silent = [0.0] + [table.get(word[i - 1], {}).get("", FLOOR) + _SILENT for i in range(1, len(word) + 1)]
        spelled = [0.0] + [_NEG] * len(word)
        for i in range(1, len(word) + 1):
            spelled[i] = max((spelled[i - k] + best[chunk] for k, chunk in rows[i]), default=_NEG)
        if len(self._spelled) > 65536:
            self._spelled.clear()
        self._spelled[word] = rows, silent, spelled[-1]
        return rows, silent, spelled[-1]

    def best_span(self, letters: str, target: str, max_chars: int, min_chars: int) -> tuple[int, int] | None:
        """Viterbi with a free start and end in the target. Every span is scored against the same
        English, so the best path is the best span; a path that starts or ends on a unit that spells
        no letter is never best (without that unit it scores higher), so paths start on a chunk."""
        units = units_of(target, self.lang, hiragana=False)
        if not units:
            return None
        rows, silent, _ = self.spelled(letters)
        # A hanzi no transliteration in the dictionaries uses costs more (的 de, 是 shi).
        unlisted = [_UNLISTED if self.characters and target[start] not in self.characters else 0.0
                    for _, start, _ in units]
        # joined[j]: units j-1 and j are next to each other, or a dot apart.
        joined = [j > 0 and not breaks(target[units[j - 1][2]:units[j][1]]) for j in range(len(units))]
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
                for k, chunk in here:
                    value, first = history[i - k][j - 1]
                    if (first == j - 1 or joined[j - 1]) and end - units[first][1] <= max_chars:
                        value += self.spell(unit, chunk) + unlisted[j - 1]
                        if value > best[0]:
                            best = (value, first)
                value, first = current[j - 1]
                if first < j - 1 and joined[j - 1] and end - units[first][1] <= max_chars:
                    value += self.spell(unit, "") + unlisted[j - 1]
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
        return _RUN_EDGE if at < 0 or at >= len(target) or not is_katakana(target[at]) else 0.0
