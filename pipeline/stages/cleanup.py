"""Strip what chat models wrap around an answer: preambles, whole-answer quotes, echoed English."""

from __future__ import annotations

import re

from pipeline.models.fence import unfence

# "Here is the translation:", "Translation:", "以下是翻译：", "翻訳：", "Summary:" on their own.
_PREAMBLE = re.compile(
    r"^\s*(?:(?:sure|certainly|of course)[,!.]?\s*)?(?:here(?: is|'s)[^:\n：]{0,60}|"
    r"(?:the )?(?:japanese |chinese |simplified chinese |traditional chinese )?"
    r"(?:translation|translated text|summary)(?: in [a-z ()]+)?|以下是[^:\n：]{0,20}|"
    r"翻[译譯訳](?:如下|结果|結果)?|日本語訳|中文翻译|中文翻譯|要約|摘要)\s*[:：]\s*",
    re.IGNORECASE,
)
# Quote pairs a model may wrap the whole answer in.
_WRAPPERS = [('"', '"'), ("“", "”"), ("「", "」"), ("『", "』"), ("'", "'"), ("‘", "’")]
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_TRAILING_NOTE = re.compile(r"\n\s*\n\s*(?:\(|（)?(?:note|注|注意|备注|備註|説明)\b.*$", re.I | re.S)
# The answer told again under a label on a line of its own: "（訳：ティム・ホワイトハウス、…" (cut off).
_TRAILING_RETELLING = re.compile(r"\n\s*[（(]\s*(?:訳|翻訳|訳文|译文|翻译|翻譯|translation)\s*[:：].*$", re.I | re.S)


def clean_translation(output: str, source: str) -> str:
    """The translation alone, from a chat model's raw answer to translating `source`.

    Args:
        output: the decoded answer.
        source: the English segment that was translated (to spot an echo of it).

    Returns:
        The answer without fence tags it copied, without a preamble, without quotes around the
        whole answer (unless the source itself is wholly quoted), without a leading copy of the
        English, and without a trailing note paragraph or a labelled second telling of the answer.
    """
    text = unfence(output)
    text = _TRAILING_NOTE.sub("", text).strip()
    text = _TRAILING_RETELLING.sub("", text).strip()
    text = _PREAMBLE.sub("", text, count=1).strip()
    if text.startswith(source.strip()) and len(text) > len(source.strip()):
        text = text[len(source.strip()):].strip()
    lines = [line for line in text.splitlines() if line.strip()]
    # An English first line followed by CJK lines is an echo or a preamble we did not know.
    while len(lines) > 1 and not _CJK.search(lines[0]) and _CJK.search(" ".join(lines[1:])):
        lines.pop(0)
    text = "\n".join(line.strip() for line in lines)
    text = _PREAMBLE.sub("", text, count=1).strip()
    return _unwrap(text, source)


def _unwrap(text: str, source: str) -> str:
    src = source.strip()
    source_quoted = any(src.startswith(o) and src.endswith(c) for o, c in _WRAPPERS)
    for opening, closing in _WRAPPERS:
        inner = text[len(opening):-len(closing)] if len(text) > 2 else ""
        if (
            text.startswith(opening)
            and text.endswith(closing)
            and not source_quoted
            and opening not in inner
            and closing not in inner
        ):
            return inner.strip()
    return text


def clean_summary(output: str) -> str:
    """A summary without preamble, bullets or numbering: plain sentences."""
    text = _PREAMBLE.sub("", unfence(output), count=1)
    lines = [re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip() for line in text.splitlines()]
    return " ".join(line for line in lines if line)
