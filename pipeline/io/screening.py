"""Inputs that are not an English news text: refused with one clear reason, or mended and noted.

Binary data and other languages are refused; HTML is reduced to its article text (the <p>
paragraphs, else all visible text) with a note in the manifest. The language comes from
py3langid (langid.py's bundled model), the HTML text from BeautifulSoup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.article import Article

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|article|span|br|a\s)[\s>/]", re.I)
MIN_WORDS_TO_DETECT = 8  # below this, langid's guess is noise: a title alone passes
MAX_ENGLISH_TO_REFUSE = 0.01
MIN_ARTICLE_WORDS = 3  # an HTML page whose text is shorter holds no article


class ScreeningError(ValueError):
    """The input is not something the pipeline should translate; the message says why."""


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # An npz model read with allow_pickle=False, shipped inside the package.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float, float]:
    """(most likely ISO 639 code, its probability, the probability of English)."""
    ranked = _identifier().rank(text[:5000])
    english = next((float(p) for lang, p in ranked if lang == "en"), 0.0)
    return ranked[0][0], float(ranked[0][1]), english


def html_text(html: str) -> tuple[str, str]:
    """(title, body text) of an HTML page: <title> or <h1>, then the <p> paragraphs (or all text)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form"]):
        tag.decompose()
    heading = soup.find("h1") or soup.find("title")
    title = heading.get_text(" ", strip=True) if heading else ""
    paragraphs = [p.get_text(" ", strip=True) for p in soup.find_all("p")]
    body = "\n\n".join(p for p in paragraphs if p) or soup.get_text("\n", strip=True)
    return title, body


def screen(article: Article) -> Article:
    """The article ready to translate, or ScreeningError naming the problem.

    Raises:
        ScreeningError: binary data, HTML without text, or a language other than English.
    """
    text = article.text
    if "\x00" in text or len(_CONTROL.findall(text)) > max(3, len(text) // 100):
        raise ScreeningError("binary data, not text")
    if _HTML.search(text):
        title, body = html_text(text)
        if len(body.split()) < MIN_ARTICLE_WORDS:
            raise ScreeningError("HTML page without article text (no <p> paragraphs or visible text)")
        article.text = body
        article.title = article.title or title
        article.metadata["input_note"] = "HTML: the text of its <p> paragraphs (else all visible text) was used"
    # Chinese and Japanese have no spaces: long enough in characters counts too.
    if len(article.text.split()) >= MIN_WORDS_TO_DETECT or len(article.text) >= 8 * MIN_WORDS_TO_DETECT:
        lang, probability, english = detect_language(article.text)
        # Related labels share the mass (zh / wuu / yue): judge by how unlikely English is.
        if lang != "en" and english < MAX_ENGLISH_TO_REFUSE:
            raise ScreeningError(f"not English (detected {lang!r}, probability {probability:.2f}; "
                                 f"English {english:.2f})")
    return article
