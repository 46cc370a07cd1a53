"""A converted copy of a GGUF model: dequantised once, saved as safetensors, loaded in seconds.

transformers dequantises a GGUF at every start (about a minute for the embedded model here). The
first run saves the loaded model and tokenizer with save_pretrained (safetensors) into the cache,
in a folder named by the GGUF's sha256 and the dtype; later runs load that folder instead. The
folder is written under a temporary name and renamed, so a half-written copy is never used.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from pipeline.models.embedded import cache_dir

logger = logging.getLogger(__name__)
MARKER = "converted.json"  # written last: its presence means the copy is complete


def converted_folder(sha256: str, dtype: str) -> Path:
    """Where the converted copy of the GGUF with this hash, in this dtype, lives."""
    return cache_dir() / "converted" / f"{sha256[:16]}-{dtype}"


def is_complete(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def save_converted(model: Any, tokenizer: Any, folder: Path, source: dict[str, Any]) -> bool:
    """Save `model` and `tokenizer` as the converted copy; False (and a warning) when it cannot.

    A failure here (a full disk, say) never fails the run: the next start just converts again.
    """
    tmp = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / MARKER).write_text(json.dumps(source, indent=2) + "\n", encoding="utf-8")
        if folder.exists():  # another process finished first; theirs is as good
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, folder)
        return True
    except OSError as e:
        logger.warning("could not save a converted copy of the model in %s (%s); the next start converts again",
                       folder, e)
        shutil.rmtree(tmp, ignore_errors=True)
        return False
