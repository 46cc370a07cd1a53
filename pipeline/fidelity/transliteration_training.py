"""Training the transliteration model: name pairs from CC-CEDICT and JMnedict, EM over all
monotone alignments, and the thresholds measured on the pairs held out."""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections import Counter
from typing import Any

from pipeline.fidelity.romanise import TRANSLITERATION
from pipeline.fidelity.transliteration_model import CHUNK, FLOOR, Model
from pipeline.fidelity.transliteration_units import Pair, Unit, letters_of, target_units

_EDGE_FLOOR = -8.0  # no unit ever starts or ends a name (ッ at the end): about a silent letter's cost

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


def train(lang: str) -> dict[str, Any]:
    """EM on the dictionary pairs of `lang` not held out; then the threshold on those held out.
    Chinese has few pairs: a first model picks the word a name of several words was rendered by
    (Nikola Tesla 特斯拉) and adds the proper nouns outside the transliteration filter that it
    reads as transliterations (Yorkshire 约克郡); a second model learns from them all."""
    pairs = _chinese_pairs() if lang == "zh" else _japanese_pairs()
    train = [pair for pair in pairs if not _held_out(pair[0])]
    held = [("".join(words), target_units(target, lang)) for words, _, target in pairs
            if _held_out(words) and len(words) == 1]
    singles = [(words[0], units, target) for words, units, target in train if len(words) == 1]
    if len(singles) > _SAMPLE:
        singles = random.Random(0).sample(singles, _SAMPLE)
    model = Model(_em(singles), lang)
    if lang == "zh":
        threshold, _, _ = _calibrate(model, held)
        chosen = _chosen(model, [pair for pair in train if len(pair[0]) > 1])
        extra = _chosen(model, [pair for pair in _other_chinese_pairs() if not _held_out(pair[0])], threshold)
        singles += chosen + extra
        model = Model(_em(singles), lang)
    edges = _edges([units for _, units, _ in singles])
    # The hanzi of transliterations: a search prefers them (德 de, not 的 de).
    characters = "".join(sorted(TRANSLITERATION | {ch for _, _, target in singles for ch in target})) \
        if lang == "zh" else ""
    model = Model(model.table, lang, edges=edges, characters=characters)
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


def _chosen(model: Model, pairs: list[Pair], least: float = FLOOR) -> list[tuple[str, tuple[str, ...], str]]:
    """For each pair, the word of its name (or the whole name) that its rendering spells best,
    where that scores above `least`."""
    chosen = []
    for words, units, target in pairs:
        alternatives = tuple((u,) for u in units)
        value, word = max((model.score([(w, alternatives)]), w) for w in sorted({*words, "".join(words)}))
        if value > least:
            chosen.append((word, units, target))
    return chosen


def _calibrate(model: Model, held: list[tuple[str, tuple[Unit, ...]]]) -> tuple[float, float, float]:
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


def _calibrate_search(model: Model, held: list[Pair]) -> tuple[float, float]:
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
            value = model.score([(letters, target_units(text[span[0]:span[1]], model.lang))]) if span else FLOOR
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


def name_words(head: str) -> tuple[str, ...] | None:
    """The words of a capitalised English name as letters ("Jean-Luc Picard" → jean, luc, picard);
    None for anything else (a description, a lower-case word)."""
    raw = head.replace("-", " ").split()
    if not raw or len(raw) > 4 or not raw[0][:1].isupper() or not all(w[:1].isupper() or w in _PARTICLES for w in raw):
        return None
    words = tuple(letters_of(w) for w in raw)
    return words if all(words) else None


def _cedict_heads(definitions: list[str]) -> list[tuple[str, ...]]:
    """The names CC-CEDICT definitions start with ("Nasr or Nasser", "(name) Berger", "Powell (name)")."""
    heads = []
    for definition in definitions:
        head = re.split(r",|\s\(|;", definition.replace("(name)", "").strip(), maxsplit=1)[0].strip()
        heads += [words for alt in re.split(r"\s+or\s+", head) if (words := name_words(alt))]
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
    from pipeline.fidelity.jmdict import jmnedict_names

    pairs = set()
    for key, forms in jmnedict_names().items():
        words = tuple(w for w in (letters_of(part) for part in re.split(r"[\s\-]+", key)) if w)
        if not words or len(words) > 4:
            continue
        for form in forms:
            parts = form.split("・")
            if not all(_KATAKANA.match(part) for part in parts):
                continue
            if len(parts) == len(words):
                pairs |= {((word,), tuple(u[0] for u in target_units(part, "ja")), part)
                          for word, part in zip(words, parts, strict=True)}
            elif len(parts) == 1:
                pairs.add((words, tuple(u[0] for u in target_units(form, "ja")), form))
    return sorted(pairs)


def _em(triples: list[tuple[str, tuple[str, ...], str]], iterations: int = _ITERATIONS) -> dict[str, dict[str, float]]:
    """Joint (chunk, unit) probabilities by EM over all monotone alignments: forward-backward in
    numpy, over buckets of pairs of about the same length. Chunks of three or four letters that
    only one training word has are left out: they would only learn that word."""
    import numpy as np

    pairs = [(w, u) for w, u, _ in triples if 1 <= len(w) <= 16 and 1 <= len(u) <= 12]
    seen = Counter(w[i:i + k] for w in {w for w, _ in pairs} for k in range(1, CHUNK + 1)
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
        cid = np.full((len(bucket), most_letters + 1, CHUNK + 1), no_chunk)
        uid = np.full((len(bucket), most_units), no_unit)
        for r, (word, us) in enumerate(bucket):
            for i in range(len(word) + 1):
                for k in range(min(CHUNK, i) + 1):
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
                for k in range(min(CHUNK, i) + 1):
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
                for k in range(min(CHUNK, most_letters - i) + 1):
                    value = value + edge[:, i + k, k, j] * beta[:, i + k, j + 1]
            beta[:, i, j] = value
    scale = np.divide(1.0, total, out=np.zeros(size), where=total > 0)[:, None, None]
    keys, weights = [], []
    for k in range(CHUNK + 1):  # a unit after letters i-k..i: from (i-k, j) to (i, j+1)
        posterior = alpha[:, :most_letters + 1 - k, :most_units] * edge[:, k:, k, :] * beta[:, k:, 1:] * scale
        keep = posterior > 0
        keys.append((cid[:, k:, k, None] * width + uid[:, None, :])[keep])
        weights.append(posterior[keep])
    posterior = alpha[:, :-1, :] * silent[:, 1:, None] * beta[:, 1:, :] * scale
    keep = posterior > 0
    keys.append(np.broadcast_to(cid[:, 1:, 1, None] * width, posterior.shape)[keep])
    weights.append(posterior[keep])
    return np.bincount(np.concatenate(keys), np.concatenate(weights), minlength=p.size)
