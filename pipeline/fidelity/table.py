"""Readable forms of a FidelityReport: a plain-text table for the terminal."""

from __future__ import annotations

from pipeline.fidelity.facts import FidelityReport

_ORDER = {"error": 0, "warning": 1, "info": 2}


def format_table(report: FidelityReport) -> str:
    """One row per finding, errors first, then a count per kind and status."""
    rows = [("severity", "kind", "status", "source", "target", "evidence / message")]
    for f in sorted(report.findings, key=lambda f: (_ORDER[f.severity], f.source.start if f.source else 1 << 30)):
        rows.append((f.severity, f.kind, f.status, _cut(f.source.text if f.source else "-"),
                     _cut(f.target.text if f.target else "-"), f.message if f.severity != "info" else f.evidence))
    widths = [max(_width(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5] for row in rows]
    counts = ", ".join(f"{kind} {status} {n}" for kind, by in report.counts().items() for status, n in by.items())
    verdict = "OK" if report.ok else f"{len(report.errors)} error(s)"
    return "\n".join(lines + [f"{report.lang}: {report.facts} facts; {counts}; {verdict}"])


def _cut(text: str, limit: int = 28) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
