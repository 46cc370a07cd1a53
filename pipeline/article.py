"""Record types that flow through the pipeline: an Article and what the steps add to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.fidelity.facts import LANGS

# The target languages of the product, in report order: the validator's (BCP-47 tags, as users
# write them), written once there.
TARGET_LANGS: tuple[str, ...] = LANGS
LANG_NAMES: dict[str, str] = {
    "ja": "Japanese",
    "zh-Hans": "Simplified Chinese",
    "zh-Hant": "Traditional Chinese (Hong Kong)",
}


@dataclass
class Segment:
    """One unit of translation: the title, a sentence or a short paragraph of the source."""

    index: int
    text: str
    kind: str = "sentence"  # "title" | "sentence" | "paragraph"
    paragraph: int = 0  # which source paragraph it came from, to rebuild the layout


@dataclass
class SegmentTranslation:
    """The translation of one source segment into one language."""

    text: str
    truncated: bool = False  # generation hit max_new_tokens: the end may be missing
    new_tokens: int = 0
    method: str = "model"  # "model" | "opencc" (zh-Hant converted from zh-Hans)


@dataclass
class Summary:
    """The English summary and how it was made."""

    text: str
    segments: list[Segment] = field(default_factory=list)
    chunks: int = 1  # > 1: the article exceeded the window and was summarised map-reduce
    truncated: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class Article:
    """One news article. Steps add the summary and translations; they never remove anything."""

    id: str
    text: str
    title: str = ""
    date: str = ""
    source: str = ""
    path: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    summary: Summary | None = None
    # translations[part][lang] is aligned one-to-one with the part's segments.
    translations: dict[str, dict[str, list[SegmentTranslation]]] = field(default_factory=dict)
    fidelity: dict[str, Any] | None = None  # the validator's findings per language and segment
    # repairs[part][lang]: one record per segment that had error findings (pipeline.stages.repair).
    repairs: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    summary_check: dict[str, Any] | None = None  # names and figures of the summary the article lacks
    timings: dict[str, float] = field(default_factory=dict)
    validator_seconds_in_repair: float = 0.0  # inside the repair stage's time

    def english(self) -> str:
        """The article's English and its summary's, a segment a line: the document every
        translated segment is checked within (a count a segment leaves implicit is stated here)."""
        summary = self.summary.segments if self.summary else []
        return "\n".join(s.text for s in [*self.segments, *summary])

    def source_segments(self, part: str) -> list[Segment]:
        """The source segments of `part` ("article" or "summary")."""
        if part == "article":
            return self.segments
        if part == "summary":
            return self.summary.segments if self.summary else []
        raise ValueError(f"unknown part {part!r}; expected 'article' or 'summary'")
