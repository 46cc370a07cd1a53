"""Draft tokens for a decoding row, looked up in text its output is likely to repeat.

A summary copies phrases of its article, and a re-translation most of the translation it
replaces: the tokens that followed the row's last few output tokens in that text are a good guess
of its next ones, and one forward pass checks several guesses at about the cost of one token when
few rows decode (weights, not arithmetic, bound a step of a few rows on this CPU). This is prompt
lookup decoding; transformers offers it only inside generate() for one row at a time
(`prompt_lookup_num_tokens`), and decode.py has its own loop, so the lookup is written here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Drafting:
    """Draft lookup for one decoding call: each row's reference, and when and how far to draft."""

    references: list[list[int]]  # per row, in input order: its prompt, and text it may repeat
    tokens: int  # draft tokens checked per row and step, at most
    rows: int  # draft only while at most this many rows decode (more rows: a step costs arithmetic)


class Lookup:
    """The reference text's n-grams (n = 1 … `ngram`), each mapped to where its last occurrence ends."""

    def __init__(self, reference: list[int], ngram: int = 3):
        self.reference = reference
        self.ngram = ngram
        self.index: dict[tuple[int, ...], int] = {}
        for n in range(1, ngram + 1):
            for start in range(len(reference) - n):  # an n-gram at the very end has nothing after it
                self.index[tuple(reference[start:start + n])] = start + n

    def propose(self, context: list[int], k: int) -> list[int]:
        """Up to `k` tokens that followed the longest n-gram ending `context` in the reference."""
        for n in range(min(self.ngram, len(context)), 0, -1):
            end = self.index.get(tuple(context[-n:]))
            if end is not None:
                return self.reference[end:end + k]
        return []
