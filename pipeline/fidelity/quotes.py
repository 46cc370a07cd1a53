"""Direct quotes: aligned one to one between the English and the translation, content compared (by
dictionary words and by meaning). Finding them is quotes_extract.py."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.fidelity.facts import Figure, Finding, Quote, Span
from pipeline.fidelity.lemmas import STOPWORDS, japanese_lemmas, suffix_forms, word_forms
from pipeline.fidelity.meaning import similarity

# Target characters per English character of a quote, per language: on the WMT22/24 human
# references (scripts/calibrate_quotes.py) Japanese quotes run 0.19-1.43, Chinese 0.14-0.61; the
# bounds leave a margin, so only a quote cut to a stub or padded with other text falls outside. A
# stub has lost the quote (an error); padding loses nothing, and WMT21's second Chinese references
# run to 1.19 and 1.39 with faithful quotes, so a long one is a warning.
RATIO_BOUNDS = {"ja": (0.12, 1.8), "zh-Hans": (0.1, 1.0), "zh-Hant": (0.1, 1.0)}

# Share of the quote's English content words whose dictionary translations (CC-CEDICT for
# Chinese, JMdict for Japanese) appear in the target quote. On the references the median is
# 0.44 (ja) and 0.56 (zh) and about 95% of quotes reach 0.1; a quote replaced by another
# sentence scores 0.
MIN_OVERLAP = {"ja": 0.1, "zh-Hans": 0.1, "zh-Hant": 0.1}

# Quotes with fewer glossed words are not judged on content. On the references, 2 of 22 Chinese
# quotes with two glossed words share none of them ("one rule for them" → 只许州官放火). Japanese
# is read both ways (the quote's words glossed in JMdict, and the target's words by their MeCab
# base forms): 2 of 23 Japanese quotes with one or two glossed words then share none ("I do plan
# on going" → 必ず訪問する), against 6 of 20 two-word quotes by the English side alone.
MIN_GLOSSED_WORDS = {"ja": 1, "zh-Hans": 2, "zh-Hant": 2}

# One dictionary hit among many glossed words is chance (a quote replaced by talk of the weather
# still meets "normal" → 平年): from LONG_QUOTE_GLOSSED glossed words on, two hits are needed.
# No reference quote of that length has fewer than two.
LONG_QUOTE_GLOSSED, LONG_QUOTE_MIN_HITS = 8, 2

# Meaning: the cosine of the English quote and its target quote under a multilingual sentence
# encoder (pipeline/fidelity/meaning.py). scripts/calibrate_quotes.py measures it on the dev part's
# references: each aligned reference quote against its English ("own"), and each English quote
# against three target quotes of other documents ("other", what the evaluation's quote/replace
# puts in). Short quotes are rendered freely and score lower ("mind their own business" →
# 他人のことに口出ししない, 0.24), so their floor is lower. Under 10 words, own pairs bottom out at
# 0.24 (ja, zh rows) while 95% of other pairs stay under 0.23; from 10 words on, own pairs have p1
# 0.35-0.39 and min 0.30-0.35, and other pairs p99 0.26-0.29. Below its floor a quote is "altered"
# however many dictionary words it shares. (zh-Hans.B's own pairs under both floors are a proverb
# in place of the quote, 授人以鱼不如授人以渔, and a sentence ending in a stray closing mark.)
LONG_QUOTE_WORDS = 10

MEANING_FLOOR = {False: 0.2, True: 0.3}  # keyed by "10 words or more"

# Where the dictionaries find too few of the quote's words, the meaning decides. Other pairs that
# fail the dictionaries score p99 0.28-0.31, max 0.30-0.47: below MEANING_SUPPORTS the quote is
# "altered"; from MEANING_CLOSE on it is preserved ("no need to fear" → 没有必要害怕: 0 of 2
# dictionary words, 0.86); in between it is a warning. Of the 18 own dev pairs (four rows) that
# fail the dictionaries, 11 score 0.46-0.86 and pass, 2 score 0.40 and are warned, and 5 stay
# errors: 0.24 twice (ja), 0.34 ("an arbitrary, willy-nilly way" → 随心所欲地, two rows) and a proverb.
MEANING_SUPPORTS, MEANING_CLOSE = 0.35, 0.45

# Alignment ranks candidate pairs by meaning plus dictionary overlap (both 0-1): meaning tells
# "extinction of the traffic light" → 熄灭交通灯 (0.76) from the term 交通灯联盟 (0.60), which
# the dictionaries score alike.
ALIGN_MEANING = 1.0

MIN_RATIO = min(low for low, _ in RATIO_BOUNDS.values())


def _ratio(source: Quote, target: Quote) -> float:
    return len(target.text) / max(1, len(source.text))


def meaning_matrix(sources: list[Quote], targets: list[Quote], lang: str) -> list[list[float]]:
    """Meaning similarity of every source quote with every target quote, in one encoder batch."""
    scores = similarity([(src.text, tgt.text) for src in sources for tgt in targets], lang)
    return [scores[i * len(targets):(i + 1) * len(targets)] for i in range(len(sources))]


def align(sources: list[Quote], targets: list[Quote], lang: str,
          meaning: list[list[float]] | None = None) -> list[int | None]:
    """For each source quote, the index of its target quote (one to one), or None.

    Pairs are taken best first by meaning and dictionary overlap, then by closeness in order; a
    target too short to be a translation of the quote (a quoted term or title) is taken only when
    nothing else is left. Aligning by content rather than by order keeps one reordered or dropped
    quote from shifting all the rest.
    """
    meaning = meaning_matrix(sources, targets, lang) if meaning is None else meaning
    candidates = []
    for i, src in enumerate(sources):
        for k, tgt in enumerate(targets):
            if _ratio(src, tgt) < MIN_RATIO:
                continue
            overlap, glossed = lexical_overlap(src.text, tgt.text, lang)
            order_gap = abs(i / max(1, len(sources)) - k / max(1, len(targets)))
            candidates.append((-(ALIGN_MEANING * meaning[i][k] + (overlap if glossed else 0.5)), order_gap, i, k))
    pairs: list[int | None] = [None] * len(sources)
    used: set[int] = set()
    for _, _, i, k in sorted(candidates):
        if pairs[i] is None and k not in used:
            pairs[i] = k
            used.add(k)
    # A quote cut to a stub is still its quote: pair what is left in order, to be judged altered.
    leftover = [k for k in range(len(targets)) if k not in used]
    for i in range(len(sources)):
        if pairs[i] is None and leftover:
            pairs[i] = leftover.pop(0)
    return pairs


def check_quotes(
    sources: list[Quote], targets: list[Quote], source_figures: list[Figure], target_figures: list[Figure],
    lang: str, source_text: str,
) -> list[Finding]:
    """Align source and target quotes one to one and judge each pair's content.

    A source quote with no target quote left is "missing" (dropped or turned into indirect
    speech), unless the quote beside it in `source_text` was translated with it (a sentence quoted
    in two parts, or two utterances quoted as one). A pair whose target is far shorter or longer
    than a translation of the quote would be, is unlike it in meaning, shares too few dictionary
    words with it where the meaning does not make up for that, or loses a figure of the quote, is
    "altered"; a middling meaning without dictionary words is a warning.
    """
    findings = []
    matrix = meaning_matrix(sources, targets, lang)
    pairs = align(sources, targets, lang, matrix)
    merged = {i: k for i in range(len(sources)) if pairs[i] is None
              and (k := _merged_into(i, sources, pairs, targets, lang, source_text)) is not None}
    for i, (src, k) in enumerate(zip(sources, pairs, strict=True)):
        if i in merged:
            tgt = targets[merged[i]]
            findings.append(Finding("quote", "preserved", "info", src.span, tgt.span, src.text, tgt.text,
                                    "merged with the quote beside it",
                                    f"{_short(src.text)!r} → {_short(tgt.text)!r} (with the quote beside it)"))
            continue
        if k is None:
            findings.append(Finding("quote", "missing", "error", src.span, None, src.text, "",
                                    "no quoted span left in the translation",
                                    f"quote {_short(src.text)!r} is missing or became indirect speech"))
            continue
        tgt = targets[k]
        # A target quote that also holds its neighbour is judged against the two together.
        judged, meaning = src, matrix[i][k]
        for j in (i - 1, i + 1):
            if merged.get(j) == k:
                judged = _joined(sources[j], judged, src.span) if j < i else _joined(judged, sources[j], src.span)
        if judged is not src:
            (meaning,) = similarity([(judged.text, tgt.text)], lang)
        problems, doubts = _content_problems(judged, tgt, source_figures, target_figures, lang, meaning)
        if problems:
            findings.append(Finding("quote", "altered", "error", src.span, tgt.span, src.text, tgt.text,
                                    "; ".join(problems + doubts), f"quote {_short(src.text)!r} changed: {problems[0]}"))
        elif doubts:
            findings.append(Finding("quote", "altered", "warning", src.span, tgt.span, src.text, tgt.text,
                                    "; ".join(doubts), f"quote {_short(src.text)!r} may have changed: {doubts[0]}"))
        else:
            findings.append(Finding("quote", "preserved", "info", src.span, tgt.span, src.text, tgt.text,
                                    f"aligned; length ratio {_ratio(judged, tgt):.2f}; meaning {meaning:.2f}",
                                    f"{_short(src.text)!r} → {_short(tgt.text)!r}"))
    return findings


# English splits one sentence into two quotes around a few words ("the Russian language must
# disappear" from the territory of Ukraine "as an element of ..."); a translation often quotes it whole.
MAX_SPLIT_GAP = 60

# A translation may also quote two utterances as one ("…," he said. "…" → 他说：“……，……。”). Then
# the two English quotes together are closer in meaning to the target quote than its own quote
# alone. On the dev references (four rows) the six such merges, of three passages, gain 0.12-0.23;
# the 122 neighbouring quotes that have target quotes of their own (what deleting one of them would
# leave) gain at most 0.06 (p99 0.03).
MERGE_GAIN = 0.1


def _merged_into(i: int, sources: list[Quote], pairs: list[int | None], targets: list[Quote],
                 lang: str, text: str) -> int | None:
    """The target quote of a neighbouring source quote that also holds quote `i`, if any: the target
    is long enough for both, and either the two are one sentence split in the English and the
    target shares quote `i`'s words, or the two together are clearly closer to it in meaning."""
    src = sources[i]
    for j in (i - 1, i + 1):
        if not 0 <= j < len(sources) or pairs[j] is None:
            continue
        first, second = (sources[j], src) if j < i else (src, sources[j])
        tgt = targets[pairs[j]]
        both = _joined(first, second, src.span)
        if _ratio(both, tgt) < RATIO_BOUNDS[lang][0]:
            continue
        overlap, glossed = lexical_overlap(src.text, tgt.text, lang)
        if _one_sentence(first, second, text) and glossed >= 2 and overlap >= max(MIN_OVERLAP[lang], 0.3):
            return pairs[j]
        alone, together = similarity([(sources[j].text, tgt.text), (both.text, tgt.text)], lang)
        if together - alone >= MERGE_GAIN:
            return pairs[j]
    return None


def _joined(first: Quote, second: Quote, span: Span) -> Quote:
    """Two quotes read as one; `span` is where its figures are looked for (not the words between)."""
    return Quote(first.text + " " + second.text, span)


def _one_sentence(first: Quote, second: Quote, text: str) -> bool:
    """One sentence split, not two utterances ("…," he said. "…"): no end or comma inside the first
    quote, no sentence end or speech verb between them."""
    gap = text[first.span.end:second.span.start]
    return not (len(gap) > MAX_SPLIT_GAP or first.text.rstrip().endswith((".", "!", "?", ",")) or re.search(
        r"[.!?;:]|\b(?:said|says|say|told|added|asked|wrote)\b", gap))


def _content_problems(
    src: Quote, tgt: Quote, source_figures: list[Figure], target_figures: list[Figure], lang: str, meaning: float
) -> tuple[list[str], list[str]]:
    """(problems, doubts) of one aligned pair: problems make it "altered" (an error), doubts a warning."""
    problems, doubts = [], []
    ratio = _ratio(src, tgt)
    low, high = RATIO_BOUNDS[lang]
    if ratio < low:
        problems.append(f"translation is too short for the quote (ratio {ratio:.2f} < {low})")
    elif ratio > high:
        doubts.append(f"translation is too long for the quote (ratio {ratio:.2f} > {high})")
    floor = MEANING_FLOOR[len(src.text.split()) >= LONG_QUOTE_WORDS]
    lexical = _lexical_problem(src, tgt, lang)
    if meaning < floor:
        problems.append(f"it means something else (meaning similarity {meaning:.2f} < {floor})")
        problems += [lexical] if lexical else []
    elif lexical and meaning < MEANING_CLOSE:
        # The dictionaries miss free renderings: a close meaning clears them, a middling one leaves a doubt.
        (problems if meaning < MEANING_SUPPORTS else doubts).append(f"{lexical}, meaning similarity {meaning:.2f}")
    inside = [f for f in source_figures if src.span.start <= f.span.start < src.span.end and not f.words]
    present = [f for f in target_figures if tgt.span.start <= f.span.start < tgt.span.end]
    for figure in inside:
        if not any(figure.same_value(t) for t in present):
            problems.append(f"figure {figure.span.text!r} of the quote is not in it")
    return problems, doubts


def _lexical_problem(src: Quote, tgt: Quote, lang: str) -> str | None:
    """Why the dictionaries find too few of the quote's words in `tgt`, or None."""
    overlap, glossed = lexical_overlap(src.text, tgt.text, lang)
    hits = round(overlap * glossed)
    if glossed >= MIN_GLOSSED_WORDS[lang] and (
        overlap < MIN_OVERLAP[lang] or (glossed >= LONG_QUOTE_GLOSSED and hits < LONG_QUOTE_MIN_HITS)
    ):
        return f"few of the quote's words are in it (dictionary overlap {overlap:.2f}, {hits} of {glossed} words)"
    return None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=4096)  # align() scores every pair, then the chosen pair is judged on the same score
def lexical_overlap(english: str, target: str, lang: str = "zh-Hans") -> tuple[float, int]:
    """(share of glossed content words found in `target`, number of glossed words).

    Model-free evidence that a quote says the same thing: a bilingual dictionary maps each English
    content word to target words (CC-CEDICT for Chinese, compared after OpenCC's t2s folding;
    JMdict for Japanese), and we count the English words one of whose targets appears, or, in
    Japanese, which a JMdict sense of one of the target's words uses.
    """
    senses: set[str] = set()
    if lang == "ja":
        from pipeline.fidelity.jmdict import jmdict_glosses, jmdict_senses

        index, first_senses, folded = jmdict_glosses(STOPWORDS), {}, target
        # Both directions: the English word's dictionary translations in the text, and the text's
        # words (by their dictionary forms) glossed with the English word: JMdict's senses
        # of 行動 include "act", but a conjugated 行動しなければ hides it from a substring search.
        senses = set().union(*(word_forms(w) for lemma in japanese_lemmas(target) for w in jmdict_senses(lemma)
                               if w not in STOPWORDS))
    else:
        from pipeline.fidelity.dictionaries import cedict_first_senses, cedict_glosses, opencc_t2s

        index, folded = cedict_glosses(STOPWORDS), opencc_t2s().convert(target)
        first_senses = cedict_first_senses(STOPWORDS)
    glossed = hits = 0
    for word in {w for w in re.findall(r"[a-z]{3,}", english.lower()) if w not in STOPWORDS}:
        candidates = set().union(*(index.get(form, set()) for form in suffix_forms(word)))
        # A single character counts when it is one of many only for its first sense (泪 "tears").
        primary = set().union(*(first_senses.get(form, set()) for form in suffix_forms(word)))
        candidates = {c for c in candidates if len(c) >= 2 or len(candidates) < 5 or c in primary}
        glossed_back = not senses.isdisjoint(word_forms(word))
        if not candidates and not glossed_back:
            continue
        glossed += 1
        hits += glossed_back or any(c in folded for c in candidates)
    return (hits / glossed if glossed else 1.0), glossed
