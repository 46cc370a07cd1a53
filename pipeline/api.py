"""The public Python API: translate articles with loaded models, check translations from any system.

`pipeline/__init__.py` re-exports these names lazily, so `import pipeline` stays cheap; the models
(torch) load in `load()`, the validator's dictionaries (spaCy, CC-CEDICT, JMdict ...) on the first
`check()`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.fidelity.facts import LANGS, SEVERITIES, Finding, Span
from pipeline.fidelity.facts import FidelityReport as _ValidatorReport
from pipeline.fidelity.table import format_table

if TYPE_CHECKING:
    from pipeline.article import Article
    from pipeline.config import PipelineConfig
    from pipeline.fidelity.glossary import Glossary
    from pipeline.run.loaded_models import Models
    from pipeline.run.runner import BatchRunner

# The glossary used when a call passes none; the pytest plugin sets it from --fidelity-glossary and
# the fidelity_glossary marker, so that a plain assert_faithful() inside a test follows them.
_DEFAULT_GLOSSARY: ContextVar[str | Path | None] = ContextVar("fidelity_default_glossary", default=None)
_GLOSSARIES: dict[tuple[str, int], Glossary] = {}


@dataclass
class FidelityReport(_ValidatorReport):
    """What the validator found in one translation of one English text.

    Attributes:
        lang: "ja", "zh-Hans" or "zh-Hant".
        facts: how many names, figures and quotes the source has.
        findings: one Finding per source fact (preserved ones too, severity "info"), facts the
            translation adds, and coverage problems. Spans are character offsets into `source`
            and `translation`.
        source, translation: the texts checked.
    """

    source: str = ""
    translation: str = ""

    @property
    def warnings(self) -> list[Finding]:
        """Findings with severity "warning": renderings no rule can verify; read them."""
        return [f for f in self.findings if f.severity == "warning"]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `FidelityReport.from_dict` reads it back."""
        return {"lang": self.lang, "facts": self.facts, "ok": self.ok, "source": self.source,
                "translation": self.translation, "findings": [f.to_dict() for f in self.findings]}

    def to_json(self, indent: int | None = 2) -> str:
        """`to_dict()` as JSON, Japanese and Chinese kept as characters."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FidelityReport:
        """The report `to_dict()` wrote (`ok` is derived and ignored)."""
        return cls(lang=data["lang"], facts=data["facts"], findings=[_finding(f) for f in data["findings"]],
                   source=data.get("source", ""), translation=data.get("translation", ""))

    def __str__(self) -> str:
        """The table `python -m pipeline check` prints: one row per finding, errors first, then counts."""
        return format_table(self)


@dataclass
class SegmentResult:
    """One source segment (the title, a sentence or a paragraph) and its translations.

    Attributes:
        part: "article" or "summary".
        index: the segment's position in its part.
        kind: "title", "sentence" or "paragraph".
        paragraph: the source paragraph it belongs to.
        source: the English text.
        translations: lang -> the translated text.
        methods: lang -> how it was made ("model", "opencc", "repair", "post-edit").
        truncated: lang -> True when generation hit its token limit (the end may be missing).
        reports: lang -> the validator's report on this segment.
        repairs: lang -> the repair record (attempts, post-edits, each fact's outcome) of a segment
            that had error findings; absent otherwise.
    """

    part: str
    index: int
    kind: str
    paragraph: int
    source: str
    translations: dict[str, str] = field(default_factory=dict)
    methods: dict[str, str] = field(default_factory=dict)
    truncated: dict[str, bool] = field(default_factory=dict)
    reports: dict[str, FidelityReport] = field(default_factory=dict)
    repairs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"part": self.part, "index": self.index, "kind": self.kind, "paragraph": self.paragraph,
                "source": self.source, "translations": dict(self.translations), "methods": dict(self.methods),
                "truncated": dict(self.truncated),
                "reports": {lang: r.to_dict() for lang, r in self.reports.items()},
                "repairs": copy.deepcopy(self.repairs)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SegmentResult:
        """The segment `to_dict()` wrote."""
        return cls(part=data["part"], index=data["index"], kind=data["kind"], paragraph=data["paragraph"],
                   source=data["source"], translations=dict(data["translations"]), methods=dict(data["methods"]),
                   truncated=dict(data["truncated"]),
                   reports={lang: FidelityReport.from_dict(r) for lang, r in data["reports"].items()},
                   repairs=copy.deepcopy(data["repairs"]))


@dataclass
class Result:
    """One article summarised, translated, repaired and checked.

    Attributes:
        id, title: the article's id and title.
        source: the English text of the article (without its title).
        langs: the target languages, in order.
        summary: the English summary.
        translations: part ("article", "summary") -> lang -> the translated document, as the
            run writes `article.<lang>.txt` (the title on its own line, paragraphs kept).
        segments: the alignment: every source segment with its translations, reports and repairs.
        summary_check: names and figures of the summary that the article lacks.
        validator_signature: which validator made the findings (versions, glossary hash).
        timings: seconds per stage.
    """

    id: str
    title: str
    source: str
    langs: list[str]
    summary: str | None
    translations: dict[str, dict[str, str]]
    segments: list[SegmentResult]
    summary_check: dict[str, Any] | None = None
    validator_signature: str = ""
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def reports(self) -> dict[str, FidelityReport]:
        """lang -> one report holding the findings of every segment (article and summary) in that
        language; each finding's spans point into its own segment (see `segments`)."""
        merged = {lang: FidelityReport(lang=lang, facts=0) for lang in self.langs}
        for segment in self.segments:
            for lang, report in segment.reports.items():
                merged[lang].facts += report.facts
                merged[lang].findings += report.findings
        return merged

    @property
    def findings(self) -> dict[str, list[Finding]]:
        """lang -> every finding in that language."""
        return {lang: report.findings for lang, report in self.reports.items()}

    @property
    def errors(self) -> dict[str, list[Finding]]:
        """lang -> the error findings left after repair."""
        return {lang: report.errors for lang, report in self.reports.items()}

    @property
    def ok(self) -> bool:
        """True when no language has an error finding left."""
        return all(report.ok for report in self.reports.values())

    @property
    def repairs(self) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """part -> lang -> the repair records of the segments that had error findings."""
        records: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for segment in self.segments:
            for lang, record in segment.repairs.items():
                records.setdefault(segment.part, {}).setdefault(lang, []).append(record)
        return records

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `Result.from_dict` reads it back."""
        return {"id": self.id, "title": self.title, "source": self.source, "langs": list(self.langs),
                "summary": self.summary, "translations": copy.deepcopy(self.translations),
                "segments": [s.to_dict() for s in self.segments], "summary_check": copy.deepcopy(self.summary_check),
                "validator_signature": self.validator_signature, "timings": dict(self.timings)}

    def to_json(self, indent: int | None = 2) -> str:
        """`to_dict()` as JSON, Japanese and Chinese kept as characters."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """The result `to_dict()` wrote."""
        return cls(id=data["id"], title=data["title"], source=data["source"], langs=list(data["langs"]),
                   summary=data["summary"], translations=copy.deepcopy(data["translations"]),
                   segments=[SegmentResult.from_dict(s) for s in data["segments"]],
                   summary_check=copy.deepcopy(data.get("summary_check")),
                   validator_signature=data.get("validator_signature", ""), timings=dict(data.get("timings", {})))

    def __str__(self) -> str:
        """The summary, then per language the translations and the table `pipeline check` prints."""
        lines = [f"article {self.id}" + (f": {self.title}" if self.title else "")]
        if self.summary:
            lines += ["", "summary (en):", self.summary.strip()]
        reports = self.reports
        for lang in self.langs:
            lines += ["", f"== {lang} =="]
            for part in ("summary", "article"):
                text = self.translations.get(part, {}).get(lang)
                if text is not None:
                    lines += [f"{part}:", text.strip(), ""]
            lines.append(str(reports[lang]))
        return "\n".join(lines)


class Pipeline:
    """The loaded models and settings, kept across calls: load once, translate many articles.

    Made by `load()`. Not thread-safe: one article at a time.
    """

    def __init__(self, config: PipelineConfig, models: Models):
        self.config = config
        self._models = models
        self._runners: dict[tuple[str, ...], BatchRunner] = {}

    @property
    def load_seconds(self) -> float:
        """How long the models took to load."""
        return self._models.load_seconds

    def translate_article(self, article: str | Article, langs: Iterable[str] | None = None) -> Result:
        """Summarise, translate, repair and check one article.

        The input is screened as `pipeline run` screens files: HTML is reduced to its text, and
        binary data or another language than English is refused.

        Args:
            article: the English text (it may start with a title, a date line and a source line,
                as `pipeline run` reads a .txt), or a `pipeline.article.Article` (left unchanged).
            langs: target languages among "ja", "zh-Hans", "zh-Hant"; default: the config's
                `translation.langs`.

        Raises:
            ValueError: no text, not English text (`pipeline.io.screening.ScreeningError`), or an
                unknown or repeated language.
        """
        from pipeline.io.readers import parse_text_article
        from pipeline.io.screening import screen

        langs = _checked_langs(list(self.config.translation.langs if langs is None else langs))
        if isinstance(article, str):
            if not article.strip():
                raise ValueError("the article has no text")
            article = parse_text_article(article, "article")
        else:
            article = copy.deepcopy(article)  # the runner fills it in place; the caller's stays as given
        processed = self._runner(langs).process(screen(article))
        return _result(processed, langs)

    def _runner(self, langs: list[str]) -> BatchRunner:
        from pipeline.run.runner import BatchRunner

        key = tuple(langs)
        if key not in self._runners:
            config = self.config.model_copy(deep=True)
            config.translation.langs = list(langs)
            self._runners[key] = BatchRunner(config, self._models)
        return self._runners[key]

    def __repr__(self) -> str:
        model = self.config.model
        return f"Pipeline(model={model.source}:{model.name or 'embedded'}, langs={self.config.translation.langs})"


def load(config: str | Path | PipelineConfig | dict[str, Any] | None = None) -> Pipeline:
    """Load the configured model(s) once and return a Pipeline that translates articles with them.

    Args:
        config: None for the built-in defaults (the embedded model), a YAML file as `--config`
            takes (relative paths in it are relative to the file), a PipelineConfig, or a dict of
            the same keys (relative paths relative to the working directory).

    Raises:
        pipeline.config.ConfigError: an unreadable file, an unknown key or a wrong type.
        pipeline.models.embedded.ModelFileError, pipeline.models.loading.ModelLoadError: a model
            that is missing or cannot load.
    """
    from pipeline.run.loaded_models import load_models

    resolved = _config(config)
    return Pipeline(resolved, load_models(resolved))


def translate_article(
    article: str | Article, langs: Iterable[str] | None = None,
    config: str | Path | PipelineConfig | dict[str, Any] | None = None,
) -> Result:
    """Load the models and translate one article: `load(config).translate_article(article, langs)`.

    For several articles, `load()` once and call `Pipeline.translate_article` on each.
    """
    return load(config).translate_article(article, langs)


def check(source: str, translation: str, lang: str, *, glossary: str | Path | Glossary | None = None,
          document: str | None = None) -> FidelityReport:
    """Check one translation, from any system, of one English text; no model is used.

    Args:
        source: the English text.
        translation: its translation.
        lang: "ja", "zh-Hans" or "zh-Hant".
        glossary: a glossary YAML file added to the shipped glossary (configs/glossary-example.yaml
            shows the format), or a `pipeline.fidelity.glossary.Glossary` used as it is.
        document: the English of the whole article `source` comes from: a count in numerals that
            the translation writes and the article never states (五名男子 for its four men) is then
            an error.

    Raises:
        ValueError: an unknown language.
        pipeline.fidelity.glossary.GlossaryError: an unreadable or invalid glossary file.
    """
    from pipeline.fidelity.checking import check as validate

    report = validate(source, translation, lang, _glossary(glossary), document)
    return FidelityReport(lang=report.lang, facts=report.facts, findings=report.findings, source=source,
                          translation=translation)


def assert_faithful(source: str, translation: str, lang: str, *, allow: Iterable[str] = ("warning",),
                    glossary: str | Path | Glossary | None = None, document: str | None = None) -> FidelityReport:
    """Fail unless every name, figure and quote of `source` survives in `translation`.

    Args:
        source, translation, lang, glossary, document: as for `check()`.
        allow: severities that do not fail ("info" never does); () fails on warnings too.

    Returns:
        The report, when nothing fails.

    Raises:
        AssertionError: one readable entry per failing finding: its kind and status, the source
            fact in its context, the expected renderings, what was found in its context (or "not
            found"), and the evidence.
    """
    __tracebackhide__ = True  # pytest shows the caller's line, not this one
    allowed = set(allow)
    if allowed - set(SEVERITIES):
        raise ValueError(f"allow takes severities among {', '.join(SEVERITIES)}; got {sorted(allowed)}")
    report = check(source, translation, lang, glossary=glossary, document=document)
    failing = [f for f in report.findings if f.severity != "info" and f.severity not in allowed]
    if failing:
        raise AssertionError(_explain(report, failing, _glossary(glossary)))
    return report


def _explain(report: FidelityReport, failing: list[Finding], glossary: Glossary | None = None) -> str:
    """The assertion message: one entry per failing finding, errors first, each a small diff."""
    from pipeline.fidelity.checking import default_glossary

    glossary = default_glossary() if glossary is None else glossary
    order = {severity: i for i, severity in enumerate(SEVERITIES)}
    failing = sorted(failing, key=lambda f: (order[f.severity], f.source.start if f.source else 1 << 30))
    counts = ", ".join(f"{sum(f.severity == s for f in failing)} {s}(s)" for s in SEVERITIES[:2]
                       if any(f.severity == s for f in failing))
    lines = [f"the {report.lang} translation is not faithful: {len(failing)} failing finding(s) ({counts}); "
             f"{report.facts} source fact(s) checked"]
    width = len("source fact:")
    for number, f in enumerate(failing, start=1):
        lines.append("")
        lines.append(f"{number}. {f.kind} {f.status} ({f.severity}): {f.message}")
        rows = [
            ("source fact:", _fact(f, report.source)),
            ("expected:", _expected(f, report.lang, glossary)),
            ("found:", _found(f, report.translation)),
            ("evidence:", f.evidence or "-"),
        ]
        lines += [f"   {label:<{width}} {value}" for label, value in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------
# Private helpers


def _config(config: str | Path | PipelineConfig | dict[str, Any] | None) -> PipelineConfig:
    from pydantic import ValidationError

    from pipeline.config import ConfigError, PipelineConfig, format_validation_error, load_config

    if config is None or isinstance(config, (str, Path)):
        return load_config(config)
    if isinstance(config, PipelineConfig):
        return config.model_copy(deep=True)
    if isinstance(config, dict):
        try:
            return PipelineConfig.model_validate(config)
        except ValidationError as e:
            raise ConfigError(f"config: {format_validation_error(e)}") from e
    raise TypeError(f"config must be None, a path, a dict or a PipelineConfig; got {type(config).__name__}")


def _checked_langs(langs: list[str]) -> list[str]:
    unknown = [lang for lang in langs if lang not in LANGS]
    if unknown or not langs or len(set(langs)) != len(langs):
        raise ValueError(f"langs must list distinct languages among {', '.join(LANGS)}; got {langs}")
    return langs


def _glossary(glossary: str | Path | Glossary | None) -> Glossary | None:
    """None for the shipped glossary; a file is read once (again when it changes) and added to it."""
    if glossary is None:
        glossary = _DEFAULT_GLOSSARY.get()
        if glossary is None:
            return None
    if not isinstance(glossary, (str, Path)):
        return glossary
    from pipeline.fidelity.checking import default_glossary
    from pipeline.fidelity.glossary import GlossaryError, load_glossary

    path = Path(glossary).expanduser().resolve()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError as e:
        raise GlossaryError(f"{glossary}: cannot read glossary: {e.strerror}") from e
    if key not in _GLOSSARIES:
        _GLOSSARIES[key] = default_glossary().extend(load_glossary(path))
    return _GLOSSARIES[key]


def _finding(data: dict[str, Any]) -> Finding:
    spans = {key: Span(**data[key]) if data.get(key) else None for key in ("source", "target")}
    return Finding(**{**data, **spans})


def _result(article: Article, langs: list[str]) -> Result:
    from pipeline.fidelity.checking import extract_facts
    from pipeline.io.writers import alignment_lines, render_text

    fidelity = article.fidelity or {}
    findings: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
    for lang, entry in fidelity.get("langs", {}).items():
        for record in entry["segments"]:
            findings[lang, record["part"], record["index"]] = record["findings"]
    segments = []
    for line in alignment_lines(article):
        part, index = line["part"], line["index"]
        texts = {lang: line["translations"][lang]["text"] for lang in langs if lang in line["translations"]}
        facts = len(extract_facts(line["source"]))  # cached: the validate stage extracted them
        segments.append(SegmentResult(
            part=part, index=index, kind=line["kind"], paragraph=line["paragraph"], source=line["source"],
            translations=texts,
            methods={lang: line["translations"][lang]["method"] for lang in texts},
            truncated={lang: line["translations"][lang]["truncated"] for lang in texts},
            reports={lang: FidelityReport(lang=lang, facts=facts,
                                          findings=[_finding(f) for f in findings.get((lang, part, index), [])],
                                          source=line["source"], translation=text)
                     for lang, text in texts.items()},
            repairs={lang: record for lang in texts
                     for record in article.repairs.get(part, {}).get(lang, []) if record.get("index") == index},
        ))
    translations = {
        part: {lang: render_text(article.source_segments(part), [t.text for t in by_lang[lang]], lang)
               for lang in langs if lang in by_lang}
        for part, by_lang in article.translations.items()
    }
    return Result(id=article.id, title=article.title, source=article.text, langs=list(langs),
                  summary=article.summary.text if article.summary else None, translations=translations,
                  segments=segments, summary_check=copy.deepcopy(article.summary_check),
                  validator_signature=fidelity.get("validator_signature", ""), timings=dict(article.timings))


def _context(text: str, span: Span, width: int = 20) -> str:
    """The span in brackets with a few characters either side: …会社は[43億ドル]を支払った…"""
    start, end = span.start, span.end
    before, after = text[max(0, start - width):start], text[end:end + width]
    if start > width and " " in before:  # Latin text: no half word at the edges
        before = before[before.index(" ") + 1:]
    if end + width < len(text) and " " in after:
        after = after[:after.rindex(" ")]
    middle = text[start:end]
    if len(middle) > 60:  # a whole segment (coverage findings): its ends are enough
        middle = middle[:40] + " … " + middle[-15:]
    shown = (("…" if start - len(before) > 0 else "") + before + "[" + middle + "]" + after
             + ("…" if end + len(after) < len(text) else ""))
    return " ".join(shown.split())


def _fact(f: Finding, source: str) -> str:
    if f.source is None:
        return "none (the source has no such fact)"
    if f.kind == "coverage":
        return _context(source, f.source)
    return f"{f.source.text}    in: {_context(source, f.source)}"


def _found(f: Finding, translation: str) -> str:
    if f.target is None:
        return "not found"
    where = _context(translation, f.target)
    if f.kind == "name" and f.status == "missing":  # the target is the likeliest wrong rendering
        return f"not found; nearest: {f.target.text}    in: {where}"
    if f.kind == "coverage":  # the target is the segment or the offending characters, shown in context
        return where if f.status == "missing" else f"{f.found or f.target.text}    in: {where}"
    return f"{f.found or f.target.text}    in: {where}"


def _expected(f: Finding, lang: str, glossary: Glossary) -> str:
    if f.status == "added":
        return "nothing: the source has no such " + {"name": "name", "figure": "figure"}.get(f.kind, "text")
    if f.kind == "name" and f.source is not None:
        forms = [f.expected] if f.expected and f.expected != f.source.text else []
        entry = glossary.lookup(f.source.text)
        forms += entry.listed(lang) if entry else []
        forms = list(dict.fromkeys(forms))
        if forms:
            return "one of: " + ", ".join(forms) if len(forms) > 1 else forms[0]
        return f"a rendering of {f.source.text!r} (no glossary or dictionary form known)"
    if f.kind == "quote":
        return f"a direct quotation saying {f.expected!r}" if f.expected else "a direct quotation"
    return f.expected or "-"
