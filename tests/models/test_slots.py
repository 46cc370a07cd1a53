"""Continuous batching over per-sequence caches (pipeline/models/slots.py), checked against the
transformers generator with a runtime that recomputes each slot's whole history: a wrong
position, a wrong copied prefix or a row fed twice changes the outputs."""

import numpy as np
import pytest
import torch

from pipeline.config import GenerationConfig, ModelConfig
from pipeline.models.base import Request
from pipeline.models.loading import load_generator
from pipeline.models.sampling import decode_batch
from pipeline.models.slots import OutOfCache, decode_slots

SENTENCES = ["Japan has criticised China's decision.", "Minoru Kihara addressed reporters on Wednesday.",
             "It could cost 660 billion yen.", "Beijing has since been demanding a retraction.",
             "木原稔官房長官は記者会見した。", "Shares fell 2.3% in Tokyo."]
INSTRUCTIONS = ["Translate into Japanese.", "Translate into Japanese.", "Translate into Chinese.",
                "Translate into Japanese.", "Translate into Chinese.", "Summarise."]
LIMITS = [12, 5, 9, 7, 11, 3]


class HistoryRuntime:
    """A SlotRuntime whose logits come from running the model on the slot's whole token history."""

    def __init__(self, model, slots: int, feed_limit: int, capacity: int = 10**6):
        self.model, self.slots, self.feed_limit, self.capacity = model, slots, feed_limit, capacity
        self.history: dict[int, list[int]] = {i: [] for i in range(slots)}
        self.held = [[] for _ in range(slots)]  # the scheduler's own record
        self.fed = 0
        self.out_of_cache = 0

    def evaluate(self, feed):
        assert 0 < len(feed) <= self.feed_limit
        if sum(map(len, self.history.values())) + len(feed) > self.capacity:
            self.out_of_cache += 1
            raise OutOfCache("full")
        for slot, position, token, _ in feed:
            assert position == len(self.history[slot]), "positions of a slot must follow on"
            self.history[slot].append(token)
        self.fed += len(feed)
        with torch.inference_mode():
            rows = [self.model(input_ids=torch.tensor([self.history[slot][:position + 1]])).logits[0, -1]
                    for slot, position, _, wanted in feed if wanted]
        return torch.stack(rows).float().numpy() if rows else np.empty((0, self.model.config.vocab_size), np.float32)

    def truncate(self, slot, length):
        del self.history[slot][length:]

    def copy_prefix(self, source, target, length):
        assert not self.history[target]
        self.history[target] = self.history[source][:length]


@pytest.fixture(scope="module")
def generator(tiny_models):
    config = ModelConfig(source="local", name=str(tiny_models["chat"]), dtype="float32", cache_generations=False,
                         batch_size=1, share_prefix=False)
    return load_generator(config, GenerationConfig())


def _requests(sample=False):
    return [Request(s, i, "ja", n, sample=sample) for s, i, n in zip(SENTENCES, INSTRUCTIONS, LIMITS, strict=True)]


def _rows(generator, requests):
    return [generator.tokenizer(generator.prompt(r), add_special_tokens=False).input_ids for r in requests]


@pytest.mark.parametrize(("slots", "feed_limit", "tight"), [(1, 64, False), (3, 16, False), (4, 9, False),
                                                            (3, 16, True)])
def test_slots_give_the_one_at_a_time_outputs(generator, slots, feed_limit, tight):
    requests = _requests()
    expected = generator.generate(requests)
    rows = _rows(generator, requests)
    # Tight: room for two rows at a time, so that finished rows must give their cells back.
    capacity = 2 * (max(map(len, rows)) + max(LIMITS)) if tight else 10**6
    runtime = HistoryRuntime(generator.model, slots, feed_limit, capacity)
    new, _ = decode_slots(runtime, rows, LIMITS, generator.stops)
    got = decode_batch(generator.tokenizer, new, LIMITS, generator.stops)
    assert [(g.text, g.new_tokens, g.hit_limit) for g in got] == [
        (g.text, g.new_tokens, g.hit_limit) for g in expected]
    if slots > 1:  # prompts that start alike were fed only from where they differ
        assert runtime.fed < sum(map(len, rows)) + sum(g.new_tokens for g in got)
    if tight:
        assert runtime.out_of_cache, "the small cache must have filled: finished rows gave their cells back"


def test_a_full_cache_with_nothing_to_give_back_is_an_error(generator):
    runtime = HistoryRuntime(generator.model, 2, 16, capacity=10)
    with pytest.raises(OutOfCache):
        decode_slots(runtime, _rows(generator, _requests()[:1]), [4], generator.stops)


def test_sampled_rows_are_seeded_and_carry_log_probabilities(generator):
    requests = _requests(sample=True)
    rows = _rows(generator, requests)

    def draw(seed):
        new, logprobs = decode_slots(HistoryRuntime(generator.model, 3, 16), rows, LIMITS, generator.stops,
                                     (1.0, 0.9), seed)
        return decode_batch(generator.tokenizer, new, LIMITS, generator.stops, logprobs)

    first, again, other = draw(1), draw(1), draw(2)
    assert [g.text for g in first] == [g.text for g in again]
    assert [g.text for g in first] != [g.text for g in other]
    assert all(g.mean_logprob is not None and g.mean_logprob <= 0 for g in first)


def test_a_later_call_starts_from_the_prompts_an_earlier_one_left_in_the_cache(generator):
    requests = _requests()
    rows = _rows(generator, requests)
    runtime = HistoryRuntime(generator.model, 3, 16)
    first, _ = decode_slots(runtime, rows, LIMITS, generator.stops)
    assert runtime.held == [runtime.history[i] for i in range(3)]  # the record is what the cache holds
    fed = runtime.fed
    again, _ = decode_slots(runtime, rows[:3], LIMITS[:3], generator.stops)
    assert again[:, :max(LIMITS[:3])].tolist() == first[:3, :max(LIMITS[:3])].tolist()
    prompts = sum(map(len, rows[:3]))
    assert runtime.fed - fed < prompts  # most of each prompt was already there


def test_rows_that_share_a_system_prompt_feed_it_once(generator):
    requests = [Request(s, "Translate the text into Japanese, keeping every name and figure.", "ja", 4)
                for s in SENTENCES]
    rows = _rows(generator, requests)
    shared = min(next(i for i, (a, b) in enumerate(zip(rows[0], r, strict=False)) if a != b) for r in rows[1:])
    runtime = HistoryRuntime(generator.model, 6, 64)
    new, _ = decode_slots(runtime, rows, [4] * len(rows), generator.stops)
    outputs = decode_batch(generator.tokenizer, new, [4] * len(rows), generator.stops)
    chosen = [g.new_tokens + (not g.hit_limit) for g in outputs]  # a stop token is chosen too
    prompt_fed = runtime.fed - sum(c - 1 for c in chosen)  # each chosen token but the last is fed back
    assert prompt_fed <= sum(map(len, rows)) - (len(rows) - 1) * shared
