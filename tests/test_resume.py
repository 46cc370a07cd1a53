"""Resume: a rerun skips finished articles, a killed run loses none, --force redoes them."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline.config import load_config
from pipeline.run.journal import default_run_id, finished_ids
from pipeline.run.loaded_models import load_models
from pipeline.run.runner import BatchRunner
from tests.conftest import ROOT

TINY = ROOT / "configs" / "tiny.yaml"


@pytest.fixture(scope="module")
def tiny_config(tiny_models):
    return load_config(TINY)


@pytest.fixture(scope="module")
def runner(tiny_config):
    return BatchRunner(tiny_config, load_models(tiny_config))


def articles(path, count):
    lines = [json.dumps({"id": f"a{i}", "title": f"Story {i}", "text": f"Japan said {i} things on Wednesday."})
             for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_rerun_skips_finished_articles_and_force_redoes_them(runner, tmp_path):
    source = articles(tmp_path / "in.jsonl", 3)
    first = runner.run(source, tmp_path / "out", "r")
    assert first.finished == ["a0", "a1", "a2"] and first.skipped == []
    again = runner.run(source, tmp_path / "out", "r")
    assert again.finished == [] and again.skipped == ["a0", "a1", "a2"]
    # An article whose manifest is gone (killed before the end) is not finished: it is redone.
    (first.run_dir / "a1" / "manifest.json").unlink()
    assert finished_ids(first.run_dir) == {"a0", "a2"}
    assert runner.run(source, tmp_path / "out", "r").finished == ["a1"]
    assert runner.run(source, tmp_path / "out", "r", force=True).finished == ["a0", "a1", "a2"]


def test_two_inputs_with_one_id_never_overwrite_each_other(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt").write_text("One thing happened.", encoding="utf-8")
    (folder / "y.jsonl").write_text('{"id": "x", "text": "Another thing happened."}\n', encoding="utf-8")
    result = runner.run(folder, tmp_path / "out", "r")
    assert result.finished == ["x", "x-2"]
    manifests = [json.loads((result.run_dir / i / "manifest.json").read_text(encoding="utf-8"))
                 for i in result.finished]
    assert len({m["article"]["input"] for m in manifests}) == 2


def test_the_default_run_id_follows_the_input_and_the_config(tiny_config, tmp_path):
    source = articles(tmp_path / "news.jsonl", 1)
    same = default_run_id(source, tiny_config)
    assert same == default_run_id(str(source), tiny_config) and same.startswith("news-")
    other = tiny_config.model_copy(update={"repair": tiny_config.repair.model_copy(update={"rounds": 2})})
    assert default_run_id(source, other) != same


def test_a_run_killed_mid_way_loses_no_finished_article(tiny_models, tmp_path):
    source = articles(tmp_path / "in.jsonl", 6)
    command = [sys.executable, "-m", "pipeline", "--quiet", "run", str(source), "--config", str(TINY),
               "--out", str(tmp_path / "out"), "--run-id", "k"]
    journal = tmp_path / "out" / "k" / "journal.jsonl"
    with open(tmp_path / "stderr.txt", "w") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 120
    while not (journal.is_file() and journal.read_text().count("\n") >= 2):
        assert process.poll() is None, (tmp_path / "stderr.txt").read_text()
        assert time.monotonic() < deadline, "no article finished in 120 s"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed_at = journal.read_text().count("\n")
    assert 2 <= killed_at < 6, "the run must be killed mid-way for this test to mean anything"
    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    ids = [json.loads(line)["id"] for line in journal.read_text().splitlines()]
    assert sorted(ids) == [f"a{i}" for i in range(6)]  # every article exactly once
    for i in range(6):
        folder = tmp_path / "out" / "k" / f"a{i}"
        json.loads((folder / "manifest.json").read_text(encoding="utf-8"))  # complete, valid JSON
        assert not list(folder.glob(".*.tmp"))  # a temp file a kill left behind is gone too


def test_ids_that_try_to_leave_the_output_folder_stay_inside(runner, tmp_path):
    source = tmp_path / "in.jsonl"
    evil = ["../../escaped", "/etc/cron.d/x", "..", "a/../../b", "C:\\\\Windows\\\\x"]
    source.write_text("".join(json.dumps({"id": i, "text": "Japan protested."}) + "\n" for i in evil),
                      encoding="utf-8")
    result = runner.run(source, tmp_path / "out", "r")
    assert len(result.finished) == len(evil) and result.errors == []
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != source]
    assert written and all(result.run_dir in p.parents or p.parent == result.run_dir for p in written)
    assert all((result.run_dir / i).parent == result.run_dir for i in result.finished)
