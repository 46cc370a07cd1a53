"""The rendering a translation should use for a name: the glossary's, else a dictionary's. The
validator names it in a finding; repair asks for it."""

from __future__ import annotations

from pipeline.fidelity.dictionaries import cedict_standard, cldr_names, opencc_s2hk
from pipeline.fidelity.facts import Name
from pipeline.fidelity.glossary import Glossary
from pipeline.fidelity.jmdict import english_words, jmnedict_names
from pipeline.fidelity.romanise import KATAKANA_RUN, pinyin

# spaCy's labels of places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def place_by_a_word(name: Name) -> bool:
    """A place called by an English word (the Lake), or anything called by one after "the" (the
    Moon, the Sun): JMnedict's katakana for the word (レイク, ムーン) is no standard; translations
    write the word's meaning (月, 太陽)."""
    word = name.text.lower().removeprefix("the ")
    return (name.label in PLACE_LABELS or name.after_the) and word in english_words()

# English words that are also names in JMnedict, whose katakana form is no standard for the word.
COMMON_WORDS = {"house", "time", "times", "post", "star", "sun", "mirror", "guardian", "state", "mail", "news",
                 "express", "herald", "daily", "world", "street", "white", "black", "green", "brown"}


def known_rendering(name: Name, lang: str, glossary: Glossary) -> str:
    """The standard rendering of `name` in `lang` when the glossary or a dictionary has one, else ""."""
    entry = glossary.lookup(name.text)
    if entry and entry.listed(lang):
        return entry.listed(lang)[0]
    key = name.text.lower().removeprefix("the ")
    if cldr := cldr_names().get(key, {}).get(lang):
        return cldr[0]
    if lang == "ja":
        if len(key) < 4 or name.text.isupper() or key in COMMON_WORDS or place_by_a_word(name):
            return ""  # JMnedict reads acronyms and words as names: UN ウン, House ハウス, the Lake レイク
        forms = jmnedict_names().get(key, ())
        # A Chinese name is written in kanji (北京, not ペキン; 習近平): the form that reads as the
        # name in pinyin. London's 倫敦 reads lundun, Paris's 巴里 bali: old ateji, not chosen.
        chinese = [f for f in forms if not KATAKANA_RUN.match(f) and pinyin(f) == key.replace(" ", "")]
        if chinese:
            return chinese[0]
        katakana = [f for f in forms if KATAKANA_RUN.match(f)]
        # A foreign name with one katakana form in JMnedict (モスクワ, マンデラ) has a standard
        # rendering; several forms (ジョンスン, ジヨンソン ...) mean usage varies.
        return katakana[0] if len(katakana) == 1 else ""
    if name.label != "PERSON" and key not in COMMON_WORDS and (simplified := cedict_standard().get(key)):
        # A place or body with one plain CC-CEDICT rendering (莫斯科, 欧盟): Chinese only. People
        # are left out: "Johnson" is 约翰逊 to readers and 强生 to the dictionary.
        return simplified if lang == "zh-Hans" else opencc_s2hk().convert(simplified)
    return ""
