"""One run at a time in a run folder: an exclusive OS lock on `<run dir>/.lock`, held for the whole run.

The lock is flock(2), taken here rather than through the `filelock` package: that package is only
installed as a dependency of huggingface_hub, in whichever release it pulls, and its 3.x releases
truncate the lock file on every attempt (so the file could not name its holder) while its 4.x
releases can fall back to a marker file that a killed process leaves behind. The kernel drops a
flock when its holder exits in any way, kill -9 included, so a lock is never stale.

The lock file names its holder (pid, host, start time) and is removed on release; a killed run
leaves it behind, naming the dead process, and the next run simply takes it over.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; runs go on unlocked (run_lock warns)
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)

LOCK_FILE = ".lock"
POLL_SECONDS = 0.2  # how often a waiting run tries again

# (folder, thread) pairs this process holds. The command line takes the lock before it loads the
# models (a waiting run then holds no model) and BatchRunner.run takes it again inside: the inner
# one must not wait on the outer one. Another thread still waits like another process.
_held: set[tuple[str, int]] = set()


@dataclass(frozen=True)
class Holder:
    """The run holding a folder, as its lock file names it."""

    pid: int
    host: str
    started: str  # ISO 8601 with the holder's UTC offset

    def __str__(self) -> str:
        try:
            since = datetime.fromisoformat(self.started).astimezone().strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            since = self.started
        return f"pid {self.pid} on host {self.host}, since {since}"


class RunLocked(Exception):
    """Another run holds the folder, and did not finish within the wait."""

    def __init__(self, run_dir: Path, holder: Holder | None, waited: float = 0.0):
        self.run_dir, self.holder, self.waited = run_dir, holder, waited
        gave_up = f"; gave up after waiting {waited:g} s" if waited else ""
        super().__init__(f"{run_dir}: another run{_named(holder)} is using this folder{gave_up}")


def _named(holder: Holder | None) -> str:
    return f" ({holder})" if holder else ""  # None: taken a moment ago, not named yet


def read_holder(run_dir: Path) -> Holder | None:
    """Who holds `run_dir` as its lock file says (a killed holder included); None when no file names one."""
    try:
        data = json.loads((run_dir / LOCK_FILE).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextmanager
def run_lock(run_dir: Path, wait: float | None = None) -> Iterator[None]:
    """Hold `run_dir` (created if missing) exclusively for the block.

    When another run holds it: wait up to `wait` seconds (None: until it is done; 0: not at all),
    logging who holds it, then raise RunLocked. Nested in the same thread, it holds what the outer
    one holds. Folders it created and that are still empty at the end are removed again, so a run
    that stops before any work (a model that does not load) leaves nothing behind.
    """
    run_dir = Path(run_dir)
    key = (str(run_dir.resolve()), threading.get_ident())
    if key in _held:
        yield
        return
    if fcntl is None:
        logger.warning("%s: no file locks on this system: a run started meanwhile on this folder is not stopped",
                       run_dir)
        yield
        return
    created = [folder for folder in (run_dir, *run_dir.parents) if not folder.exists()]  # deepest first
    try:
        fd = _acquire(run_dir, wait)
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)
            try:
                # Removed while still locked: a waiter that opened this file finds it gone and locks a new one.
                (run_dir / LOCK_FILE).unlink(missing_ok=True)
            finally:
                os.close(fd)  # drops the lock
    finally:
        for folder in created:
            try:
                folder.rmdir()
            except OSError:
                break  # not empty (or not ours to remove): nor are the folders above it


def _acquire(run_dir: Path, wait: float | None) -> int:
    """Lock run_dir's lock file and write this process into it; return its descriptor."""
    path = run_dir / LOCK_FILE
    start = time.monotonic()
    logged: Holder | None | bool = False  # the holder last logged; False: none yet
    while True:
        try:
            run_dir.mkdir(parents=True, exist_ok=True)  # each time: a run that stopped early may have removed it
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # no O_TRUNC: the file names the holder
        except (FileNotFoundError, FileExistsError):  # mkdir says "exists" when it is gone again by its check
            continue  # a folder on the way removed meanwhile by a run that stopped early
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if _is_at(fd, path):
                break
            os.close(fd)  # locked the file its holder removed on release: try the one at the path now
            continue
        except BlockingIOError:
            os.close(fd)
        except BaseException:
            os.close(fd)
            raise
        holder, waited = read_holder(run_dir), time.monotonic() - start
        if wait is not None and waited >= wait:
            raise RunLocked(run_dir, holder, wait)
        if holder != logged:
            until = f" up to {wait:g} s" if wait is not None else " until it is done (--wait SECONDS limits this)"
            logger.warning("%s: another run%s holds this folder; waiting%s", run_dir, _named(holder), until)
            logged = holder
        time.sleep(POLL_SECONDS if wait is None else min(POLL_SECONDS, wait - waited))
    try:
        if logged is not False:
            logger.info("%s: the other run let go after %.0f s; going on", run_dir, time.monotonic() - start)
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": datetime.now().astimezone().isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)  # a killed holder's details
        os.pwrite(fd, (json.dumps(me) + "\n").encode(), 0)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _is_at(fd: int, path: Path) -> bool:
    """Whether the open file `fd` is still the one at `path` (not removed or replaced since it was opened)."""
    with suppress(FileNotFoundError):
        return os.path.samestat(os.fstat(fd), os.stat(path))
    return False
