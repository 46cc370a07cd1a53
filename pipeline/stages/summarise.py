"""The English summary: one call for a short article, map-reduce over chunks for a long one."""

from __future__ import annotations

import logging

from pipeline.article import Article, Segment, Summary
from pipeline.config import SummaryConfig
from pipeline.models.base import Request, TextGenerator
from pipeline.models.fence import fence_rule
from pipeline.stages.cleanup import clean_summary
from pipeline.stages.segment import split_sentences

logger = logging.getLogger(__name__)

# Small chat models follow a task stated after the article better than one in the system prompt
# (measured on the example: 6 condensed sentences instead of 10 copied ones).
SYSTEM = ("You are a news editor. You write short, factual English summaries of news articles. "
          + fence_rule("summarise it"))
TASK = (
    "Summarise this article in {low} to {high} short sentences of your own words: the main event, "
    "who reacted and how, and the key figures. Keep names and numbers exactly as in the article "
    "and add nothing it does not say. Reply with the summary only."
)
MERGE_TASK = (
    "These are partial summaries of one long news article, in order. Merge them into one summary "
    "of {low} to {high} short sentences. Keep names and numbers exactly and add nothing. Reply "
    "with the summary only."
)


def chunk_sentences(sentences: list[str], budget: int, count_tokens) -> list[list[str]]:
    """Group consecutive sentences into chunks of at most `budget` tokens each.

    A single sentence longer than the budget becomes a chunk of its own (and is still sent
    whole): sentences are never cut.
    """
    chunks: list[list[str]] = []
    current: list[str] = []
    used = 0
    for sentence in sentences:
        cost = count_tokens(sentence) + 1
        if current and used + cost > budget:
            chunks.append(current)
            current, used = [], 0
        current.append(sentence)
        used += cost
    if current:
        chunks.append(current)
    return chunks


class Summariser:
    """Writes `article.summary`. Settings come from SummaryConfig."""

    # Merging rounds are bounded: each round shrinks the text by about chunk/summary length.
    MAX_MERGE_ROUNDS = 4

    def __init__(self, generator: TextGenerator, settings: SummaryConfig, max_input_tokens: int):
        self.generator = generator
        self.settings = settings
        # Leave room for the instruction and the chat template inside the model's window.
        self.budget = max(64, min(settings.chunk_tokens, max_input_tokens - 256))

    def _request(self, text: str, task: str) -> Request:
        """A chat model gets the text, then the task; a seq2seq summariser gets the text alone."""
        if self.generator.family != "chat":
            return Request(text=text, max_new_tokens=self.settings.max_new_tokens)
        task = task.format(low=self.settings.min_sentences, high=self.settings.max_sentences)
        return Request(text=text, instruction=SYSTEM, max_new_tokens=self.settings.max_new_tokens, task=task)

    def summarise(self, article: Article, requirements: str = "") -> Summary:
        """Summarise `article` (title and body) and return the Summary with its segments.

        `requirements`: added to the final task (the facts to keep after an invented one).
        """
        if self.generator.family == "chat":
            heading = f"Article:\nTitle: {article.title}\n\n" if article.title else "Article:\n"
        else:
            heading = f"{article.title}\n" if article.title else ""
        body = article.text
        notes: list[str] = []
        chunks = 1
        text = heading + body
        if self.generator.count_tokens(text) > self.budget:
            sentences = split_sentences(body, "en")
            for round_number in range(1, self.MAX_MERGE_ROUNDS + 1):
                groups = chunk_sentences(sentences, self.budget, self.generator.count_tokens)
                if len(groups) == 1:
                    break
                if round_number == 1:
                    chunks = len(groups)
                notes.append(f"round {round_number}: summarised {len(groups)} chunks of at most "
                             f"{self.budget} tokens, then merged")
                partials = self.generator.generate(
                    [self._request("Article (part):\n" + " ".join(g), TASK) for g in groups]
                )
                sentences = [clean_summary(p.text) for p in partials if p.text.strip()]
            text = "Partial summaries:\n" + " ".join(sentences)
            task = MERGE_TASK
        else:
            task = TASK
        if requirements:
            task = f"{task} {requirements}"
        result = self.generator.generate([self._request(text, task)])[0]
        return self._finish(clean_summary(result.text), chunks, result.hit_limit, notes)

    def _finish(self, text: str, chunks: int, truncated: bool, notes: list[str]) -> Summary:
        sentences = split_sentences(text, "en")
        high, low = self.settings.max_sentences, self.settings.min_sentences
        if len(sentences) > high:
            notes.append(f"model wrote {len(sentences)} sentences; kept the first {high} "
                         "(summary.max_sentences)")
            sentences = sentences[:high]
        elif len(sentences) < low:
            notes.append(f"model wrote {len(sentences)} sentences, fewer than summary.min_sentences={low}")
        if truncated:
            notes.append("summary hit summary.max_new_tokens: its last sentence may be cut")
        for note in notes:
            logger.info("summary: %s", note)
        segments = [Segment(index=i, text=s) for i, s in enumerate(sentences)]
        return Summary(text=" ".join(sentences), segments=segments, chunks=chunks,
                       truncated=truncated, notes=notes)
