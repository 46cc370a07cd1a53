"""Direct quotes in English (straight or curly quotes, not titles) and in Japanese or Chinese
(「」『』“”, and a quote left open or closed at a segment's edge)."""

from __future__ import annotations

import re

from pipeline.fidelity.facts import Quote, Span

# English direct quotes: straight or curly double quotes; single curly quotes only where they
# cannot be apostrophes (an opening ‘ after a space or start, a closing ’ not followed by a letter).
_EN_QUOTES = [
    re.compile(r"“(?P<q>[^”]+)”"),
    re.compile(r'(?<![\w])"(?P<q>[^"]+)"'),
    re.compile(r"(?:(?<=\s)|^)‘(?P<q>[^’]+(?:’\w[^’]*)*)’(?!\w)"),
]

# Quote marks in Japanese and Chinese. 《》 and 〈〉 mark titles, not speech.
_CJK_QUOTES = [re.compile(r"「(?P<q>[^「」]*(?:「[^「」]*」[^「」]*)*)」"), re.compile(r"『(?P<q>[^『』]+)』"),
               re.compile(r"“(?P<q>[^”]+)”"), re.compile(r'"(?P<q>[^"]+)"'), re.compile(r"‘(?P<q>[^’]+)’")]

# Below three words a "quote" is a term in scare quotes ("tensions"), not speech.
MIN_QUOTE_WORDS = 3


def extract_quotes(text: str) -> list[Quote]:
    """Direct quotes of three words or more in English `text`, in reading order."""
    found: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for pattern in _EN_QUOTES:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            inner = m.group("q").strip()
            if len(inner.split()) >= MIN_QUOTE_WORDS and not _is_title(inner):
                taken.append((m.start(), m.end()))
                found.append(Quote(inner, Span(m.group(0), m.start(), m.end())))
    return sorted(found, key=lambda q: q.span.start)


def _is_title(text: str) -> bool:
    """'Interview with the Vampire': a work's title in quotes (Chinese writes 《》), not speech."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    minor = {"a", "an", "the", "of", "and", "in", "on", "with", "for", "to", "at", "by", "from"}
    major = [w for w in words if w.lower() not in minor]
    speech_end = text.rstrip().endswith((".", "!", "?"))  # a trailing comma is US quote style
    return 0 < len(words) <= 8 and bool(major) and all(w[0].isupper() for w in major) and not speech_end


def extract_target_quotes(text: str) -> list[Quote]:
    """Quoted spans of a Japanese or Chinese text (outermost marks only), in reading order."""
    found: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for pattern in _CJK_QUOTES:
        for m in pattern.finditer(text):
            if any(s <= m.start() and m.end() <= e for s, e in taken):
                continue  # a quote inside a quote
            taken.append((m.start(), m.end()))
            found.append(Quote(m.group("q").strip(), Span(m.group(0), m.start(), m.end())))
    for unpaired in (_opened_only, _closed_only):
        if quote := unpaired(text, taken):
            found.append(quote)
    return sorted(found, key=lambda q: q.span.start)


_MARKS = ("“”", "「」", "『』")

_WORDS = re.compile(r"\w")  # a letter, digit or CJK character: more than marks and spaces


def _opened_only(text: str, taken: list[tuple[int, int]]) -> Quote | None:
    """A quote opened and never closed runs to the end (human references do it: “年轻、精力充沛…);
    an opening mark at the very end closes it (“我们拿不到退款……出发了。“)."""
    for opening, closing in _MARKS:
        at, end = text.rfind(opening), len(text)
        if at >= 0 and not _WORDS.search(text[at + 1:]):
            at, end = text.rfind(opening, 0, at), at
        if at >= 0 and closing not in text[at:end] and not any(s <= at < e for s, e in taken) \
                and _WORDS.search(text[at + 1:end]):
            return Quote(text[at + 1:end].strip(), Span(text[at:len(text)], at, len(text)))
    # A straight mark opens and closes alike: an odd one out opens a quote that runs to the end
    # (她补充说："作为父母……, as MT writes it).
    at = text.rfind('"')
    if text.count('"') % 2 and not any(s <= at < e for s, e in taken) and _WORDS.search(text[at + 1:]):
        return Quote(text[at + 1:].strip(), Span(text[at:], at, len(text)))
    return None


def _closed_only(text: str, taken: list[tuple[int, int]]) -> Quote | None:
    """A quote closed and never opened runs from the start: a segment that goes on with a quote
    opened in the one before (岩石上长出了这种奇怪的藻类。”)."""
    for opening, closing in _MARKS:
        at = text.find(closing)
        if at > 0 and opening not in text[:at] and not any(s <= at < e for s, e in taken) \
                and _WORDS.search(text[:at]):
            return Quote(text[:at].strip(), Span(text[:at + 1], 0, at + 1))
    return None
