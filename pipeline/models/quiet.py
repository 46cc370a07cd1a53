"""Quiet model loads: no third-party message that does not apply to how the pipeline loads.

transformers warns that a GGUF "with its weights packed is fastest in float32" whenever another
dtype is asked for; the pipeline asks for the configured dtype on purpose (it dequantises into it
and packs its own int4 copy, pipeline.models.int4), so the advice is wrong here. Its "Loading
weights" bars follow the pipeline's own progress setting (on at a terminal, off in logs).
"""

from __future__ import annotations

import logging

from pipeline import progress


class _DropMessage(logging.Filter):
    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def filter(self, record: logging.LogRecord) -> bool:
        return self.text not in record.getMessage()


_GGUF_DTYPE = _DropMessage("with its weights packed is fastest in float32")


def quiet_transformers() -> None:
    """Apply the filters and the progress setting before a load (idempotent)."""
    from transformers.utils import logging as hf_logging

    gguf_logger = logging.getLogger("transformers.quantizers.quantizer_gguf")
    if _GGUF_DTYPE not in gguf_logger.filters:
        gguf_logger.addFilter(_GGUF_DTYPE)
    if progress.enabled():
        hf_logging.enable_progress_bar()
    else:
        hf_logging.disable_progress_bar()
