"""Reports people read: an HTML page per article, a run index, and one JSONL line per article.

Built from what a run already wrote (fidelity.json, manifest.json, summary.en.txt), so a report
can be remade for any finished article. Every fact is highlighted in the English and in each
translation: preserved, repaired, failing (an error) or doubtful (a warning); hovering shows the
evidence. Templates are Jinja2 (pipeline/io/templates), autoescaped.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from pipeline.fidelity.facts import LANGS
from pipeline.io.writers import atomic_write

STATES = ("failing", "warning", "repaired", "preserved")


@lru_cache(maxsize=1)
def _templates():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("pipeline.io", "templates"), autoescape=select_autoescape(["html"]))


def fact_state(finding: dict[str, Any], outcomes: dict[str, str]) -> str:
    """failing / warning / repaired / preserved, for colouring one finding."""
    if finding["severity"] == "error":
        return "failing"
    if finding["severity"] == "warning":
        return "warning"
    source = (finding.get("source") or {}).get("text")
    if source and outcomes.get(source, "").startswith("repaired"):
        return "repaired"
    return "preserved"


def highlight(text: str, marks: list[tuple[int, int, str, str]]) -> Markup:
    """`text` with each (start, end, state, title) span wrapped in a <mark>; overlaps keep the first."""
    out, at = [], 0
    for start, end, state, title in sorted(marks, key=lambda m: (m[0], -(m[1] - m[0]))):
        if start < at or end > len(text) or start >= end:
            continue
        out.append(escape(text[at:start]))
        out.append(Markup('<mark class="{}" title="{}">{}</mark>').format(state, title, text[start:end]))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def _marks(findings: list[dict[str, Any]], side: str, outcomes: dict[str, str]) -> list[tuple[int, int, str, str]]:
    marks = []
    for f in findings:
        span = f.get(side)
        if span and f["kind"] != "coverage":
            title = f"{f['kind']} {f['status']}: {f['message']}" + (f" [{f['evidence']}]" if f["evidence"] else "")
            if (outcome := outcomes.get((f.get("source") or {}).get("text", ""))) is not None:
                title += f" ({outcome})"
            marks.append((span["start"], span["end"], fact_state(f, outcomes), title))
    return marks


def article_view(folder: Path) -> dict[str, Any]:
    """Everything the article page shows, from the files a run wrote in `folder`."""
    fidelity = json.loads((folder / "fidelity.json").read_text(encoding="utf-8"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    summary_file = folder / "summary.en.txt"
    langs = list(fidelity["langs"])
    rows: dict[tuple[str, int], dict[str, Any]] = {}
    counts: dict[str, dict[str, dict[str, int]]] = {}
    for lang, entry in fidelity["langs"].items():
        for segment in entry["segments"]:
            outcomes = {f["source"]: f["outcome"] for f in (segment.get("repair") or {}).get("findings", [])}
            row = rows.setdefault((segment["part"], segment["index"]), {
                "part": segment["part"], "index": segment["index"], "english": segment["source"],
                "source_marks": {}, "targets": {}, "states": set(),
            })
            # The English shows each fact once, in its worst state over the languages.
            for start, end, state, title in _marks(segment["findings"], "source", outcomes):
                old = row["source_marks"].get((start, end))
                worst = state if old is None or STATES.index(state) < STATES.index(old[0]) else old[0]
                row["source_marks"][(start, end)] = (worst, (old[1] + "\n" if old else "") + f"{lang}: {title}")
            row["targets"][lang] = {
                "text": highlight(segment["translation"], _marks(segment["findings"], "target", outcomes)),
                "notes": [f["message"] for f in segment["findings"] if f["kind"] == "coverage"]
                + [f"post-edit: {e['from']} → {e['to']}" for e in (segment.get("repair") or {}).get("post_edits", [])],
            }
            for f in segment["findings"]:
                state = fact_state(f, outcomes)
                row["states"].add(state)
                by_kind = counts.setdefault(lang, {}).setdefault(f["kind"], dict.fromkeys(STATES, 0))
                by_kind[state] += 1
    for row in rows.values():
        marks = [(start, end, state, title) for (start, end), (state, title) in row.pop("source_marks").items()]
        row["source"] = highlight(row.pop("english"), marks)
    summary_check = fidelity.get("summary_check") or {}
    return {
        "id": manifest["article"]["id"], "title": manifest["article"]["title"] or manifest["article"]["id"],
        "article": manifest["article"], "manifest": manifest, "langs": langs,
        "summary": summary_file.read_text(encoding="utf-8").strip() if summary_file.is_file() else "",
        "summary_findings": summary_check.get("findings", []),
        "rows": [rows[k] for k in sorted(rows, key=lambda k: (k[0] != "summary", k[1]))],
        "counts": counts, "states": STATES,
        "errors": sum(v.get("errors", 0) for v in fidelity["langs"].values()) + summary_check.get("errors", 0),
    }


def article_record(view: dict[str, Any]) -> dict[str, Any]:
    """One JSONL line per article, with the same keys and types on every line (datasets-friendly)."""
    return {
        "id": view["id"], "title": view["article"]["title"], "date": view["article"]["date"],
        "source": view["article"]["source"], "summary": view["summary"],
        "errors": view["errors"], "summary_errors": len(view["summary_findings"]),
        **{f"{state}_{lang}": sum(k[state] for k in view["counts"].get(lang, {}).values())
           for lang in LANGS for state in STATES},
    }


def write_article_report(folder: Path) -> Path:
    """report.html in the article's folder."""
    html = _templates().get_template("article.html").render(**article_view(folder))
    atomic_write(folder / "report.html", html)
    return folder / "report.html"


def write_run_reports(run_dir: Path) -> tuple[Path, Path]:
    """index.html (failures first, totals) and articles.jsonl for every finished article of a run."""
    views = [article_view(manifest.parent) for manifest in sorted(run_dir.glob("*/manifest.json"))]
    records = [article_record(v) for v in views]
    records.sort(key=lambda r: (-r["errors"], r["id"]))
    totals = {k: sum(r[k] for r in records) for k in records[0] if isinstance(records[0][k], int)} if records else {}
    html = _templates().get_template("index.html").render(run=run_dir.name, records=records, totals=totals,
                                                          states=STATES, langs=LANGS)
    atomic_write(run_dir / "index.html", html)
    atomic_write(run_dir / "articles.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return run_dir / "index.html", run_dir / "articles.jsonl"
