"""Validator-guided repair of translated segments, in bounded rounds, with every step on record.

Per segment with error findings: round 1 re-translates with the failed items as requirements;
later rounds sample N candidates and keep the one with the fewest errors (ties: the higher mean
log-probability); in every round a sentence that ends with its attribution, or has its weekday
after the verb, is also tried with that in front (reorder.py); last, a wrong figure whose span is
unambiguous may be post-edited to the expected rendering, and a lost name's near-sounding
rendering gets the English original after it.
An attempt is kept only when it has fewer errors (then fewer other targets) than the current text.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.article import Segment, SegmentTranslation
from pipeline.config import RepairConfig
from pipeline.fidelity import check, extract_facts
from pipeline.fidelity.coverage_codes import COMPLETE, TRANSLATED
from pipeline.fidelity.facts import FidelityReport, Finding
from pipeline.fidelity.glossary import Glossary
from pipeline.stages.hints import requirements
from pipeline.stages.reorder import front_context
from pipeline.stages.translate import Translator

RETRANSLATION = "re-translation with requirements"
CANDIDATES = "best of sampled candidates"
POST_EDIT = "post-edit"


@dataclass
class SegmentRepair:
    """What happened to one segment: each attempt, and each error finding's states."""

    index: int
    attempts: list[dict[str, Any]] = field(default_factory=list)
    findings: dict[str, dict[str, Any]] = field(default_factory=dict)
    post_edits: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "attempts": self.attempts, "post_edits": self.post_edits,
                "findings": list(self.findings.values())}


def is_target(f: Finding, warnings: bool = False) -> bool:
    """An error; with `warnings`, also a name, figure or quote the translation lost (not "added")."""
    return f.severity == "error" or (warnings and f.severity == "warning" and f.status in ("missing", "altered"))


def finding_key(f: Finding) -> str:
    """The same fact across attempts: its kind and source span, or for an added fact its text."""
    if f.source is not None:
        return f"{f.kind}@{f.source.start}-{f.source.end}"
    return f"{f.kind}+{f.found}"


def post_edit_figures(text: str, report: FidelityReport) -> tuple[str, list[dict[str, Any]]]:
    """Write the expected rendering over each altered figure whose found text occurs exactly once
    where the figure is not already written right."""
    edits = []
    for f in report.errors:
        if f.kind != "figure" or f.status != "altered" or f.target is None or not f.expected:
            continue
        at = _lone(text, f.target.text, f.expected)
        if at is None:
            continue  # ambiguous: which one is wrong?
        text = text[:at] + f.expected + text[at + len(f.target.text):]
        edits.append({"kind": "figure", "source": f.source.text if f.source else "", "from": f.target.text,
                      "to": f.expected})
    return text, edits


def _lone(text: str, found: str, expected: str) -> int | None:
    """Where `found` occurs exactly once outside the places the figure is already written right
    (5.85億 is wrong in "5.85億ナイラ … 5.85億" only where no ナイラ follows), or None."""
    right = [(m.start(), m.end()) for m in re.finditer(re.escape(expected), text)]
    starts = [m.start() for m in re.finditer(re.escape(found), text)
              if not any(start <= m.start() < end for start, end in right)]
    return starts[0] if len(starts) == 1 else None


def post_edit_names(text: str, report: FidelityReport) -> tuple[str, list[dict[str, Any]]]:
    """Add the English original in brackets after each lost name's near-sounding rendering (斯图亚
    for Siso) that occurs exactly once: a wrong transliteration is then read with its original,
    and a right one the validator could not match loses nothing."""
    edits = []
    for f in report.findings:
        if f.kind != "name" or f.status != "missing" or f.target is None or f.source is None:
            continue
        if text.count(f.target.text) != 1:
            continue
        to = f"{f.target.text}（{f.source.text}）"
        text = text.replace(f.target.text, to, 1)
        edits.append({"kind": "name", "source": f.source.text, "from": f.target.text, "to": to})
    return text, edits


@dataclass
class _Job:
    """One list of segments under repair in one language: its current texts, reports and records."""

    segments: list[Segment]
    lang: str
    current: list[SegmentTranslation]
    document: str | None = None  # the article's English, which the validator checks counts against
    reports: list[FidelityReport] = field(default_factory=list)
    records: dict[int, SegmentRepair] = field(default_factory=dict)


class Repairer:
    """Repairs translations of lists of segments with the translator's model: one list in one
    language (`repair`), or several in the same rounds (`repair_all`)."""

    def __init__(self, translator: Translator, settings: RepairConfig, glossary: Glossary):
        self.translator = translator
        self.settings = settings
        self.glossary = glossary
        self.check_seconds = 0.0  # time spent in the validator, for the manifest

    def check(self, segment: Segment, text: str, lang: str, document: str | None = None) -> FidelityReport:
        start = time.perf_counter()
        try:
            return check(segment.text, text, lang, self.glossary, document)
        finally:
            self.check_seconds += time.perf_counter() - start

    def targets(self, report: FidelityReport) -> list[Finding]:
        """What repair tries to fix: errors, and with `repair.warnings` lost names and figures too."""
        return [f for f in report.findings if is_target(f, self.settings.warnings)]

    def score(self, report: FidelityReport) -> tuple[int, int]:
        """Lower is better: errors first, then the other targets."""
        return len(report.errors), len(self.targets(report))

    def repair(
        self, segments: list[Segment], lang: str, translations: list[SegmentTranslation], document: str | None = None
    ) -> tuple[list[SegmentTranslation], list[dict[str, Any]]]:
        """Better translations where the validator finds errors, and the record of every segment tried.
        `document` is the whole article's English (Article.english), as the validate stage checks with.

        Returns:
            The translations (repaired ones replaced) and one record (SegmentRepair.to_dict) per
            segment that had something to repair (errors; with `repair.warnings` also lost facts
            that are warnings), in segment order.
        """
        return self.repair_all([(segments, lang, translations)], document)[0]

    def repair_all(
        self, jobs: list[tuple[list[Segment], str, list[SegmentTranslation]]], document: str | None = None
    ) -> list[tuple[list[SegmentTranslation], list[dict[str, Any]]]]:
        """`repair()` for several lists at once (an article's and its summary's, in each language):
        each round asks the model once for every list, so that its batches fill up (a batch of a
        few rows costs nearly as much per step as a full one)."""
        states = [_Job(segments, lang, list(translations), document) for segments, lang, translations in jobs]
        for job in states:
            job.reports = [self.check(s, t.text, job.lang, job.document)
                           for s, t in zip(job.segments, job.current, strict=True)]
            job.records = {i: SegmentRepair(job.segments[i].index) for i, r in enumerate(job.reports)
                           if self.targets(r)}
            for i, record in job.records.items():
                self._record(record, 0, "translation", job.reports[i], job.current[i].text, kept=True)
        for round_no in range(1, self.settings.rounds + 1):
            failing = [(job, i) for job in states for i in job.records if self.targets(job.reports[i])]
            if not failing:
                break
            if round_no == 1:
                how, n = RETRANSLATION, 1
            else:
                how, n = CANDIDATES, self.settings.candidates
            plans = [(job, i, self._sources(job.segments[i], how, n)) for job, i in failing]
            requests = []
            for job, i, sources in plans:
                targets = self.targets(job.reports[i])
                needed = requirements(targets, job.lang, self._people(job.segments[i]))
                # Left untranslated or cut short, as when the model obeyed the text: show it how
                # fenced orders are translated (stages/translate.py, EXAMPLES).
                obeyed = any(f.kind == "coverage" and f.expected in (TRANSLATED, COMPLETE) for f in targets)
                requests += [self.translator.request(segment, job.lang, needed, sample=round_no > 1,
                                                     draft=job.current[i].text, examples=obeyed)
                             for segment, _ in sources]
            outputs = iter(self.translator.generator.generate(requests))
            for job, i, sources in plans:
                tried = []
                for segment, label in sources:
                    out = next(outputs)
                    text = self.translator.finish(out.text, segment.text)
                    tried.append((self.check(job.segments[i], text, job.lang, job.document), text, out, label))
                # Fewest errors (then targets) first; among equals, the candidate the model found likelier.
                report, text, out, label = min(tried, key=lambda t: (*self.score(t[0]),
                                                                     -(t[2].mean_logprob or 0.0)))
                kept = self.score(report) < self.score(job.reports[i])
                self._record(job.records[i], round_no, label, report, text, kept, out.mean_logprob)
                if kept:
                    job.reports[i] = report
                    job.current[i] = SegmentTranslation(text, out.hit_limit, out.new_tokens, "repair")
        for job in states:
            if self.settings.post_edit:
                self._post_edit(job)
            for record in job.records.values():
                self._conclude(record)
        return [(job.current, [record.to_dict() for record in job.records.values()]) for job in states]

    def _sources(self, segment: Segment, how: str, n: int) -> list[tuple[Segment, str]]:
        """What one round translates for a segment: it `n` times, and with `repair.reorder` once
        more with its trailing attribution or its day in front (repair/reorder.py), each with its label."""
        sources = [(segment, how if n == 1 else f"{how} ({n})")] * n
        if self.settings.reorder and (front := front_context(segment.text)):
            text, moved = front
            sources.append((replace(segment, text=text), f"{how}, {moved}"))
        return sources

    @staticmethod
    def _people(segment: Segment) -> frozenset[str]:
        """The segment's people, whom a lost-name requirement may ask for in katakana or Latin letters."""
        return frozenset(name.text for name in extract_facts(segment.text).names if name.label == "PERSON")

    def _post_edit(self, job: _Job) -> None:
        for i, record in job.records.items():
            text, edits = post_edit_figures(job.current[i].text, job.reports[i])
            text, name_edits = post_edit_names(text, job.reports[i])
            edits += name_edits
            if not edits:
                continue
            report = self.check(job.segments[i], text, job.lang, job.document)
            kept = self.score(report) < self.score(job.reports[i])
            self._record(record, self.settings.rounds + 1, POST_EDIT, report, text, kept)
            if kept:
                record.post_edits.extend(edits)
                job.reports[i] = report
                job.current[i] = replace(job.current[i], text=text, method="post-edit")

    def _record(self, record: SegmentRepair, round_no: int, how: str, report: FidelityReport, text: str, kept: bool,
                mean_logprob: float | None = None) -> None:
        """Add an attempt, and the state of every fact that was ever a target in this segment."""
        attempt = {"round": round_no, "how": how, "errors": len(report.errors), "kept": kept, "text": text}
        if mean_logprob is not None:
            attempt["mean_logprob"] = round(mean_logprob, 4)
        record.attempts.append(attempt)
        by_key = {finding_key(f): f for f in report.findings}
        for key, f in by_key.items():
            if is_target(f, self.settings.warnings) and key not in record.findings:
                record.findings[key] = {"kind": f.kind, "source": f.source.text if f.source else None,
                                        "expected": f.expected, "states": []}
        for key, entry in record.findings.items():
            f = by_key.get(key)
            entry["states"].append({
                "round": round_no, "how": how, "kept": kept,
                "status": f.status if f else "gone", "severity": f.severity if f else "info",
                "found": f.found if f else "", "target": bool(f and is_target(f, self.settings.warnings)),
            })

    @staticmethod
    def _conclude(record: SegmentRepair) -> None:
        """Each fact's outcome: how it was repaired, or that it still fails."""
        for key, entry in list(record.findings.items()):
            kept_states = [s for s in entry["states"] if s["kept"]]
            if not kept_states or not kept_states[0]["target"]:
                del record.findings[key]  # a problem of a rejected attempt only
            elif kept_states[-1]["target"]:
                entry["outcome"] = "still failing"
            else:
                fixed = next(s for s in kept_states if not s["target"])
                entry["outcome"] = f"repaired by {fixed['how']}"


def repair_counts(repairs: dict[str, dict[str, list[dict[str, Any]]]]) -> dict[str, dict[str, Any]]:
    """Per language: segments that had errors, findings repaired (by how) and still failing."""
    counts: dict[str, dict[str, Any]] = {}
    for by_lang in repairs.values():
        for lang, records in by_lang.items():
            entry = counts.setdefault(lang, {"segments_with_errors": 0, "segments_fixed": 0, "repaired": {},
                                             "still_failing": 0})
            for record in records:
                entry["segments_with_errors"] += 1
                outcomes = [f["outcome"] for f in record["findings"]]
                entry["segments_fixed"] += all(o != "still failing" for o in outcomes)
                entry["still_failing"] += outcomes.count("still failing")
                for outcome in outcomes:
                    if outcome.startswith("repaired by "):
                        how = outcome.removeprefix("repaired by ")
                        entry["repaired"][how] = entry["repaired"].get(how, 0) + 1
    return counts
