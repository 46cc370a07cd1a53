"""The one small interface every model family offers the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class ModelLoadError(RuntimeError):
    """The configured model cannot be loaded or used as configured (one line, naming the model)."""


@dataclass(frozen=True)
class Request:
    """One generation: an instruction (chat models only), the text, and the target language.

    Chat models put `text` between fence tags (models/fence.py): it is data, never an
    instruction. Seq2seq models ignore `instruction`, `examples`, `notes` and `task`; they use
    `target_lang` to pick their language code.
    """

    text: str
    instruction: str = ""
    target_lang: str | None = None
    max_new_tokens: int = 256
    sample: bool = False  # one sampled candidate (repair) instead of the configured decoding
    # Text the output will likely repeat (a re-translation: the translation it replaces): a
    # decoding aid only (draft lookup, models/draft_lookup.py), so no cache key includes it.
    draft: str = ""
    # Worked examples, (text, answer) pairs, as earlier turns of the conversation: shown, not told,
    # how fenced text that reads like an order is handled. The same for every request of a language,
    # so the prompt cache runs them once.
    examples: tuple[tuple[str, str], ...] = ()
    # Notes for this request alone (renderings, a repair's requirements): a system message after
    # the examples, so that the shared part of the prompt stays shared.
    notes: str = ""
    # What to do, said again after the fenced text in the user's turn (the summary's task).
    task: str = ""


@dataclass(frozen=True)
class Generation:
    """What came back for one request."""

    text: str
    new_tokens: int
    hit_limit: bool  # stopped at max_new_tokens rather than at an end-of-sequence token
    mean_logprob: float | None = None  # of the kept tokens; computed for sampled requests only


@dataclass(frozen=True)
class ResolvedModel:
    """Where from_pretrained should look, and how the manifest names the model."""

    location: str  # a directory or a hub id
    gguf_file: str | None
    model_id: str
    revision: str | None
    sha256: str | None  # of the GGUF file when there is one; None for a hub/local folder


class TextGenerator(Protocol):
    """A loaded model: chat (causal LM + chat template) or seq2seq (encoder-decoder)."""

    family: str
    resolved: ResolvedModel

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` alone, as the model's tokenizer counts them."""

    def generate(self, requests: list[Request]) -> list[Generation]:
        """One Generation per request, in request order (batched internally)."""
