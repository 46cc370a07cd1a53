"""Base forms of words: Japanese by MeCab with the IPA dictionary, English by the Snowball stemmer.

Japanese conjugates verbs and adjectives (行動しなければならない, ひどかった), so a dictionary form
is rarely a substring of the text; a morphological analyser is the standard way back to it.
English words and dictionary senses meet on their stems (implemented, implementation → implement).
"""

from __future__ import annotations

from functools import lru_cache

# English function words: no dictionary sense says what a sentence is about through them.
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that "
    "these those we our you your he his she her they their them i me my not no so do does did have has had will "
    "would can could should may might must than then there here what which who whom whose when where why how all "
    "any some such very also just only about into over under up down out said says say".split()
)

# Particles, auxiliaries and signs carry no content a quote's English words could match; nor do
# dependent words (the いる of ている, こと, よう) and the light verbs that make a noun a verb
# (行動する), whose dictionary senses run to dozens of English words.
_FUNCTION_POS = {"助詞", "助動詞", "記号", "フィラー", "接頭詞"}
_DEPENDENT = {"非自立", "接尾", "代名詞", "数"}
_LIGHT_VERBS = {"する", "なる", "ある", "いる", "できる", "れる", "られる", "せる", "させる"}


@lru_cache(maxsize=1)
def tagger():
    """MeCab with the IPA dictionary, made once."""
    import ipadic
    import MeCab

    return MeCab.Tagger(ipadic.MECAB_ARGS)


def japanese_lemmas(text: str) -> list[str]:
    """Dictionary forms of the content words of `text`, in order (感謝の意を示す → 感謝, 意, 示す)."""
    lemmas = []
    node = tagger().parseToNode(text)
    while node:
        features = node.feature.split(",")
        lemma = features[6] if len(features) > 6 and features[6] != "*" else node.surface
        if node.surface and features[0] not in _FUNCTION_POS and features[1] not in _DEPENDENT and (
                lemma not in _LIGHT_VERBS):
            lemmas.append(lemma)
        node = node.next
    return lemmas


def english_stems(words: list[str]) -> list[str]:
    """Snowball (Porter 2) stems of lower-case English words."""
    return _stemmer().stemWords(words)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def suffix_forms(word: str) -> list[str]:
    """A lower-case English word and what it may be without an inflection or suffix (lives →
    life, implemented → implement, action → act): the forms a dictionary may gloss."""
    forms = [word]
    for suffix, repl in (("ies", "y"), ("ves", "fe"), ("ves", "f"), ("ing", ""), ("ing", "e"), ("ed", ""),
                         ("ed", "e"), ("es", ""), ("s", ""), ("ly", ""), ("ion", ""), ("ion", "e"), ("est", ""),
                         ("est", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= (2 if suffix == "ves" else 3):  # lives → life
            forms.append(word[: -len(suffix)] + repl)
    return forms


@lru_cache(maxsize=65536)
def word_forms(word: str) -> frozenset[str]:
    """A word's suffix forms and its Snowball stem (implemented and implementation → implement),
    to meet a dictionary sense on any of them."""
    return frozenset([*suffix_forms(word), *english_stems([word])])
