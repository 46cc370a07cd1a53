"""Characters of the wrong script: Simplified-only hanzi in Japanese or Traditional Chinese (by
OpenCC and the JIS / Big5 encodings), kana in Chinese."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.fidelity.coverage_codes import NO_KANA, SCRIPTS
from pipeline.fidelity.dictionaries import opencc
from pipeline.fidelity.facts import Finding, Span

# --- Script -------------------------------------------------------------------------------------
_HAN = [chr(c) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000)) for c in range(*r)]

# Kana, and the long mark after one (ニュース); not ・, which Chinese also writes between names.
_KANA_CHARS = "\u3041-\u3096\u30a1-\u30fa\u31f0-\u31ff\uff66-\uff9d"

_KANA = re.compile(f"[{_KANA_CHARS}][{_KANA_CHARS}\u30fc]*")

# Two wrong characters (a word such as 鲨鱼, or two anywhere) are an error; a lone one a warning.
SCRIPT_ERROR_CHARS = 2


def _opencc_map(config: str, chars: list[str]) -> list[str]:
    """Each character converted alone (joined by newlines, so no phrase spans two of them)."""
    out = opencc(config).convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):
        raise RuntimeError(f"OpenCC {config} changed the number of lines; cannot map characters one for one")
    return out


def _encodes(char: str, codec: str) -> bytes | None:
    try:
        return char.encode(codec)
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=1)
def simplified_only() -> dict[str, frozenset[str]]:
    """Per target language, the Simplified-only characters it must not contain (built in ~0.2 s).

    A Simplified form is a character OpenCC's s2t changes and t2s keeps (这, 鲨, but also 后, 干,
    内, 国). Which of those a language may still write is not in OpenCC, whose s2t writes one
    variant each, so two character-set standards decide. Japanese writes what JIS X 0208 has:
    the shinjitai OpenCC's jp2t knows (国, 学, 会; all but 沪), and kanji it does not (内, 税, 群,
    机), for which the rule with jp2t alone flagged 86 of the 812 dev references. Traditional text
    writes what Big5's common level has (后 empress, 干, 里 mile, 台, 准; a miss: 么, 听, 并, whose
    Traditional use is rare) and the Hong Kong / Taiwan forms OpenCC s2hk and s2tw write (脱, 税,
    群). Neither a dev reference nor any OpenCC conversion of a Chinese one has such a character.
    """
    simplified = [c for c, t, s in zip(_HAN, _opencc_map("s2t", _HAN), _opencc_map("t2s", _HAN), strict=True)
                  if t != c and s == c]
    regional = set()
    for config in ("s2hk", "s2tw", "s2twp"):
        regional.update(_opencc_map(config, simplified))
    japanese = frozenset(c for c in simplified if _encodes(c, "shift_jis") is None)
    traditional = frozenset(c for c in simplified if c not in regional and not _big5_common(c))
    return {"ja": japanese, "zh-Hant": traditional}


def _big5_common(char: str) -> bool:
    """In Big5's level of frequently used characters (lead bytes A4-C6), not its rarer level."""
    code = _encodes(char, "big5")
    return code is not None and 0xA4 <= code[0] <= 0xC6


def native_forms(chars: str, lang: str) -> str:
    """How `lang` writes each Simplified character of `chars` ("鲨 → 鯊, 说 → 説" in Japanese, by
    OpenCC s2t then t2jp; "这 → 這" in Traditional, by s2hk): what a repair request can ask for."""
    configs = ("s2t", "t2jp") if lang == "ja" else ("s2hk",)
    pairs = []
    for char in chars:
        form = char
        for config in configs:
            form = opencc(config).convert(form)
        if form != char:
            pairs.append(f"{char} → {form}")
    return ", ".join(pairs)


def script_findings(translation: str, lang: str) -> list[Finding]:
    """Simplified-only characters in Japanese or zh-Hant, and kana in Chinese."""
    findings = []
    if lang in SCRIPTS:
        wrong = simplified_only()[lang]
        spots = [i for i, c in enumerate(translation) if c in wrong]
        if spots and lang == "zh-Hant":
            spots = _not_in_hong_kong_words(translation, spots)
        if spots:
            where = "Japanese" if lang == "ja" else "Traditional Chinese"
            findings.append(_script(translation, _runs_of(spots), SCRIPTS[lang],
                                    f"Simplified Chinese characters in {where} text"))
    if lang != "ja" and (kana := [(m.start(), m.end()) for m in _KANA.finditer(translation)]):
        findings.append(_script(translation, kana, NO_KANA, "Japanese kana in Chinese text"))
    return findings


def _not_in_hong_kong_words(translation: str, spots: list[int]) -> list[int]:
    """The spots whose character Hong Kong does not write in that word: OpenCC's s2hk phrases keep
    some characters the character table changes (恒生 Hang Seng, not 恆生)."""
    hong_kong = opencc("s2hk").convert(opencc("t2s").convert(translation))
    if len(hong_kong) != len(translation):  # a phrase of another length: offsets would not hold
        return spots
    return [i for i in spots if hong_kong[i] != translation[i]]


def _runs_of(spots: list[int]) -> list[tuple[int, int]]:
    """Consecutive positions as (start, end) runs."""
    runs = [(spots[0], spots[0] + 1)]
    for i in spots[1:]:
        if i == runs[-1][1]:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _script(translation: str, runs: list[tuple[int, int]], expected: str, what: str) -> Finding:
    """One finding for the wrong characters of `runs`, its target the first of them."""
    chars = sum(end - start for start, end in runs)
    words = ", ".join(dict.fromkeys(translation[start:end] for start, end in runs))
    severity = "error" if chars >= SCRIPT_ERROR_CHARS else "warning"
    start, end = runs[0]
    return Finding("coverage", "altered", severity, None, Span(translation[start:end], start, end), expected,
                   words, f"{chars} characters of another script", f"{what}: {words}")
