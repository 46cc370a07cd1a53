"""The machine chooses: kernel choice from measured timings, kept once per machine, and the device."""

import json

import pytest
import torch

from pipeline.config import GenerationConfig, ModelConfig
from pipeline.models import calibration, placement
from pipeline.models.base import ModelLoadError, Request, ResolvedModel
from pipeline.models.calibration import PREFILL_ROWS, STEP_ROWS, calibrated, choose


def timings(dense: dict[str, list[float]], int4: dict[str, list[float]]) -> dict[str, dict[int, float]]:
    """Kernel → rows → ms from lists over STEP_ROWS (+ PREFILL_ROWS for dense kernels)."""
    out = {k: dict(zip((*STEP_ROWS, PREFILL_ROWS), v, strict=True)) for k, v in dense.items()}
    out |= {f"int4/{k}": dict(zip(STEP_ROWS, v, strict=True)) for k, v in int4.items()}
    return out


# An AVX2-only EPYC, 2 threads, one 1536 × 8960 product (rows 1, 2, 4, 8, 16, 32, 256): bfloat16 is
# emulated, float32 wins from 16 rows; the int4 kernel wants bfloat16 input and wins up to 32 rows.
AVX2 = timings({"float32": [4.8, 9.0, 15.0, 21.9, 18.4, 30.0, 110.0],
                "bfloat16": [2.5, 4.0, 8.0, 14.2, 26.9, 52.0, 400.0]},
               {"bfloat16": [1.3, 2.0, 3.2, 5.8, 11.6, 25.0], "float32": [19.9, 40, 70, 138, 293, 580]})
# A Xeon with AMX: bfloat16 is native and wins everywhere; int4 only for steps of few rows.
AMX = timings({"float32": [3.0, 4.0, 6.0, 9.0, 14.0, 24.0, 90.0],
               "bfloat16": [1.2, 1.3, 1.5, 1.9, 2.6, 4.0, 20.0]},
              {"bfloat16": [0.5, 0.7, 1.0, 1.6, 3.5, 7.0], "float32": [6.0, 9.0, 15.0, 30.0, 60.0, 120.0]})


def test_an_avx2_machine_gets_float32_with_bfloat16_into_the_int4_kernel():
    choice = choose(AVX2, batch_size=16)
    assert (choice.dtype, choice.int4_input, choice.int4_rows) == ("float32", "bfloat16", 32)


def test_an_amx_machine_gets_bfloat16_and_int4_for_few_rows():
    choice = choose(AMX, batch_size=16)
    assert (choice.dtype, choice.int4_input, choice.int4_rows) == ("bfloat16", "bfloat16", 8)


def test_a_fixed_dtype_still_gets_its_int4_rows_measured_against_it():
    assert choose(AMX, batch_size=16, dense="float32").int4_rows == 32
    no_int4 = {k: v for k, v in AMX.items() if not k.startswith("int4")}
    assert choose(no_int4, batch_size=16).int4_rows == 0  # not a GGUF: nothing to pack


def test_the_measurement_is_kept_per_machine_and_measured_again_when_unreadable(tmp_path):
    calls = []

    def fake_measure(hidden, intermediate, int4):
        calls.append((hidden, intermediate, int4))
        return AVX2

    shapes = []

    def shape():
        shapes.append(1)
        return 1536, 8960

    machine = {"cpu": "AMD EPYC", "flags": ["avx2"], "capability": "AVX2", "torch": "2.13.0", "threads": 2}
    assert calibrated(tmp_path, machine, "sha-of-model", shape, True, fake_measure) == AVX2
    assert calibrated(tmp_path, machine, "sha-of-model", shape, True, fake_measure) == AVX2
    assert len(calls) == 1 and calls[0] == (1536, 8960, True)
    assert len(shapes) == 1  # a kept measurement reads no model config
    calibrated(tmp_path, machine | {"cpu": "Intel Xeon"}, "sha-of-model", shape, True, fake_measure)  # another CPU
    assert len(calls) == 2
    for path in tmp_path.glob("kernels-*.json"):
        path.write_text("{not json", encoding="utf-8")
    calibrated(tmp_path, machine, "sha-of-model", shape, True, fake_measure)
    assert len(calls) == 3 and json.loads(next(tmp_path.glob("kernels-*.json")).read_text())["timings"]


def test_a_real_measurement_covers_every_kernel_on_a_small_shape():
    measured = calibration.measure(64, 128, int4=True)
    assert set(measured) >= {"float32", "bfloat16"} and any(k.startswith("int4/") for k in measured)
    assert all(ms > 0 for by_rows in measured.values() for ms in by_rows.values())
    choice = choose(measured, batch_size=16)
    assert choice.dtype in ("float32", "bfloat16") and choice.int4_rows in (0, *STEP_ROWS)


RESOLVED = ResolvedModel("/nowhere", "model.gguf", "some/model", None, "ab" * 32)


@pytest.fixture
def machine(monkeypatch):
    monkeypatch.setattr(placement, "describe", lambda: {"cpu": "test CPU", "flags": [], "capability": "AVX2",
                                                        "threads": 2, "torch": torch.__version__, "gpu": None})
    monkeypatch.setattr(placement, "calibrated", lambda folder, machine, key, shape, int4: AVX2)
    monkeypatch.setattr(placement.llama_runtime, "available", lambda: False)


def test_auto_settles_dtype_and_int4_rows_from_the_measurement(machine, monkeypatch, tmp_path):
    monkeypatch.setattr(placement, "cuda_available", lambda: False)
    settled, record = placement.settle(ModelConfig(), RESOLVED, tmp_path)
    assert (settled.device, settled.dtype, settled.int4_rows) == ("cpu", "float32", 32)
    assert record["kernels"]["source"] == "calibrated" and record["machine"]["cpu"] == "test CPU"
    # A value in the config overrides the machine's choice, and then nothing is measured.
    monkeypatch.setattr(placement, "calibrated", lambda *a: pytest.fail("measured a fixed choice"))
    settled, record = placement.settle(ModelConfig(dtype="bfloat16", int4_rows=4), RESOLVED, tmp_path)
    assert (settled.dtype, settled.int4_rows, record["kernels"]["source"]) == ("bfloat16", 4, "config")


def test_a_model_with_no_gguf_and_a_fixed_dtype_measures_nothing(machine, monkeypatch, tmp_path):
    monkeypatch.setattr(placement, "cuda_available", lambda: False)
    monkeypatch.setattr(placement, "calibrated", lambda *a: pytest.fail("measured with nothing to choose"))
    folder = ResolvedModel("/some/folder", None, "/some/folder", None, None)
    settled, record = placement.settle(ModelConfig(dtype="float32"), folder, tmp_path)
    assert (settled.dtype, settled.int4_rows, record["kernels"]["source"]) == ("float32", 0, "config")


def test_cuda_when_torch_sees_one_and_a_clear_error_when_asked_without(machine, monkeypatch, tmp_path):
    monkeypatch.setattr(placement, "cuda_available", lambda: True)
    settled, record = placement.settle(ModelConfig(), RESOLVED, tmp_path)
    assert (settled.device, settled.dtype, settled.int4_rows, settled.share_prefix) == ("cuda", "bfloat16", 0, False)
    assert settled.prompt_cache_tokens == 0 and settled.draft_tokens == 0 and record["kernels"]["source"] == "cuda"
    monkeypatch.setattr(placement, "cuda_available", lambda: False)
    with pytest.raises(ModelLoadError, match="sees no CUDA device"):
        placement.settle(ModelConfig(device="cuda"), RESOLVED, tmp_path)


def test_auto_runs_a_gguf_chat_model_on_the_cpu_with_llama_cpp_where_it_is_installed(machine, monkeypatch,
                                                                                       tmp_path):
    monkeypatch.setattr(placement, "cuda_available", lambda: False)
    monkeypatch.setattr(placement.llama_runtime, "available", lambda: True)
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    resolved = ResolvedModel(str(tmp_path), "model.gguf", "some/model", None, "ab" * 32)
    probes = []
    monkeypatch.setattr(placement, "probed", lambda folder, machine, path, key, version: probes.append(path) or {
        "works": True, "tokens_per_s": {"1": 30.0, "16": 64.0}})
    monkeypatch.setattr(placement, "calibrated", lambda *a: pytest.fail("measured torch kernels for llama.cpp"))
    settled, record = placement.settle(ModelConfig(), resolved, tmp_path)
    assert (settled.runtime, record["runtime"], record["kernels"]["source"]) == ("llama.cpp", "llama.cpp", "llama.cpp")
    assert settled.int4_rows == 0 and probes == [gguf] and record["llama_cpp_probe"]["works"]
    # A build that crashes on this CPU (the probe's process died): transformers.
    monkeypatch.setattr(placement, "probed", lambda *a: {"works": False, "error": "ended with code -11"})
    monkeypatch.setattr(placement, "calibrated", lambda folder, machine, key, shape, int4: AVX2)
    settled, record = placement.settle(ModelConfig(), resolved, tmp_path)
    assert settled.runtime == "transformers" and record["llama_cpp_probe"]["error"] == "ended with code -11"
    # Not a GGUF on this machine, a seq2seq model or a GPU: transformers, and no probe.
    monkeypatch.setattr(placement, "probed", lambda *a: pytest.fail("probed llama.cpp where it cannot run"))
    folder = ResolvedModel("/some/folder", None, "/some/folder", None, None)
    for config, model in ((ModelConfig(), folder), (ModelConfig(), RESOLVED), (ModelConfig(family="seq2seq"), resolved),
                          (ModelConfig(runtime="transformers"), resolved)):
        assert placement.settle(config, model, tmp_path)[0].runtime == "transformers"
    monkeypatch.setattr(placement, "cuda_available", lambda: True)
    assert placement.settle(ModelConfig(), resolved, tmp_path)[0].runtime == "transformers"


def test_the_llama_cpp_probe_reports_a_process_that_died_and_is_kept_per_machine(monkeypatch, tmp_path):
    from pipeline.models import llama_probe

    runs, run_probe = [], llama_probe.run_probe
    monkeypatch.setattr(llama_probe, "run_probe", lambda gguf, threads: runs.append(gguf) or {
        "works": False, "error": "the probe process ended with code -4"})
    machine = {"cpu": "test CPU", "flags": ["avx2"], "threads": 2}
    first = llama_probe.probed(tmp_path, machine, tmp_path / "m.gguf", "sha", "0.3.36")
    again = llama_probe.probed(tmp_path, machine, tmp_path / "m.gguf", "sha", "0.3.36")
    assert first == again == {"works": False, "error": "the probe process ended with code -4"} and len(runs) == 1
    llama_probe.probed(tmp_path, machine | {"cpu": "another CPU"}, tmp_path / "m.gguf", "sha", "0.3.36")
    assert len(runs) == 2
    # A real child process that dies: its exit code is the answer, not a crash of ours.
    monkeypatch.setattr(llama_probe.sys, "executable", "/bin/false")
    assert run_probe(tmp_path / "m.gguf", 1) == {"works": False, "error": "the probe process ended with code 1"}


def test_llama_cpp_asked_for_where_it_cannot_run_is_a_clear_error(machine, monkeypatch, tmp_path):
    monkeypatch.setattr(placement, "cuda_available", lambda: False)
    with pytest.raises(ModelLoadError, match="not installed"):
        placement.settle(ModelConfig(runtime="llama.cpp"), RESOLVED, tmp_path)
    monkeypatch.setattr(placement.llama_runtime, "available", lambda: True)
    folder = ResolvedModel("/some/folder", None, "/some/folder", None, None)
    with pytest.raises(ModelLoadError, match="not a GGUF file"):
        placement.settle(ModelConfig(runtime="llama.cpp"), folder, tmp_path)


def test_a_tiny_model_loads_with_auto_and_records_the_choice(tiny_models, monkeypatch, tmp_path):
    from pipeline.models.loading import load_generator

    monkeypatch.setenv("NEWS_FIDELITY_CACHE", str(tmp_path))
    config = ModelConfig(source="local", name=str(tiny_models["chat"]), cache_generations=False, batch_size=2)
    generator = load_generator(config, GenerationConfig())
    assert generator.config.dtype in ("float32", "bfloat16") and generator.config.device == "cpu"
    assert generator.placement["kernels"]["dtype"] == generator.config.dtype
    assert list(tmp_path.glob("calibration/kernels-*.json"))  # measured once, kept
    (out,) = generator.generate([Request("Hello there.", "Translate.", "ja", 4)])
    assert out.new_tokens <= 4


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_tiny_model_greedy_outputs_match_on_cpu_and_cuda(tiny_models):
    from pipeline.models.loading import load_generator

    requests = [Request(text, "Translate.", "ja", 8) for text in ("Hello there.", "Tokyo said no on Monday.")]
    outputs = {}
    for device in ("cpu", "cuda"):
        config = ModelConfig(source="local", name=str(tiny_models["chat"]), device=device, dtype="float32",
                             cache_generations=False, share_prefix=False, batch_size=2)
        outputs[device] = [g.text for g in load_generator(config, GenerationConfig()).generate(requests)]
    assert outputs["cpu"] == outputs["cuda"]


def test_a_hub_gguf_is_read_from_the_hugging_face_cache(monkeypatch, tmp_path):
    import huggingface_hub

    cached = tmp_path / "snapshot" / "model.gguf"
    cached.parent.mkdir()
    cached.write_bytes(b"GGUF")
    monkeypatch.setattr(huggingface_hub, "try_to_load_from_cache", lambda repo, name, revision=None: str(
        cached) if (repo, name) == ("org/model-GGUF", "model.gguf") else None)
    hub = ResolvedModel("org/model-GGUF", "model.gguf", "org/model-GGUF", None, None)
    assert placement.local_gguf(hub) == cached
    assert placement.local_gguf(ResolvedModel("org/other-GGUF", "model.gguf", "org/other-GGUF", None, None)) is None
    assert placement.local_gguf(ResolvedModel(str(tmp_path), "missing.gguf", str(tmp_path), None, None)) is None
    assert placement.local_gguf(ResolvedModel(str(tmp_path / "snapshot"), "model.gguf", "local", None, None)) == cached
