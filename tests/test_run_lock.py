"""Overlapping runs: one run at a time holds a run folder; the others wait or stop, and nothing is done twice."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from pipeline.run.lock import LOCK_FILE, RunLocked, read_holder, run_lock
from tests.conftest import ROOT
from tests.test_resume import TINY, articles

# A process that holds a folder until it is killed.
HOLDER = """import sys, time
from pathlib import Path
from pipeline.run.lock import run_lock
with run_lock(Path(sys.argv[1]), 0):
    print("held", flush=True)
    time.sleep(300)
"""


@pytest.fixture
def processes():
    """Processes a test starts; whatever is still running at its end is killed."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def hold(folder, processes):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    processes.append(holder)
    assert holder.stdout.readline() == "held\n"
    return holder


def start_run(source, out, log, processes, *options):
    """`python -m pipeline run` into out/k; its stdout and stderr go to log.out and log.err."""
    command = [sys.executable, "-m", "pipeline", "--quiet", "run", str(source), "--config", str(TINY),
               "--out", str(out), "--run-id", "k", *options]
    with open(log.with_suffix(".out"), "w") as stdout, open(log.with_suffix(".err"), "w") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, stdout=stdout, stderr=stderr)
    processes.append(process)
    return process


def wait_until(condition, what, seconds=120):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {seconds} s"
        time.sleep(0.05)


def read(log, stream):
    """A run's stdout ("out") or stderr ("err")."""
    return log.with_suffix(f".{stream}").read_text()


def written(log):
    """How many articles a finished run says it wrote."""
    return int(re.match(r"(\d+) article\(s\) written", read(log, "out")).group(1))


def journalled(run_dir):
    return [json.loads(line)["id"] for line in (run_dir / "journal.jsonl").read_text().splitlines()]


def _refused(folder):
    try:
        with run_lock(folder, wait=0):
            return False
    except RunLocked:
        return True


def test_the_lock_is_exclusive_names_its_holder_and_dies_with_it(tmp_path, processes):
    folder = tmp_path / "run"
    holder = hold(folder, processes)
    with pytest.raises(RunLocked) as refused, run_lock(folder, wait=0):
        pass
    assert refused.value.holder.pid == holder.pid and refused.value.holder.host == socket.gethostname()
    assert str(refused.value).startswith(f"{folder}: another run (pid {holder.pid} on host {socket.gethostname()}, "
                                         "since ")
    start = time.monotonic()
    with pytest.raises(RunLocked, match="gave up after waiting 0.5 s"), run_lock(folder, wait=0.5):
        pass
    assert time.monotonic() - start >= 0.5

    os.kill(holder.pid, signal.SIGKILL)  # no release: the kernel drops the lock with the process
    holder.wait()
    assert read_holder(folder).pid == holder.pid  # its lock file stays behind, and must not block
    start = time.monotonic()
    with run_lock(folder, wait=0):
        assert time.monotonic() - start < 1
        assert read_holder(folder).pid == os.getpid()
        with run_lock(folder, wait=0):  # nested in the same thread: already held
            pass
        refused_elsewhere = []
        thread = threading.Thread(target=lambda: refused_elsewhere.append(_refused(folder)))
        thread.start()
        thread.join()
        assert refused_elsewhere == [True]  # another thread waits like another process
    assert not (folder / LOCK_FILE).exists() and folder.is_dir()  # released: the file goes, the folder stays


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")  # a holder that died
def test_holders_in_quick_succession_never_overlap(tmp_path, monkeypatch):
    # Each release removes the lock file, and a waiter may have opened it just before: it must lock
    # the new file, not the removed one. A count kept by read, pause, write loses updates on any overlap.
    monkeypatch.setattr("pipeline.run.lock.POLL_SECONDS", 0.001)
    folder, count = tmp_path / "out" / "run", tmp_path / "count"
    count.write_text("0")

    def add(times):
        for _ in range(times):
            with run_lock(folder):
                value = int(count.read_text())
                time.sleep(0.001)
                count.write_text(str(value + 1))

    threads = [threading.Thread(target=add, args=(25,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert count.read_text() == "200"
    assert not (folder / LOCK_FILE).exists()


def test_folders_the_lock_made_and_left_empty_are_removed(tmp_path):
    with run_lock(tmp_path / "out" / "run", wait=0):  # as when the models fail to load: nothing written
        assert (tmp_path / "out" / "run" / LOCK_FILE).is_file()
    assert not (tmp_path / "out").exists()
    with run_lock(tmp_path / "out" / "run", wait=0):
        (tmp_path / "out" / "run" / "run.json").write_text("{}")
    assert (tmp_path / "out" / "run" / "run.json").is_file()


def test_a_run_that_finds_its_folder_held_stops_with_one_line(tmp_path, processes):
    source = articles(tmp_path / "in.jsonl", 1)
    holder = hold(tmp_path / "out" / "k", processes)
    for options, log in ((["--no-wait"], tmp_path / "now"), (["--wait", "0.5"], tmp_path / "later")):
        run = start_run(source, tmp_path / "out", log, processes, *options)
        assert run.wait(timeout=60) == 2
        lines = read(log, "err").splitlines()
        assert lines[-1].startswith(f"error: {tmp_path / 'out' / 'k'}: another run (pid {holder.pid} on host ")
        assert lines[-1].endswith("is using this folder" if options == ["--no-wait"] else "waiting 0.5 s")
        assert len(lines) == (1 if options == ["--no-wait"] else 2)  # --wait: the line that it waits, then this one
    assert not (tmp_path / "out" / "k" / "journal.jsonl").exists()


def release_two_runs(source, out, tmp_path, processes):
    """Two runs on out/k, both waiting on this test's lock, let go at the same moment; both must finish."""
    logs = [tmp_path / "first", tmp_path / "second"]
    with run_lock(out / "k", wait=0):
        runs = [start_run(source, out, log, processes) for log in logs]

        def both_waiting():
            assert all(run.poll() is None for run in runs), [read(log, "err") for log in logs]
            return all("holds this folder; waiting" in read(log, "err") for log in logs)

        wait_until(both_waiting, "both runs waiting")
    for run, log in zip(runs, logs, strict=True):
        assert run.wait(timeout=180) == 0, read(log, "err")
    return runs, logs


def assert_no_temp_files(out):
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []


def test_two_runs_started_together_do_each_article_once(tiny_models, tmp_path, processes):
    source, out = articles(tmp_path / "in.jsonl", 6), tmp_path / "out"
    runs, logs = release_two_runs(source, out, tmp_path, processes)
    assert sorted(journalled(out / "k")) == [f"a{i}" for i in range(6)]  # every article exactly once
    counts = [written(log) for log in logs]
    assert sorted(counts) == [0, 6]
    winner, loser = (0, 1) if counts[0] == 6 else (1, 0)
    # The one that lost the race waited on the other, and its log names it.
    assert f"another run (pid {runs[winner].pid} on host " in read(logs[loser], "err")
    assert "6 already finished, skipped" in read(logs[loser], "out")
    assert_no_temp_files(out)


def test_two_reruns_of_a_killed_run_redo_nothing_it_finished(tiny_models, tmp_path, processes):
    source, out = articles(tmp_path / "in.jsonl", 6), tmp_path / "out"
    killed = start_run(source, out, tmp_path / "killed", processes)
    journal = out / "k" / "journal.jsonl"
    deadline = time.monotonic() + 120
    while not (journal.is_file() and journal.read_text().count("\n") >= 2):
        assert killed.poll() is None, read(tmp_path / "killed", "err")
        assert time.monotonic() < deadline, "no article finished in 120 s"
        time.sleep(0.05)
    os.kill(killed.pid, signal.SIGKILL)  # its lock goes with it: the reruns must not wait for it
    killed.wait()
    before = journalled(out / "k")
    assert 2 <= len(before) < 6, "the run must be killed mid-way for this test to mean anything"
    stamps = {i: (out / "k" / i / "manifest.json").stat().st_mtime_ns for i in before}

    _, logs = release_two_runs(source, out, tmp_path, processes)
    assert sorted(journalled(out / "k")) == [f"a{i}" for i in range(6)]  # every article exactly once overall
    assert sorted(written(log) for log in logs) == [0, 6 - len(before)]
    assert {i: (out / "k" / i / "manifest.json").stat().st_mtime_ns for i in before} == stamps  # not rewritten
    assert_no_temp_files(out)
