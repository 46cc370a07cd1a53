"""The validator's records: facts of the English source, findings about a translation, the report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Stable reason codes: reports, tests and the repair step depend on them.
KINDS = ("name", "figure", "quote", "coverage")
STATUSES = ("preserved", "missing", "altered", "added")
SEVERITIES = ("error", "warning", "info")
LANGS = ("ja", "zh-Hans", "zh-Hant")


@dataclass(frozen=True)
class Span:
    """A piece of text and where it sits (character offsets, end exclusive)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    """A value with its unit, comparable across scripts.

    `unit` is canonical: "" (a plain count), "%", "pp" (percentage points), an ISO currency code
    ("JPY", "USD", "CNY", "HKD", "GBP", "EUR"; "DOLLAR" for an unqualified $), a duration ("year",
    "month", "week", "day", "hour"), "year-date" (in 1962), "month-date" (Jan., value = month),
    "day-date" (the 7 of Jan. 7), "weekday" (0 = Monday), "time" (hours after midnight) or "ordinal".
    """

    value: float
    unit: str
    span: Span
    words: bool = False  # written in words ("three"), which translations may legitimately drop

    def same_value(self, other: Figure) -> bool:
        """Equal values, tolerant of float rounding (0.11 == 0.110000001)."""
        return abs(self.value - other.value) <= 1e-9 * max(1.0, abs(self.value), abs(other.value))


@dataclass(frozen=True)
class Name:
    """A person, organisation or place of the English source."""

    text: str
    label: str  # "PERSON" | "ORG" | "GPE" | "LOC" | "NORP"
    span: Span
    # Named as a place ("in Paris", "Washington state"), not as a government ("Paris said").
    as_location: bool = False
    # A country named only before one of its institutions ("the U.S. Capitol", "U.S. Senate").
    before_institution: bool = False
    # Written after "the" as a noun of its own (the Moon, the Sun; not "the Trump administration").
    after_the: bool = False


@dataclass(frozen=True)
class Quote:
    """A direct quote: the quoted words without their marks."""

    text: str
    span: Span


@dataclass
class Facts:
    """Everything the validator checks in one English text."""

    names: list[Name] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.names) + len(self.figures) + len(self.quotes)


@dataclass
class Finding:
    """One verdict about one fact: kind + status is the reason code."""

    kind: str
    status: str
    severity: str
    source: Span | None
    target: Span | None
    expected: str = ""
    found: str = ""
    evidence: str = ""
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in findings files."""
        return asdict(self)


@dataclass
class FidelityReport:
    """All findings for one (source, translation, language) triple."""

    lang: str
    facts: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Findings with severity "error"."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not self.errors

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of findings per kind and status."""
        table: dict[str, dict[str, int]] = {}
        for f in self.findings:
            table.setdefault(f.kind, {}).setdefault(f.status, 0)
            table[f.kind][f.status] += 1
        return table

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: language, fact count and every finding."""
        return {"lang": self.lang, "facts": self.facts, "findings": [f.to_dict() for f in self.findings]}
