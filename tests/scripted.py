"""A scripted stand-in for a model: answers chosen by the test, every request recorded."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.models.base import Generation, Request, ResolvedModel


class ScriptedGenerator:
    """Implements TextGenerator; `answer(request)` gives the text of each generation."""

    family = "chat"

    def __init__(self, answer: Callable[[Request], str], hit_limit: Callable[[Request], bool] | None = None):
        self.answer = answer
        self.hit_limit = hit_limit or (lambda request: False)
        self.requests: list[Request] = []
        self.resolved = ResolvedModel("scripted", None, "scripted-model", None, None)

    def count_tokens(self, text: str) -> int:
        """One token per whitespace-separated word (enough for budgets in tests)."""
        return len(text.split())

    def generate(self, requests: list[Request]) -> list[Generation]:
        """Answer every request in order, recording it."""
        self.requests.extend(requests)
        return [Generation(self.answer(r), len(self.answer(r)), self.hit_limit(r)) for r in requests]
