"""Sentence splitting for English, Japanese and Chinese (pysbd, with a fix for CJK quotes)."""

from __future__ import annotations

import re
from functools import cache

import pysbd

from pipeline.article import Article, Segment

# pysbd's language codes for ours.
_PYSBD_LANG = {"en": "en", "ja": "ja", "zh-Hans": "zh", "zh-Hant": "zh", "zh": "zh"}
# pysbd can split between a sentence-final mark and its closing quote (“完全合法。” → “完全合法。 | ”);
# a segment that starts with closing punctuation belongs to the one before.
_LEADING_CLOSERS = re.compile(r"^[”’」』）)\]】〕》〉\"']+")


@cache
def _segmenter(lang: str) -> pysbd.Segmenter:
    try:
        code = _PYSBD_LANG[lang]
    except KeyError:
        raise ValueError(f"no sentence splitter for {lang!r}; known: {sorted(_PYSBD_LANG)}") from None
    return pysbd.Segmenter(language=code, clean=False)


def split_sentences(text: str, lang: str = "en") -> list[str]:
    """Split `text` into sentences, stripped, none empty; paragraph breaks always split.

    Args:
        text: the text to split.
        lang: "en", "ja", "zh-Hans" or "zh-Hant".

    Returns:
        The sentences in order. Joining them loses only whitespace.
    """
    sentences: list[str] = []
    for paragraph in split_paragraphs(text):
        for piece in _segmenter(lang).segment(paragraph):
            piece = piece.strip()
            if not piece:
                continue
            closer = _LEADING_CLOSERS.match(piece)
            if closer and sentences and lang != "en":
                sentences[-1] += closer.group(0)
                piece = piece[closer.end():].strip()
                if not piece:
                    continue
            sentences.append(piece)
    return sentences


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; single newlines inside one are kept as spaces."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [" ".join(line.strip() for line in b.splitlines() if line.strip()) for b in blocks if b.strip()]


def split_segments(text: str, unit: str = "sentence", max_paragraph_chars: int = 400) -> list[str]:
    """English translation units: sentences, or paragraphs with long ones cut into sentences."""
    if unit == "sentence":
        return split_sentences(text, "en")
    if unit != "paragraph":
        raise ValueError(f"unknown segment unit {unit!r}; expected 'sentence' or 'paragraph'")
    segments: list[str] = []
    for paragraph in split_paragraphs(text):
        if len(paragraph) <= max_paragraph_chars:
            segments.append(paragraph)
        else:
            segments.extend(split_sentences(paragraph, "en"))
    return segments


def segment_article(article: Article, unit: str, max_paragraph_chars: int) -> list[Segment]:
    """The title (if any), then the body's sentences or short paragraphs, numbered in order."""
    segments: list[Segment] = []
    if article.title:
        segments.append(Segment(index=0, text=article.title, kind="title"))
    for number, paragraph in enumerate(split_paragraphs(article.text)):
        for text in split_segments(paragraph, unit, max_paragraph_chars):
            kind = "paragraph" if unit == "paragraph" and text == paragraph else "sentence"
            segments.append(Segment(index=len(segments), text=text, kind=kind, paragraph=number))
    return segments
