"""--engine ray: the local engine's outputs and journal, resumable by either engine, and a worker killed
mid-article costs no article (tiny models, the session's local Ray of two CPUs: conftest.py)."""

import json
import os
import signal
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from pipeline.cli import main  # noqa: E402 - after the skip: nothing here runs without Ray
from pipeline.config import load_config  # noqa: E402
from pipeline.run.journal import finished_ids  # noqa: E402
from pipeline.run.loaded_models import load_models  # noqa: E402
from pipeline.run.ray_engine import ArticleWorker, WorkersFailed, run_on_ray  # noqa: E402
from pipeline.run.runner import BatchRunner  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.ray
TINY = ROOT / "configs" / "tiny.yaml"
# Off: the ray run must generate, not read what the local run left in the generation cache.
NO_CACHE = ["model.cache_generations=false"]

# What differs between two local runs of the same articles (timings, load time, clock) and, across
# engines, the engine settings and the torch threads Ray gives an actor (one per CPU it reserved).
RUN_SPECIFIC = ("timings_seconds", "validator_seconds", "model_load_seconds", "finished_at")


@pytest.fixture(scope="module")
def config(tiny_models):
    return load_config(TINY, NO_CACHE)


@pytest.fixture(scope="module")
def runner(config):
    return BatchRunner(config, load_models(config), str(TINY))


def articles(path: Path, ids: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "title": f"Story {i}",
                                        "text": f"Japan said {i} things on Wednesday. Kishida met 3 ministers."}) + "\n"
                            for i in ids), encoding="utf-8")
    return path


def comparable_manifest(folder: Path) -> dict:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for key in RUN_SPECIFIC:
        manifest.pop(key)
    for key in ("engine", "ray"):
        manifest["config"].pop(key)
    for model in ("model", "summary_model"):
        manifest[model]["placement"]["machine"].pop("threads")
    return manifest


def test_the_ray_engine_writes_what_the_local_engine_writes(local_ray, config, runner, tmp_path):
    source = articles(tmp_path / "in.jsonl", ["a0", "a1", "a2"])
    local = runner.run(source, tmp_path / "out", "local")
    ray_config = config.model_copy(update={"engine": "ray", "ray": config.ray.model_copy(update={"workers": 2})})
    remote = run_on_ray(ray_config, source, tmp_path / "out", "ray", config_path=str(TINY))
    assert sorted(remote.finished) == local.finished == ["a0", "a1", "a2"] and remote.errors == []
    for article_id in local.finished:
        left, right = local.run_dir / article_id, remote.run_dir / article_id
        files = sorted(p.name for p in left.iterdir())
        assert files == sorted(p.name for p in right.iterdir()) and "article.ja.txt" in files
        for name in files:
            if name != "manifest.json":
                assert (left / name).read_bytes() == (right / name).read_bytes(), f"{article_id}/{name}"
        assert comparable_manifest(left) == comparable_manifest(right)
    assert (local.run_dir / "articles.jsonl").read_bytes() == (remote.run_dir / "articles.jsonl").read_bytes()
    assert finished_ids(remote.run_dir) == {"a0", "a1", "a2"}


def test_a_ray_rerun_resumes_a_local_run_and_records_bad_inputs(local_ray, runner, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    articles(folder / "first.jsonl", ["a0", "a1"])
    out = tmp_path / "out"
    runner.run(folder, out, "r")
    articles(folder / "second.jsonl", ["a2"])
    (folder / "broken.jsonl").write_text('{"id": "b", "text": \n', encoding="utf-8")
    code = main(["--quiet", "run", str(folder), "--config", str(TINY), "--out", str(out), "--run-id", "r",
                 *(arg for key in NO_CACHE for arg in ("--set", key)), "--engine", "ray", "--workers", "1"])
    assert code == 1  # a bad input: one line in errors.jsonl, the batch goes on
    assert "1 article(s) written" in capsys.readouterr().out
    journal = [json.loads(line)["id"] for line in (out / "r" / "journal.jsonl").read_text().splitlines()]
    assert journal == ["a0", "a1", "a2"]  # the local run's two, then the one the ray run did
    (error,) = [json.loads(line) for line in (out / "r" / "errors.jsonl").read_text().splitlines()]
    assert error["input"].endswith("broken.jsonl:1")
    run = json.loads((out / "r" / "run.json").read_text(encoding="utf-8"))
    assert run["config"]["engine"] == "ray" and run["model_load_seconds"] is None


def killing(marker: Path, once: str, always: str) -> type[ArticleWorker]:
    """An actor class that kills its own process mid-article: on `once` the first time (a marker file
    says it happened), on `always` every time. Defined here, it travels to the actors by value."""

    class Killing(ArticleWorker):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            process = self.runner.process

            def dying(article):
                if article.id == always or (article.id == once and not marker.exists()):
                    marker.touch()
                    os.kill(os.getpid(), signal.SIGKILL)
                return process(article)

            self.runner.process = dying

    return Killing


def test_a_worker_killed_mid_article_loses_nothing_and_a_fatal_article_is_given_up(local_ray, config, tmp_path):
    source = articles(tmp_path / "in.jsonl", ["a0", "a1", "a2", "a3"])
    marker = tmp_path / "killed-once"
    result = run_on_ray(config.model_copy(update={"engine": "ray"}), source, tmp_path / "out", "k",
                        worker=killing(marker, once="a1", always="a2"))
    assert marker.exists()  # a1's first try did die
    assert sorted(result.finished) == ["a0", "a1", "a3"]
    (error,) = result.errors
    assert error["error"].startswith("WorkerDied: the worker processing it died 3 times")
    journal = [json.loads(line)["id"] for line in (result.run_dir / "journal.jsonl").read_text().splitlines()]
    assert sorted(journal) == ["a0", "a1", "a3"]  # each written and journalled once
    assert finished_ids(result.run_dir) == {"a0", "a1", "a3"}


def test_a_model_that_does_not_load_on_the_workers_stops_the_run_with_its_reason(local_ray, config, tmp_path):
    source = articles(tmp_path / "in.jsonl", ["a0"])
    empty = config.model.model_copy(update={"name": str(tmp_path)})  # a folder with no model in it
    broken = config.model_copy(update={"engine": "ray", "model": empty})
    with pytest.raises(WorkersFailed, match="ModelLoadError: .*cannot load model"):
        run_on_ray(broken, source, tmp_path / "out", "bad")
    assert finished_ids(tmp_path / "out" / "bad") == set()
