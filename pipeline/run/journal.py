"""Where a run resumes: its folder's name and the journal of the articles it has finished."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.config import PipelineConfig
from pipeline.io.readers import safe_id
from pipeline.io.writers import to_json

JOURNAL = "journal.jsonl"


def finished_ids(run_dir: Path) -> set[str]:
    """Articles a run has finished: in its journal, with their manifest (written last) in place."""
    journal = run_dir / JOURNAL
    if not journal.is_file():
        return set()
    ids = set()
    for line in journal.read_text(encoding="utf-8").splitlines():
        try:
            article_id = json.loads(line)["id"]
        except (json.JSONDecodeError, KeyError, TypeError):
            continue  # a line cut by a kill: that article is simply done again
        if (run_dir / article_id / "manifest.json").is_file():
            ids.add(article_id)
    return ids


def append_journal(run_dir: Path, entry: dict[str, Any]) -> None:
    """One line per finished article, flushed to disk before the next article starts."""
    with open(run_dir / JOURNAL, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def default_run_id(input_path: str | Path, config: PipelineConfig) -> str:
    """The same input and config give the same run folder, so rerunning a command resumes it.

    Standard input is new every time: its runs are named by the start time. Where the articles
    run (engine, ray) is left out: both engines write the same outputs, so either resumes the other.
    """
    if str(input_path) == "-":
        return "stdin-" + datetime.now().strftime("%Y%m%d-%H%M%S")
    resolved = str(Path(input_path).resolve())
    settings = config.model_dump(mode="json", exclude={"engine", "ray"})
    digest = hashlib.sha256((resolved + to_json(settings)).encode()).hexdigest()[:8]
    return safe_id(f"{Path(resolved).stem or 'input'}-{digest}")
