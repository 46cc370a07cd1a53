"""The user glossary: known renderings of names, used as hints and as validator evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from pipeline.fidelity.dictionaries import opencc_s2hk

# Shipped inside the package: the example article's names and widely used terms (countries'
# short forms, agencies), never one reference translation's spellings.
DEFAULT_GLOSSARY = Path(__file__).resolve().parent / "glossary.yaml"


class GlossaryError(ValueError):
    """A glossary file that cannot be used; the message names the file and the entry."""


class GlossaryEntry(BaseModel):
    """One name: its English form and its renderings (a string, or a list with short forms)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    en: str
    ja: list[str] = []
    zh_Hans: list[str] = []
    zh_Hant: list[str] = []
    aliases: list[str] = []  # other English forms ("Takaichi" for "Sanae Takaichi")

    @field_validator("ja", "zh_Hans", "zh_Hant", "aliases", mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    def listed(self, lang: str) -> list[str]:
        """The renderings for `lang` ("ja", "zh-Hans", "zh-Hant") as listed, the preferred first. zh-Hant
        also has the OpenCC (s2hk) conversions of the zh-Hans forms: the pipeline's zh-Hant is that
        conversion of its zh-Hans (国家医疗服务体系 → 國家醫療服務體系)."""
        forms = getattr(self, lang.replace("-", "_"))
        if lang == "zh-Hant":
            forms = list(dict.fromkeys([*forms, *(opencc_s2hk().convert(f) for f in self.zh_Hans)]))
        return forms

    def renderings(self, lang: str) -> list[str]:
        """The renderings for `lang`, longest first (a longer form is matched before its short form)."""
        return sorted(self.listed(lang), key=len, reverse=True)


@dataclass
class Glossary:
    """Entries looked up by any English form, case-insensitively."""

    entries: list[GlossaryEntry] = field(default_factory=list)
    # English form or alias → the first entry that has it, built at the first lookup (a scan of
    # every entry per lookup was a twentieth of the validator's time); rebuilt if entries change.
    _index: dict[str, GlossaryEntry] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    def lookup(self, english: str) -> GlossaryEntry | None:
        """The entry whose English form or alias is `english`."""
        if self._indexed != len(self.entries):
            self._index = {}
            for entry in self.entries:
                for form in (entry.en, *entry.aliases):
                    self._index.setdefault(form.lower(), entry)
            self._indexed = len(self.entries)
        return self._index.get(english.strip().lower())

    def extend(self, other: Glossary) -> Glossary:
        """A glossary with `other`'s entries first (a run's own glossary overrides the shipped one)."""
        return Glossary(other.entries + self.entries)


def load_glossary(path: str | Path | None = DEFAULT_GLOSSARY) -> Glossary:
    """Read a glossary YAML file (a list of entries; keys en, ja, zh-Hans, zh-Hant, aliases).

    Raises:
        GlossaryError: unreadable file or an invalid entry, naming the file and the entry.
    """
    if path is None:
        return Glossary()
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as e:
        raise GlossaryError(f"{path}: cannot read glossary: {e}") from e
    if not isinstance(raw, list):
        raise GlossaryError(f"{path}: a glossary is a list of entries, got {type(raw).__name__}")
    entries = []
    for number, item in enumerate(raw, start=1):
        if isinstance(item, dict):
            item = {k.replace("-", "_"): v for k, v in item.items()}
        try:
            entries.append(GlossaryEntry.model_validate(item))
        except ValidationError as e:
            raise GlossaryError(f"{path}: entry {number}: {_problems(e)}") from e
    return Glossary(entries)


def _problems(error: ValidationError) -> str:
    """One readable clause per problem: the key and what is wrong with it."""
    problems = []
    for item in error.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(entry)"
        if item["type"] == "extra_forbidden":
            problems.append(f"unknown key {key!r} (allowed: en, ja, zh-Hans, zh-Hant, aliases)")
        else:
            problems.append(f"{key}: {item['msg']}")
    return "; ".join(problems)
