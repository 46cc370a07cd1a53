"""English news into faithful Japanese and Chinese: summary, translation and fidelity checks.

    import pipeline

    report = pipeline.check(source, translation, "ja")      # the validator alone, any MT system
    pipeline.assert_faithful(source, translation, "ja")     # the same, as a test assertion

    translator = pipeline.load("configs/default.yaml")      # models loaded once
    result = translator.translate_article(text, langs=["ja", "zh-Hans"])

The public names load on first use (PEP 562), so `import pipeline` loads neither torch nor spaCy.
Reference: docs/api.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "FidelityReport",
    "Finding",
    "Pipeline",
    "Result",
    "SegmentResult",
    "__version__",
    "assert_faithful",
    "check",
    "load",
    "translate_article",
]

if TYPE_CHECKING:
    from pipeline.api import (
        FidelityReport,
        Finding,
        Pipeline,
        Result,
        SegmentResult,
        assert_faithful,
        check,
        load,
        translate_article,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
