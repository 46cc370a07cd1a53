"""Shared fixtures: tiny models (built once per session) and the example article."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from tests.tiny_models import build_bart_model, build_chat_model, build_m2m100_model, train_tokenizer

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "article.txt"


# Where configs/tiny.yaml expects the tiny models (ignored by git; rebuilt by every test session).
TINY_MODELS = ROOT / ".cache" / "tiny-models"


@pytest.fixture(scope="session")
def tiny_models() -> dict[str, Path]:
    """Folders of a tiny chat, M2M100 and BART model, saved with save_pretrained."""
    torch.manual_seed(0)
    base = TINY_MODELS
    tokenizer = train_tokenizer()
    return {
        "chat": build_chat_model(base / "chat", tokenizer),
        "m2m100": build_m2m100_model(base / "m2m100", tokenizer),
        "bart": build_bart_model(base / "bart", tokenizer),
    }


@pytest.fixture(scope="session")
def example_text() -> str:
    """The example article (a TVB News report, 2026-01-07) as shipped in examples/."""
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def local_ray():
    """A local Ray of two CPUs for the Ray engine's tests, started once; the engine uses a Ray that is
    already running as it is and leaves it running."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
