"""A cache of greedy generations keyed by (model, decoding, prompt): reruns and repeats cost nothing.

Greedy decoding makes a generation a function of the model file, its dtype, the decoding settings
and the request, so its text can be stored and served again: a rerun with --force, an article
that repeats a sentence, a batch of articles sharing boilerplate. Sampled requests (repair
candidates) are never cached. The store is SQLite (stdlib; one file, safe across processes).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pipeline.models.base import Generation, Request, TextGenerator

logger = logging.getLogger(__name__)


class CachedGenerator:
    """Wraps a TextGenerator: identical greedy requests are generated once, ever."""

    def __init__(self, inner: TextGenerator, path: Path, identity: dict[str, Any]):
        self.inner = inner
        self.family = inner.family
        self.resolved = inner.resolved
        self.path = path
        # Everything besides the request that decides the output.
        self._identity = json.dumps(identity, sort_keys=True)
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._create()
        except sqlite3.DatabaseError as e:
            # It holds only outputs the model makes again: set the damaged file aside, start anew.
            aside = path.with_name(path.name + ".corrupt")
            logger.warning("%s: %s; moved to %s, starting an empty generation cache", path, e, aside.name)
            path.replace(aside)
            self._create()
        self.hits = 0
        self.misses = 0

    def __getattr__(self, name: str) -> Any:  # model, tokenizer, ... of the wrapped generator
        return getattr(self.inner, name)

    def _create(self) -> None:
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS generations (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def key(self, request: Request) -> str:
        payload = json.dumps([self._identity, request.text, request.instruction, request.target_lang,
                              request.max_new_tokens, request.examples, request.notes, request.task],
                             ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def generate(self, requests: list[Request]) -> list[Generation]:
        """Cached results where there are; the rest generated once per distinct request, then stored."""
        keys = [None if r.sample else self.key(r) for r in requests]
        with self._lock, self._connect() as db:
            wanted = sorted({k for k in keys if k})
            found = {}
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                rows = db.execute(f"SELECT key, value FROM generations WHERE key IN ({','.join('?' * len(chunk))})",
                                  chunk).fetchall()
                found.update({k: Generation(**json.loads(v)) for k, v in rows})
        todo: dict[str, Request] = {}
        sampled = []
        for i, (k, r) in enumerate(zip(keys, requests, strict=True)):
            if k is None:
                sampled.append(i)
            elif k not in found:
                todo.setdefault(k, r)
        outputs = self.inner.generate(list(todo.values()) + [requests[i] for i in sampled])
        fresh = dict(zip(todo, outputs[:len(todo)], strict=True))
        if fresh:
            with self._lock, self._connect() as db:
                db.executemany("INSERT OR REPLACE INTO generations VALUES (?, ?)",
                               [(k, json.dumps(asdict(g), ensure_ascii=False)) for k, g in fresh.items()])
        self.hits += sum(1 for k in keys if k and k in found)
        self.misses += len(fresh)
        by_sample = dict(zip(sampled, outputs[len(todo):], strict=True))
        return [by_sample[i] if k is None else found.get(k) or fresh[k] for i, k in enumerate(keys)]
