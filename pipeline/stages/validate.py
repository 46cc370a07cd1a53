"""The pipeline's validation step: every translated segment of an article through the validator."""

from __future__ import annotations

from typing import Any

from pipeline.article import Article
from pipeline.fidelity import check
from pipeline.fidelity.assisted import QUOTE_OVERLAP, BackTranslate, reconsider
from pipeline.fidelity.checking import default_glossary, prefetch_facts
from pipeline.fidelity.glossary import Glossary
from pipeline.fidelity.signature import signature_line
from pipeline.models.base import Request, TextGenerator
from pipeline.models.fence import fence_rule

BACK_TRANSLATION = ("Translate the following text into English. Keep every name, number and quotation. "
                    "Output only the English translation. " + fence_rule("translate it"))


def back_translator(generator: TextGenerator) -> BackTranslate:
    """The validator's back-translation callable (pipeline.fidelity.assisted) on a loaded model:
    all texts in one batch, each with room for about twice its tokens."""
    def back_translate(texts: list[str]) -> list[str]:
        requests = [Request(text, BACK_TRANSLATION, "en", min(512, 2 * generator.count_tokens(text) + 16))
                    for text in texts]
        return [generation.text for generation in generator.generate(requests)]

    return back_translate


def validate_article(
    article: Article, glossary: Glossary | None = None, assist: TextGenerator | None = None,
    quote_overlap: float = QUOTE_OVERLAP,
) -> dict[str, Any]:
    """Findings per language, part and segment, with counts; written as fidelity.json.

    Segments are checked one by one, against their own source segment, so every finding points at
    the segment it belongs to and a dropped sentence shows as a coverage error. A segment that went
    through repair carries its record: attempts, post-edits, and each failed fact's states. With
    `assist` (validation.model_assisted), its back-translations may soften name and quote errors.
    """
    # Which validator made these findings (package, dictionary and model versions, glossary hash).
    result: dict[str, Any] = {"validator_signature": signature_line(glossary or default_glossary()), "langs": {}}
    prefetch_facts([s.text for part in article.translations for s in article.source_segments(part)])
    document = article.english()
    reports = {
        (part, lang): [check(segment.text, translation.text, lang, glossary, document)
                       for segment, translation in zip(article.source_segments(part), translations, strict=True)]
        for part, by_lang in article.translations.items() for lang, translations in by_lang.items()
    }
    if assist is not None:
        items = [(segment.text, translation.text, report)
                 for (part, lang), part_reports in reports.items()
                 for segment, translation, report in zip(article.source_segments(part),
                                                         article.translations[part][lang], part_reports, strict=True)]
        result["model_assisted"] = {"softened": reconsider(items, back_translator(assist), quote_overlap)}
    for part, by_lang in article.translations.items():
        sources = article.source_segments(part)
        for lang, translations in by_lang.items():
            repaired = {r["index"]: r for r in article.repairs.get(part, {}).get(lang, [])}
            entry = result["langs"].setdefault(lang, {"facts": 0, "errors": 0, "counts": {}, "segments": []})
            for segment, translation, report in zip(sources, translations, reports[part, lang], strict=True):
                entry["facts"] += report.facts
                entry["errors"] += len(report.errors)
                for kind, statuses in report.counts().items():
                    for status, n in statuses.items():
                        key = f"{kind}/{status}"
                        entry["counts"][key] = entry["counts"].get(key, 0) + n
                entry["segments"].append({
                    "part": part, "index": segment.index, "source": segment.text, "translation": translation.text,
                    "method": translation.method, "findings": [f.to_dict() for f in report.findings],
                    "repair": repaired.get(segment.index),
                })
    return result
