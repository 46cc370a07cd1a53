"""Config files: defaults, shipped configs, and errors that name the file, the key and the options."""

from pathlib import Path

import pytest

from pipeline.config import ConfigError, PipelineConfig, load_config

CONFIGS = Path(__file__).resolve().parents[1] / "configs"


@pytest.mark.parametrize("name", ["default.yaml", "hub-chat.yaml", "hub-seq2seq.yaml", "tiny.yaml"])
def test_shipped_configs_validate(name, tiny_models):  # tiny.yaml names the tiny models
    config = load_config(CONFIGS / name)
    assert isinstance(config, PipelineConfig)


def test_default_config_uses_the_embedded_model_greedily():
    config = load_config(CONFIGS / "default.yaml")
    assert config.model.source == "embedded" and config.model.family == "chat"
    assert config.generation.do_sample is False
    assert config.translation.langs == ["ja", "zh-Hans", "zh-Hant"]
    assert (config.summary.min_sentences, config.summary.max_sentences) == (3, 5)


@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        ("model:\n  sorce: hub\n", r"unknown key 'model.sorce' \(allowed here: source, name"),
        ("modle: {}\n", r"unknown key 'modle' \(allowed here: model, summary_model, generation"),
        ("model:\n  batch_size: zero\n", r"model.batch_size: Input should be a valid integer"),
        ("model:\n  batch_size: 0\n", r"model.batch_size: Input should be greater than or equal to 1"),
        ("model:\n  source: hub\n", r"model.name is required when source is 'hub'"),
        ("translation:\n  langs: [ja, ko]\n", r"translation.langs.1: Input should be 'ja', 'zh-Hans' or 'zh-Hant'"),
        ("summary:\n  min_sentences: 6\n", r"min_sentences \(6\) must not exceed summary.max_sentences \(5\)"),
        ("- just\n- a list\n", r"a config must be a mapping"),
        ("model: [unclosed\n", r"not valid YAML"),
    ],
)
def test_bad_config_names_file_key_and_problem(tmp_path, yaml_text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError, match=expected) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: ")


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config(tmp_path / "absent.yaml")


def test_local_model_folder_must_exist(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(f"model:\n  source: local\n  name: {tmp_path / 'nowhere'}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not a directory"):
        load_config(path)


def test_single_keys_can_be_overridden_from_the_command_line(tmp_path):
    config = load_config(CONFIGS / "default.yaml", ["translation.langs=[ja]", "repair.rounds=0",
                                                             "generation.do_sample=true"])
    assert config.translation.langs == ["ja"] and config.repair.rounds == 0 and config.generation.do_sample
    assert config.model.batch_size == 16 and config.model.dtype == "auto"  # the rest still comes from the file


@pytest.mark.parametrize("override, message", [
    ("repair.rounds=many", "repair.rounds: Input should be a valid integer"),
    ("repair.colour=blue", "unknown key 'repair.colour'"),
    ("rounds", "expected dotted.key=value"),
])
def test_a_bad_override_names_itself(override, message):
    with pytest.raises(ConfigError) as error:
        load_config(CONFIGS / "default.yaml", [override])
    assert message in str(error.value) and override.split("=")[0] in str(error.value)


def test_local_model_paths_are_relative_to_the_config_file(tmp_path, tiny_models):
    folder = tmp_path / "configs"
    folder.mkdir()
    (folder / "mine.yaml").write_text("model:\n  source: local\n  name: ../models/chat\n", encoding="utf-8")
    (tmp_path / "models").symlink_to(tiny_models["chat"].parent)
    assert load_config(folder / "mine.yaml").model.name == str(folder / "../models/chat")
