"""A faithful English summary: every name and figure in it must trace to the article.

Same extraction and same value comparison as the validator. An untraced fact triggers a
re-summary that lists the article's facts to keep and the invented ones to leave out; what
persists is reported as an error of the summary.
"""

from __future__ import annotations

from typing import Any

from pipeline.article import Article, Summary
from pipeline.fidelity import extract_facts
from pipeline.fidelity.facts import Facts
from pipeline.fidelity.figures import same_figure
from pipeline.stages.summarise import Summariser

MAX_LISTED_FACTS = 12  # a long list drowns a small model's attention to the task


def untraced_facts(summary: str, article: str, article_facts: Facts | None = None) -> list[dict[str, Any]]:
    """Names and figures of `summary` that `article` does not have, as error findings."""
    facts = article_facts or extract_facts(article)
    summary_facts = extract_facts(summary)
    found = []
    for name in summary_facts.names:
        # A later mention by surname ("Kihara") traces to the full name in the article.
        words = [w for w in name.text.split() if len(w) > 2 and w[0].isupper()]
        if name.text not in article and not (name.label == "PERSON" and words and words[-1] in article):
            found.append({"kind": "name", "status": "added", "severity": "error", "text": name.text,
                          "message": f"{name.text} is in the summary but not in the article"})
    for figure in summary_facts.figures:
        if not any(same_figure(figure, a) for a in facts.figures):
            found.append({"kind": "figure", "status": "added", "severity": "error", "text": figure.span.text,
                          "message": f"{figure.span.text} is in the summary but no figure of the article has "
                                     "this value and unit"})
    return found


def keep_list(facts: Facts, untraced: list[dict[str, Any]]) -> str:
    """The re-summary's requirements: the article's own names and figures, and what to leave out."""
    keep = list(dict.fromkeys([n.text for n in facts.names] + [f.span.text for f in facts.figures]))
    text = "Use only names and figures from the article, such as: " + "; ".join(keep[:MAX_LISTED_FACTS]) + "."
    invented = "; ".join(dict.fromkeys(u["text"] for u in untraced))
    return f"{text} Do not mention {invented}: the article does not say it."


def faithful_summary(summariser: Summariser, article: Article, rounds: int) -> tuple[Summary, dict[str, Any]]:
    """Summarise `article`, re-summarising up to `rounds` times while the summary invents facts.

    Returns:
        The summary kept (the one with the fewest untraced facts; the first on ties) and its
        record: every attempt's untraced facts, and the findings that remain.
    """
    source = f"{article.title}\n{article.text}"
    facts = extract_facts(source)
    summary = summariser.summarise(article)
    untraced = untraced_facts(summary.text, source, facts)
    attempts = [{"round": 0, "untraced": untraced, "text": summary.text}]
    best = (summary, untraced)
    for round_no in range(1, rounds + 1):
        if not best[1]:
            break
        retry = summariser.summarise(article, keep_list(facts, best[1]))
        retry_untraced = untraced_facts(retry.text, source, facts)
        attempts.append({"round": round_no, "untraced": retry_untraced, "text": retry.text})
        if len(retry_untraced) < len(best[1]):
            best = (retry, retry_untraced)
    summary, untraced = best
    if len(attempts) > 1:
        summary.notes.append(f"re-summarised {len(attempts) - 1} time(s): the summary had facts the article lacks")
    return summary, {"attempts": attempts, "findings": untraced, "errors": len(untraced)}
