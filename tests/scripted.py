"""A scripted stand-in for a model: answers chosen by the test, every request recorded."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.models.base import Generation, Request, ResolvedModel


class ScriptedGenerator:
    """Implements TextGenerator; `answer(request)` gives the text of each generation."""

    family = "chat"

    def __init__(self, answer: Callable[[Request], str], hit_limit: Callable[[Request], bool] | None = None,
                 logprob: Callable[[str], float] | None = None):
        self.answer = answer
        self.hit_limit = hit_limit or (lambda request: False)
        self.logprob = logprob or (lambda text: -1.0)
        self.requests: list[Request] = []
        self.resolved = ResolvedModel("scripted", None, "scripted-model", None, None)

    def count_tokens(self, text: str) -> int:
        """One token per whitespace-separated word (enough for budgets in tests)."""
        return len(text.split())

    def generate(self, requests: list[Request]) -> list[Generation]:
        """Answer every request in order, recording it."""
        self.requests.extend(requests)
        out = []
        for r in requests:
            text = self.answer(r)
            out.append(Generation(text, len(text), self.hit_limit(r), self.logprob(text) if r.sample else None))
        return out
