"""Requests queued to run with the next generate() call, and answered later from memory.

The summary is one long generation: alone in its batch, it decodes one row a step, and on this
CPU a step of one row costs nearly as much as a step of several. The article's translation
requests do not depend on it, so they are queued here and ride in the summary's generate() call
(pipeline/models/decode.py lets each row leave the batch when it ends); the translator then
finds their outputs here instead of generating them again. Callers see a plain TextGenerator.
"""

from __future__ import annotations

from typing import Any

from pipeline.models.base import Generation, Request


class RunAhead:
    """Wraps a TextGenerator; `queue()` requests, and the next call that has work runs them too."""

    def __init__(self, generator: Any):
        self.generator = generator
        self._queued: list[Request] = []
        self._ready: dict[Request, list[Generation]] = {}

    def __getattr__(self, name: str) -> Any:  # family, count_tokens, prompt ...: the wrapped generator's
        return getattr(self.generator, name)

    def queue(self, requests: list[Request]) -> None:
        """Run `requests` with the next generate() call that has requests of its own."""
        self._queued.extend(requests)

    def forget(self) -> None:
        """Drop what is queued or ready (an article failed or is done)."""
        self._queued, self._ready = [], {}

    def generate(self, requests: list[Request]) -> list[Generation]:
        results: list[Generation | None] = []
        fresh: list[Request] = []
        for request in requests:
            ready = self._ready.get(request)
            results.append(ready.pop(0) if ready else None)
            if results[-1] is None:
                fresh.append(request)
        if fresh:
            ahead, self._queued = self._queued, []
            outputs = self.generator.generate(fresh + ahead)
            for request, output in zip(ahead, outputs[len(fresh):], strict=True):
                self._ready.setdefault(request, []).append(output)
            answers = iter(outputs[:len(fresh)])
            results = [r if r is not None else next(answers) for r in results]
        return results  # type: ignore[return-value]
