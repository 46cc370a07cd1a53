"""Both model families through the loading code users hit, with tiny models built by the tests."""

import json
import shutil

import pytest

from pipeline.config import GenerationConfig, ModelConfig
from pipeline.models.base import Request
from pipeline.models.loading import ModelLoadError, load_generator
from pipeline.models.prefill import prefix_groups, shared_prefix_length

SENTENCES = [
    "Japan has criticised China's decision to ban exports of dual-use goods.",
    "Minoru Kihara addressed reporters on Wednesday.",
    "It could cost Japanese businesses 660 billion yen.",
    "木原稔官房長官は記者会見した。",
    "Beijing has since been demanding that Takaichi retracts her statement.",
]
M2M_CODES = {"ja": "__ja__", "zh-Hans": "__zh__"}


def local(**settings) -> ModelConfig:
    """A tiny local model as the tests load it: float32 (the reference arithmetic), no generation cache."""
    return ModelConfig(source="local", dtype="float32", cache_generations=False, **settings)


def chat(tiny_models, batch_size):
    return load_generator(local(name=str(tiny_models["chat"]), batch_size=batch_size),
                          GenerationConfig())


def m2m(tiny_models, batch_size=4, **extra):
    config = local(name=str(tiny_models["m2m100"]), family="seq2seq",
                         batch_size=batch_size, lang_codes=M2M_CODES, source_lang_code="__en__", **extra)
    return load_generator(config, GenerationConfig())


def requests(lang="ja", limits=(12, 5, 9, 7, 11)):
    return [Request(s, "Translate into Japanese.", lang, n) for s, n in zip(SENTENCES, limits, strict=True)]


def test_chat_batched_equals_one_at_a_time_and_keeps_order(tiny_models):
    one_by_one = chat(tiny_models, 1).generate(requests())
    batched = chat(tiny_models, 3).generate(requests())
    assert [g.text for g in batched] == [g.text for g in one_by_one]
    assert len({g.text for g in batched}) > 1  # outputs depend on the input


@pytest.mark.parametrize("instructions", [("Translate into Japanese.",) * 5,  # one system prompt shared
                                          ("Translate.", "Translate into Japanese.", "Hints: Kihara → 木原稔.",
                                           "Translate.", "Translate into Chinese.")])
def test_the_shared_prefix_prefill_gives_the_plain_outputs(tiny_models, instructions):
    def run(share_prefix):
        config = local(name=str(tiny_models["chat"]), batch_size=5, share_prefix=share_prefix)
        reqs = [Request(s, i, "ja", n) for s, i, n in zip(SENTENCES, instructions, (12, 5, 9, 7, 11), strict=True)]
        return load_generator(config, GenerationConfig()).generate(reqs)

    fast, plain = run(True), run(False)
    assert [(g.text, g.new_tokens) for g in fast] == [(g.text, g.new_tokens) for g in plain]


@pytest.mark.parametrize("attention", ["sdpa", "eager"])
@pytest.mark.parametrize("pack_tokens", [4096, 40])  # one forward; several
def test_packed_prefill_gives_every_row_the_cache_it_gets_alone(tiny_models, monkeypatch, attention, pack_tokens):
    import torch
    from transformers import DynamicCache

    from pipeline.models import prefill as prefill_module

    monkeypatch.setattr(prefill_module, "PACK_TOKENS", pack_tokens)
    generator = chat(tiny_models, 5)
    generator.model.set_attn_implementation(attention)
    instructions = ("Translate.", "Translate into Japanese.", "Translate into Japanese.", "Translate.", "Hints.")
    rows = [generator.tokenizer(generator.prompt(Request(s, i, "ja", 4)), add_special_tokens=False).input_ids
            for s, i in zip(SENTENCES, instructions, strict=True)]
    body = generator.model.get_decoder()
    forwards = []
    run = body.forward
    monkeypatch.setattr(body, "forward", lambda *a, **k: forwards.append(1) or run(*a, **k))
    _, mask, cache = prefill_module.prefill(generator.model, rows, generator.tokenizer.pad_token_id)
    assert len(forwards) == 1 if pack_tokens > sum(map(len, rows)) else len(forwards) > 1
    for j, row in enumerate(rows):
        alone = DynamicCache()
        with torch.inference_mode():
            run(torch.tensor([row[:-1]]), cache=alone, use_cache=True)
        for layer, own in zip(cache.layers, alone.layers, strict=True):
            width = len(row) - 1
            torch.testing.assert_close(layer.keys[j, :, -width:], own.keys[0], atol=1e-5, rtol=1e-4)
            torch.testing.assert_close(layer.values[j, :, -width:], own.values[0], atol=1e-5, rtol=1e-4)
            assert not layer.keys[j, :, :-width].any()  # left padding
        assert mask[j].sum() == len(row)


def test_a_prompt_that_starts_like_an_earlier_one_runs_from_its_cache_with_the_same_outputs(tiny_models, monkeypatch):
    from pipeline.models.prefill import PromptCache

    monkeypatch.setattr(PromptCache, "MIN_GAIN", 1)  # the tiny prompts are short
    hits = []
    longest = PromptCache.longest

    def recording(self, row, minimum=1):
        found = longest(self, row, minimum)
        hits.append(found[0])
        return found

    monkeypatch.setattr(PromptCache, "longest", recording)

    def run(cache_tokens):
        config = local(name=str(tiny_models["chat"]), batch_size=3,
                             prompt_cache_tokens=cache_tokens)
        generator = load_generator(config, GenerationConfig())
        generator.generate(requests())  # the first pass fills the cache
        hits.clear()
        # Prompts that start as the first pass's did, then go on.
        later = [Request(s + " And more.", "Translate into Japanese.", "ja", 9) for s in SENTENCES]
        return generator.generate(later)

    cached = run(4096)
    # Every later prompt found its first-pass prompt: the system prompt and the whole text.
    first_pass = chat(tiny_models, 1)
    lengths = [len(first_pass.tokenizer(first_pass.prompt(r), add_special_tokens=False).input_ids) for r in requests()]
    # (The first pass's prompt ends with the fence's closing tag, the chat template's end of turn
    # and the assistant's header, 17 tokens of the tiny tokenizer that the later prompts do not share.)
    assert len(hits) == 5 and all(h >= n - 20 for h, n in zip(sorted(hits), sorted(lengths), strict=True))
    plain = run(0)
    assert hits == []  # no cache, no lookups
    assert [(g.text, g.new_tokens) for g in cached] == [(g.text, g.new_tokens) for g in plain]


def test_the_prompt_cache_forgets_the_oldest_prompts_beyond_its_bound():
    import torch
    from transformers import DynamicCache

    from pipeline.models.prefill import PromptCache

    def cache_of(n):
        cache = DynamicCache()
        cache.update(torch.zeros(1, 1, n, 2), torch.zeros(1, 1, n, 2), 0)
        return cache

    store = PromptCache(max_tokens=10)
    store.add([1, 2, 3, 4, 5, 9], cache_of(5))
    assert store.longest([1, 2, 3, 7, 7])[0] == 3
    assert store.longest([1, 2, 3, 7, 7], minimum=4) == (0, None)
    store.add([6, 6, 6, 6, 6, 6, 9], cache_of(6))  # 11 tokens held: the oldest goes
    assert store.longest([1, 2, 3, 7, 7]) == (0, None)
    length, copy = store.longest([6, 6, 6, 6, 1])
    assert length == 4 and copy.get_seq_length() == 4
    store.clear()
    assert store.longest([6, 6, 6, 6, 1]) == (0, None)


def test_dropping_finished_rows_gives_generates_outputs(tiny_models):
    def run(drop):
        config = local(name=str(tiny_models["chat"]), batch_size=5, drop_finished_rows=drop)
        return load_generator(config, GenerationConfig()).generate(requests())  # limits 12, 5, 9, 7, 11

    dropping, plain = run(True), run(False)  # rows leave the batch one by one at their limits
    assert [(g.text, g.new_tokens) for g in dropping] == [(g.text, g.new_tokens) for g in plain]
    assert [g.new_tokens for g in dropping] == [12, 5, 9, 7, 11]


def test_a_row_leaves_the_batch_at_its_stop_token(tiny_models):
    import torch

    from pipeline.models.decode import decode
    from pipeline.models.prefill import prefill

    generator = chat(tiny_models, 5)
    rows = [generator.tokenizer(generator.prompt(r), add_special_tokens=False).input_ids for r in requests()]
    ids, mask, cache = prefill(generator.model, rows, generator.tokenizer.pad_token_id)
    with torch.inference_mode():
        full = generator.model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=12, do_sample=False,
                                        pad_token_id=generator.tokenizer.pad_token_id)[:, ids.shape[1]:]
    # Pretend the token the first row writes fourth is an end of sequence: rows stop at it.
    stop = int(full[0, 3])
    ids, mask, cache = prefill(generator.model, rows, generator.tokenizer.pad_token_id)
    new, _ = decode(generator.model, ids, mask, cache, [12] * 5, {stop})
    for row, expected in zip(new.tolist(), full.tolist(), strict=True):
        cut = expected.index(stop) + 1 if stop in expected else len(expected)
        assert row[:cut] == expected[:cut]
    assert new.shape[1] == max(e.index(stop) + 1 if stop in e else 12 for e in full.tolist())


def test_rows_are_grouped_by_the_system_prompt_they_share():
    template, ja, zh = list(range(10)), list(range(100, 120)), list(range(200, 220))
    rows = [template + ja + [1, 2], template + zh + [3], template + ja + [4, 5, 6], template + zh + [7, 8],
            [900, 901]]
    assert prefix_groups(rows) == [[0, 2], [1, 3], [4]]  # a row sharing nothing starts its own group


def test_the_shared_prefix_leaves_every_row_a_token():
    assert shared_prefix_length([[1, 2, 3, 4], [1, 2, 3, 5, 6]]) == 3
    assert shared_prefix_length([[1, 2, 3], [1, 2, 3, 4]]) == 2  # the shorter row keeps its last token
    assert shared_prefix_length([[7, 2], [1, 2]]) == 0


def test_every_request_gets_its_own_bound_in_a_mixed_batch(tiny_models):
    results = chat(tiny_models, 5).generate(requests())
    assert [g.new_tokens for g in results] == [12, 5, 9, 7, 11]  # random weights never stop early
    assert all(g.hit_limit for g in results)


def test_chat_prompt_uses_the_models_template(tiny_models):
    generator = chat(tiny_models, 1)
    prompt = generator.prompt(Request("Hello.", "Translate.", "ja", 4))
    assert prompt == (
        "<|im_start|>system\nTranslate.<|im_end|>\n<|im_start|>user\n<text>\nHello.\n</text><|im_end|>\n"
        "<|im_start|>assistant\n"
    )
    assert generator.tokenizer.padding_side == "left"


def test_a_chat_model_without_template_is_refused(tiny_models, tmp_path):
    folder = tmp_path / "no-template"
    shutil.copytree(tiny_models["chat"], folder)
    (folder / "chat_template.jinja").unlink(missing_ok=True)
    config_file = folder / "tokenizer_config.json"
    config = json.loads(config_file.read_text())
    config.pop("chat_template", None)
    config_file.write_text(json.dumps(config))
    with pytest.raises(ModelLoadError, match="tokenizer has no chat template"):
        load_generator(local(name=str(folder)), GenerationConfig())


def test_seq2seq_forces_the_language_code_and_keeps_order(tiny_models):
    generator = m2m(tiny_models, batch_size=2)
    mixed = [Request(s, "", lang, 8) for s in SENTENCES[:3] for lang in ("ja", "zh-Hans")]
    results = generator.generate(mixed)
    alone = [generator.generate([r])[0] for r in mixed]
    assert [r.text for r in results] == [a.text for a in alone]
    # The language token changes the output for the same sentence.
    assert results[0].text != results[1].text


def test_seq2seq_prefix_style_puts_the_code_before_the_text(tiny_models):
    generator = m2m(tiny_models, lang_code_style="prefix", input_prefix="translate: ")
    assert generator.source_text(Request("Hi.", "", "ja", 4)) == "__ja__ translate: Hi."


def test_unknown_language_code_is_a_clear_error(tiny_models):
    config = local(name=str(tiny_models["m2m100"]), family="seq2seq",
                         lang_codes={"ja": "__ko__"})
    with pytest.raises(ModelLoadError, match=r"language code .__ko__. for ja is not a token"):
        load_generator(config, GenerationConfig())


def test_seq2seq_refuses_input_longer_than_its_window(tiny_models):
    generator = m2m(tiny_models, max_input_tokens=64)
    with pytest.raises(ValueError, match="exceed model.max_input_tokens=64"):
        generator.generate([Request(" ".join(SENTENCES * 5), "", "ja", 4)])


def test_bart_summariser_loads_as_seq2seq(tiny_models):
    generator = load_generator(
        local(name=str(tiny_models["bart"]), family="seq2seq"), GenerationConfig()
    )
    (result,) = generator.generate([Request(" ".join(SENTENCES), "", None, 10)])
    assert result.new_tokens <= 10 and result.text


@pytest.mark.parametrize("make", [lambda t: chat(t, 4), lambda t: m2m(t)])
def test_sampled_requests_are_seeded_and_carry_a_mean_log_probability(tiny_models, make):
    generator = make(tiny_models)
    greedy = Request("Tokyo said 660 billion yen", "Translate.", "ja", 8)
    sampled = [Request(greedy.text, greedy.instruction, "ja", 8, sample=True)] * 3
    first = generator.generate([greedy, *sampled])
    again = generator.generate([greedy, *sampled])
    assert first == again  # seeded: a rerun samples the same candidates
    assert first[0].mean_logprob is None and first[0] == generator.generate([greedy])[0]
    for candidate in first[1:]:
        assert candidate.mean_logprob is not None and candidate.mean_logprob <= 0


def test_a_gguf_model_is_converted_once_then_loaded_from_its_copy(tiny_models, tmp_path, monkeypatch):
    from pipeline.models import chat as chat_module
    from pipeline.models import loading
    from pipeline.models.base import ResolvedModel
    from pipeline.models.converted import converted_folder, is_complete

    monkeypatch.setenv("NEWS_FIDELITY_CACHE", str(tmp_path))
    gguf = ResolvedModel(str(tiny_models["chat"]), "model.gguf", "tiny (gguf)", None, "ab" * 32)
    monkeypatch.setattr(loading, "resolve", lambda config: gguf)
    # The tiny model is no GGUF: let transformers load its folder whatever gguf_file says.
    monkeypatch.setattr(chat_module, "pretrained_kwargs", lambda resolved: {"trust_remote_code": False})
    config = local(name=str(tiny_models["chat"]), batch_size=2, runtime="transformers")
    folder = converted_folder("ab" * 32, "float32")
    abandoned = folder.with_name(f"{folder.name}.tmp-999999999")  # a killed process's half copy
    abandoned.mkdir(parents=True)
    first = load_generator(config, GenerationConfig())
    assert is_complete(folder) and (folder / "model.safetensors").is_file()
    assert not list(folder.parent.glob("*.tmp-*"))
    second = load_generator(config, GenerationConfig())
    assert second.model.name_or_path == str(folder) and second.resolved == gguf  # the manifest names the GGUF
    assert [g.text for g in second.generate(requests())] == [g.text for g in first.generate(requests())]
    off = load_generator(config.model_copy(update={"cache_converted": False}), GenerationConfig())
    assert off.model.name_or_path == str(tiny_models["chat"])


def test_cached_generations_are_served_again_and_sampled_ones_never(tmp_path):
    from pipeline.models.cache import CachedGenerator
    from tests.scripted import ScriptedGenerator

    inner = ScriptedGenerator(lambda r: r.text.upper())
    cache = CachedGenerator(inner, tmp_path / "g.sqlite", {"model": "scripted", "dtype": "float32"})
    repeated = [Request("a b", "x", "ja", 8), Request("c", "x", "ja", 8), Request("a b", "x", "ja", 8)]
    assert [g.text for g in cache.generate(repeated)] == ["A B", "C", "A B"]
    assert len(inner.requests) == 2  # the repeated sentence was generated once
    again = CachedGenerator(inner, tmp_path / "g.sqlite", {"model": "scripted", "dtype": "float32"})
    assert [g.text for g in again.generate(repeated)] == ["A B", "C", "A B"] and len(inner.requests) == 2
    assert (again.hits, again.misses) == (3, 0)
    sampled = Request("a b", "x", "ja", 8, sample=True)
    again.generate([sampled, sampled])
    assert len(inner.requests) == 4  # candidates are drawn every time
    other = CachedGenerator(inner, tmp_path / "g.sqlite", {"model": "scripted", "dtype": "bfloat16"})
    other.generate(repeated[:1])
    assert len(inner.requests) == 5  # another dtype is another model


def test_a_corrupt_generation_cache_is_set_aside_and_started_anew(tmp_path, caplog):
    from pipeline.models.cache import CachedGenerator
    from tests.scripted import ScriptedGenerator

    path = tmp_path / "g.sqlite"
    path.write_bytes(b"not a database, a file cut by a full disk" * 100)
    cache = CachedGenerator(ScriptedGenerator(lambda r: r.text.upper()), path, {"model": "scripted"})
    assert [g.text for g in cache.generate([Request("a", "x", "ja", 8)])] == ["A"]
    assert (tmp_path / "g.sqlite.corrupt").is_file() and "generation cache" in caplog.text


def test_sampled_candidates_are_seeded_varied_and_scored(tiny_models):
    config = local(name=str(tiny_models["chat"]), batch_size=6)
    generator = load_generator(config, GenerationConfig(temperature=0.9, top_p=0.9, seed=3))
    candidates = [Request(SENTENCES[0], "Translate into Japanese.", "ja", 10, sample=True)] * 3 + [
        Request(SENTENCES[1], "Translate into Japanese.", "ja", 4, sample=True)] * 3
    first, again = generator.generate(candidates), generator.generate(candidates)
    assert [g.text for g in first] == [g.text for g in again]  # seeded: a rerun draws the same
    assert len({g.text for g in first[:3]}) > 1  # three draws of one prompt differ
    assert [g.new_tokens for g in first] == [10] * 3 + [4] * 3
    assert all(g.mean_logprob is not None and g.mean_logprob < 0 for g in first)


def test_the_nucleus_keeps_the_likeliest_tokens_until_top_p():
    import torch

    from pipeline.models.decode import choose_tokens

    logits = torch.log(torch.tensor([[[0.5, 0.3, 0.15, 0.05]]]))  # one row, one position
    draws = {int(choose_tokens(logits, (1.0, 0.7), torch.Generator().manual_seed(s))[0]) for s in range(200)}
    assert draws == {0, 1}  # 0.5 + 0.3 reach 0.7: the two others are never drawn
    token, logprob = choose_tokens(logits, None, torch.Generator())
    assert int(token) == 0 and abs(float(logprob) - float(torch.log(torch.tensor(0.5)))) < 1e-6


@pytest.mark.parametrize("search", [1024, 0])  # the nucleus among the top tokens; 0: sorting everything
def test_sampled_tokens_come_from_the_nucleus_with_their_tempered_probability(monkeypatch, search):
    import torch

    from pipeline.models import decode

    monkeypatch.setattr(decode, "NUCLEUS_SEARCH", search)
    logits = torch.randn(2, 1, 5000, generator=torch.Generator().manual_seed(0))
    logits[:, :, :40] += 6  # a nucleus of a few dozen tokens
    temperature, top_p = 0.8, 0.9
    probs = (logits[:, -1] / temperature).softmax(dim=-1)
    drawn: dict[tuple[int, int], float] = {}
    for seed in range(200):
        tokens, logprobs = decode.choose_tokens(logits, (temperature, top_p), torch.Generator().manual_seed(seed))
        drawn.update({(row, int(tokens[row])): float(logprobs[row]) for row in range(2)})
    for row in range(2):
        ordered, order = probs[row].sort(descending=True)
        nucleus = order[ordered.cumsum(0) - ordered <= top_p].tolist()
        mass = float(probs[row, nucleus].sum())
        tokens = [t for r, t in drawn if r == row]
        assert len(tokens) > 5 and set(tokens) <= set(nucleus)
        for t in tokens:
            assert abs(drawn[(row, t)] - float(torch.log(probs[row, t] / mass))) < 1e-4


def test_a_refilling_batch_gives_the_fixed_batches_outputs(tiny_models):
    def run(**paths):
        config = local(name=str(tiny_models["chat"]), batch_size=2, **paths)
        instructions = ("Translate.", "Translate into Japanese.", "Translate.", "Hints: Kihara → 木原稔.", "Translate.")
        reqs = [Request(s, i, "ja", n) for s, i, n in zip(SENTENCES, instructions, (12, 5, 9, 7, 11), strict=True)]
        return [(g.text, g.new_tokens) for g in load_generator(config, GenerationConfig()).generate(reqs)]

    # Two rows at a time, five rows: three join the batch as others leave it, longest prompt first.
    assert run() == run(refill_rows=False) == run(drop_finished_rows=False, share_prefix=False)


def test_draft_tokens_give_the_same_outputs_in_fewer_steps(tiny_models):
    from dataclasses import replace

    def run(draft_tokens, drafts):
        config = local(name=str(tiny_models["chat"]), batch_size=5, draft_tokens=draft_tokens,
                             draft_rows=5)
        generator = load_generator(config, GenerationConfig())
        forward, steps = generator.model.forward, []
        generator.model.forward = lambda *a, **k: steps.append(k["input_ids"].shape) or forward(*a, **k)
        outputs = generator.generate([replace(r, draft=d) for r, d in zip(requests(), drafts, strict=True)])
        return [(g.text, g.new_tokens) for g in outputs], steps

    plain, plain_steps = run(0, [""] * 5)
    # A draft that is the output itself (a re-translation like its first pass): checked and kept.
    right, right_steps = run(8, [text for text, _ in plain])
    # A draft the model never writes: checked and thrown away.
    wrong, wrong_steps = run(8, ["木原稔官房長官は記者会見した。" * 3] * 5)
    assert right == plain and wrong == plain
    assert len(right_steps) < len(plain_steps) and any(shape[1] > 1 for shape in right_steps[1:])
    assert all(shape[1] == 1 for shape in plain_steps[1:])  # off: one token a step (after the prefill)


def test_the_generation_cache_keeps_int4_steps_apart_from_bfloat16_ones(tmp_path, monkeypatch):
    from pipeline.config import PipelineConfig
    from pipeline.run.loaded_models import cached
    from tests.scripted import ScriptedGenerator

    monkeypatch.setenv("NEWS_FIDELITY_CACHE", str(tmp_path))
    inner = ScriptedGenerator(lambda r: r.text.upper())
    config = PipelineConfig()
    request = [Request("a b", "x", "ja", 8)]
    for rows in (8, 8, 0):  # the same setting is served from the cache; int4 off is another model
        settings = config.model.model_copy(update={"cache_generations": True, "int4_rows": rows})
        cached(inner, settings, config).generate(request)
    assert len(inner.requests) == 2
