"""The engine setting without Ray running: config keys, command-line flags, the run id, no Ray import."""

import subprocess
import sys

import pytest

from pipeline.cli import main
from pipeline.config import ConfigError, PipelineConfig, load_config
from pipeline.run.journal import default_run_id
from tests.conftest import ROOT


def test_the_engine_is_local_by_default_and_ray_is_validated():
    assert PipelineConfig().engine == "local" and PipelineConfig().ray.workers == 1
    config = load_config(None, ["engine=ray", "ray.workers=3", "ray.address=auto"])
    assert (config.engine, config.ray.workers, config.ray.address) == ("ray", 3, "auto")
    with pytest.raises(ConfigError, match="engine"):
        load_config(None, ["engine=spark"])
    with pytest.raises(ConfigError, match="ray.workers"):
        load_config(None, ["ray.workers=0"])


def test_the_engine_is_not_part_of_the_run_id(tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text('{"id": "a", "text": "Japan said so."}\n', encoding="utf-8")
    local = PipelineConfig()
    on_ray = load_config(None, ["engine=ray", "ray.workers=4", "ray.address=10.0.0.1:6379"])
    assert default_run_id(source, local) == default_run_id(source, on_ray)  # either engine resumes the other


@pytest.mark.parametrize("flags, message", [
    (["--workers", "2"], "--ray-address and --workers are for --engine ray"),
    (["--engine", "ray", "--workers", "0"], "ray.workers"),
])
def test_ray_flags_are_checked_before_anything_runs(tmp_path, capsys, flags, message):
    source = tmp_path / "a.txt"
    source.write_text("Japan said so.", encoding="utf-8")
    assert main(["--quiet", "run", str(source), "--out", str(tmp_path / "out"), *flags]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_local_engine_never_imports_ray():
    code = ("import sys, pipeline, pipeline.cli, pipeline.run.runner, pipeline.run.journal\n"
            "print('ray' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "False"
