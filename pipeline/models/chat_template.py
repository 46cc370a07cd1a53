"""A chat model's prompt for one request, through its tokenizer's chat template: shared by the
transformers generator (chat.py) and the llama.cpp one (llama_cpp.py), which run the same tokens."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from pipeline.models.base import Request
from pipeline.models.fence import fence, neutralise


class ChatPrompts:
    """Templated prompt text for requests; a subclass sets `tokenizer` (a transformers tokenizer)."""

    tokenizer: Any

    def prompt(self, request: Request) -> str:
        """The templated prompt text for one request: the system message, the worked examples, the
        request's own notes (a system message of their own where the template allows one after
        other turns, so that the first stays shared), then the fenced text (and the task said
        again) as the user's turn."""
        special = self._special_tokens
        instruction, notes = neutralise(request.instruction, special), neutralise(request.notes, special)
        if notes and not self._later_system_messages:
            instruction, notes = f"{instruction} {notes}".strip(), ""
        messages = [{"role": "system", "content": instruction}] if instruction else []
        for text, answer in request.examples:
            messages += [{"role": "user", "content": fence(text, special)}, {"role": "assistant", "content": answer}]
        if notes:
            messages.append({"role": "system", "content": notes})
        user = fence(request.text, special) + (f"\n\n{request.task}" if request.task else "")
        messages.append({"role": "user", "content": user})
        return self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` without any template."""
        return len(self.tokenizer(text, add_special_tokens=False).input_ids)

    @cached_property
    def _special_tokens(self) -> tuple[str, ...]:
        """Every special or added token's text: inside article text each is broken up (models/fence.py)."""
        added = [t.content for t in self.tokenizer.added_tokens_decoder.values()]
        return tuple(set(self.tokenizer.all_special_tokens) | set(added))

    @cached_property
    def _later_system_messages(self) -> bool:
        """Whether the chat template renders a system message after the first one, right after it
        or after other turns (Qwen's does; some templates refuse one or drop it); if not, a
        request's notes join the first system message."""
        probes = ([{"role": "system", "content": "a"}, {"role": "system", "content": "d-later"},
                   {"role": "user", "content": "e"}],
                  [{"role": "system", "content": "a"}, {"role": "user", "content": "b"},
                   {"role": "assistant", "content": "c"}, {"role": "system", "content": "d-later"},
                   {"role": "user", "content": "e"}])
        try:
            return all("d-later" in self.tokenizer.apply_chat_template(p, tokenize=False, add_generation_prompt=True)
                       for p in probes)
        except Exception:  # noqa: BLE001 - templates raise what they like (jinja's TemplateError, ...)
            return False
