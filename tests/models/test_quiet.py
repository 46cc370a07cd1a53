"""Model loads stay quiet: transformers' GGUF dtype advice is dropped, its bars follow ours."""

import logging

from pipeline import progress
from pipeline.models.quiet import quiet_transformers


def test_the_gguf_dtype_advice_is_dropped_and_other_warnings_kept(caplog):
    quiet_transformers()
    gguf = logging.getLogger("transformers.quantizers.quantizer_gguf")
    with caplog.at_level(logging.WARNING, logger="transformers.quantizers.quantizer_gguf"):
        gguf.warning("Loading a GGUF checkpoint with its weights packed is fastest in float32, and this one …")
        gguf.warning("something else went wrong")
    assert [r.getMessage() for r in caplog.records] == ["something else went wrong"]


def test_transformers_bars_follow_the_pipelines_setting():
    from transformers.utils import logging as hf_logging

    try:
        progress.enable(False)
        quiet_transformers()
        assert not hf_logging.is_progress_bar_enabled()
        progress.enable(True)
        quiet_transformers()
        assert hf_logging.is_progress_bar_enabled()
    finally:
        progress.enable(False)
        quiet_transformers()
