"""The `run`, `check`, `config` and `models` commands: clear one-line errors and exit code 2 before any work."""

import os
import subprocess
import sys

from tests.conftest import EXAMPLE, ROOT


def pipeline(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def test_a_missing_embedded_model_is_refused_with_the_fix(tmp_path):
    result = pipeline("run", str(EXAMPLE), "--out", str(tmp_path / "out"),
                      env={"NEWS_FIDELITY_CACHE": str(tmp_path / "empty-cache")})
    assert result.returncode == 2
    assert "embedded model file is missing" in result.stderr
    assert "python -m pipeline models fetch" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_corrupt_embedded_model_is_refused(tmp_path):
    cache = tmp_path / "cache"
    result = pipeline("models", "path", env={"NEWS_FIDELITY_CACHE": str(cache)})
    model = result.stdout.strip()
    assert model.startswith(str(cache))
    os.makedirs(os.path.dirname(model))
    with open(model, "wb") as handle:
        handle.write(b"GGUF not really")
    result = pipeline("models", "verify", env={"NEWS_FIDELITY_CACHE": str(cache)})
    assert result.returncode == 2 and "corrupt or partial" in result.stderr


def test_a_bad_config_is_refused_before_loading_anything(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("model:\n  dtype: float64\n", encoding="utf-8")
    result = pipeline("run", str(EXAMPLE), "--config", str(config), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {config}: model.dtype: Input should be 'auto', 'float32', 'bfloat16'")


def test_a_missing_input_is_refused(tmp_path):
    result = pipeline("run", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "nope.txt: no such file or folder" in result.stderr


def test_a_bad_run_glossary_is_refused_before_loading_anything(tmp_path):
    glossary = tmp_path / "mine.yaml"
    glossary.write_text("- en: Minoru Kihara\n  ja: 木原稔\n  colour: blue\n", encoding="utf-8")
    result = pipeline("run", str(EXAMPLE), "--glossary", str(glossary), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    assert result.stderr.startswith(f"error: {glossary}: entry 1: unknown key 'colour'")


def test_every_subcommand_has_help():
    for command in ("run", "check", "config", "models"):
        result = pipeline(command, "--help")
        assert result.returncode == 0 and result.stdout.startswith(f"usage: pipeline {command}")


def test_models_lists_what_this_machine_has(tmp_path):
    result = pipeline("models", env={"NEWS_FIDELITY_CACHE": str(tmp_path / "none"), "HF_HUB_CACHE": str(tmp_path)})
    assert result.returncode == 0
    assert "not cached (python -m pipeline models fetch)" in result.stdout
    assert "Hugging Face cache: empty" in result.stdout
    assert "dictionary indexes" not in result.stdout
    (tmp_path / "none" / "indexes").mkdir(parents=True)
    (tmp_path / "none" / "indexes" / "jmnedict_names-0123abcd-00000000.json").write_text("{}")
    result = pipeline("models", env={"NEWS_FIDELITY_CACHE": str(tmp_path / "none"), "HF_HUB_CACHE": str(tmp_path)})
    assert f"validator's dictionary indexes: {tmp_path / 'none' / 'indexes'} (1 files" in result.stdout
    assert "int4 copy" not in result.stdout
    converted = tmp_path / "none" / "converted" / "0123abcd-bfloat16"
    converted.mkdir(parents=True)
    (converted / "converted.json").write_text("{}")
    (converted / "int4-torch2.13.0.safetensors").write_bytes(b"0" * 2_000_000)
    result = pipeline("models", env={"NEWS_FIDELITY_CACHE": str(tmp_path / "none"), "HF_HUB_CACHE": str(tmp_path)})
    assert f"converted copy (fast start): {converted}" in result.stdout
    assert f"int4 copy (steps of few rows): {converted / 'int4-torch2.13.0.safetensors'} (2 MB)" in result.stdout


def test_the_validator_evaluation_without_data_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "evaluate_validator.py"), "--data", str(tmp_path)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2 and f"{tmp_path}: no WMT news files" in result.stderr


def test_config_prints_the_resolved_config_and_refuses_a_bad_key():
    result = pipeline("config", "--set", "repair.rounds=1")
    assert result.returncode == 0 and "  rounds: 1\n" in result.stdout and "dtype: auto" in result.stdout
    result = pipeline("config", "--set", "repair.roundz=1")
    assert result.returncode == 2 and result.stderr.startswith("error: defaults with --set repair.roundz=1: ")
