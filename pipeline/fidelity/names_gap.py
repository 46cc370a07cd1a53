"""A gap where a name stood: the marks a name leaves when it is dropped from a sentence.

A name the matching cannot find is a warning while its rendering may merely be one no rule
verifies. The text around a dropped name often says it is gone: a Japanese honorific with no name
before it (…と氏は述べた, 中国の氏と), a particle with no word before it (。は、彼が), a middle dot
with no name on one side (ケネス・・ジュニア, 帕特里克·和安德鲁), two Japanese particles that never
stand together (スカイニュースでに語った), a list's empty item (表示，、哈尔科夫), a title opening on
a colon (《：水与陆》), quotation marks or brackets with nothing between them (飓风“”). Such a gap is
positive evidence of a loss, so the missing name's warning becomes an error.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.fidelity.facts import Finding
from pipeline.fidelity.lemmas import tagger

# The check reads width-folded text (dictionaries.fold_width), where ，；：（） are ASCII: the
# patterns take both forms.

# An honorific right after a particle, a mark or the start of the text: no name before it. Not
# 氏名 / 氏族 ("full name", "clan"), and not 同氏 ("the said person"), whose 同 is no particle.
# Not after a closing bracket: シャキア・フィルポット（Shaquia Philpot）さん glosses the name first.
_JA_BARE_HONORIFIC = re.compile(r"(?:^|(?<=[、。，,「」『』（(\s・はがをにでとのもへや]))(?:氏|さん)(?![名族])")

# A case particle with no word before it (…である。は、彼が; のブロックチェーン上に at the start): no
# clause opens with は, が, を or の. Not before a kana (がん "cancer", のち "later").
_JA_BARE_PARTICLE = re.compile(r"(?:^|(?<=[。、，,「『（(]))[はがをの](?=[^\u3041-\u3096ー」』）)])")

# A dot joining a name's parts with no name part beside it: doubled (three or more are an ellipsis,
# ・・・), at an end of the text, or beside a mark, a particle or a word that joins names (和, 与, 的).
# In Japanese not beside へ, べ, ぺ, whose hiragana look like the katakana a name is typed with
# (ナンシー・ぺロシ); in Chinese a dot may be spaced off (丹尼斯 ·M· 凯莱赫).
_DOTS = "·•・‧"
_DOUBLED = rf"[{_DOTS}]{{2}}"
_ELLIPSIS = re.compile(rf"[{_DOTS}]{{3,}}")
_JA_KANA = "\u3041-\u3077\u307b-\u3096"
_JA_DANGLING_DOT = re.compile(rf"{_DOUBLED}|(?:^|(?<=[、。，,「」『』（）()\s{_JA_KANA}]))[{_DOTS}]"
                              rf"|[{_DOTS}](?=[、。，,「」『』（）()\s{_JA_KANA}]|$)")
_ZH_DANGLING_DOT = re.compile(rf"{_DOUBLED}|(?:^|(?<=[，,。、；;：:“”「」《》（）()和与與及的在是说說]))\s*[{_DOTS}]"
                              rf"|[{_DOTS}]\s*(?=[，,。、；;：:“”「」《》（）()和与與及的在是说說将將已]|$)")

# Two particles in a row that Japanese never writes together, left where a name between them was
# dropped (スカイニュースでに語った, 経済省はは). A case particle after が, を or は, or after に, で or へ
# one of が, を, に, で, へ; not のではと ("fearing that"), and only as MeCab reads them, so that
# さすがに (an adverb) or はがき (a noun) are no particles.
_CASE = ("が", "を", "に", "で", "へ", "と", "から", "の", "は")
_JA_NO_PAIR = ({(a, b) for a in ("が", "を", "は") for b in _CASE} - {("は", "と")}) | {
    (a, b) for a in ("に", "で", "へ") for b in ("が", "を", "に", "で", "へ")}


def _ja_particle_pair(target: str) -> re.Match[str] | None:
    """Where `target` first has two particles in a row of _JA_NO_PAIR (MeCab's parts of speech)."""
    node = tagger().parseToNode(target)
    before = None
    while node:
        features = node.feature.split(",")
        particle = node.surface if features[0] == "助詞" and features[1] in ("格助詞", "係助詞") else None
        if before and particle and (before, particle) in _JA_NO_PAIR:
            return re.search(re.escape(before + particle), target)
        before = particle if node.surface else None
        node = node.next
    return None


# A list's item with nothing in it: the enumeration comma beside another mark (，、哈尔科夫和敖德萨;
# ロンドン、、パリ); and a title or quote that opens on a colon or a comma (『：大地と水の記憶』, 《：水与陆》).
# No human reference of the evaluation data has either.
_EMPTY_ITEM = re.compile(r"[，,、；;：:（(「『“][、，,]|、[，,、；;。：:）)」』”]|[「『“《〈（(]\s*[：:、，,。；;]")

# Marks of a pair with nothing between them.
# Straight quotes are left out: "a" "b" holds an empty-looking pair between two quotes.
_EMPTY_PAIR = re.compile(r"“\s*”|「\s*」|『\s*』|《\s*》|〈\s*〉|（\s*）|\(\s*\)")


def gap_in(target: str, lang: str) -> str | None:
    """The first mark in `target` of a name dropped from it, or None."""
    target = _ELLIPSIS.sub(lambda m: "…" * len(m.group()), target)
    patterns = [_EMPTY_PAIR, _EMPTY_ITEM] + ([_JA_BARE_HONORIFIC, _JA_BARE_PARTICLE, _JA_DANGLING_DOT] if lang == "ja"
                                else [_ZH_DANGLING_DOT])
    found = [m for pattern in patterns if (m := pattern.search(target))]
    if lang == "ja" and (pair := _ja_particle_pair(target)):
        found.append(pair)
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return target[max(0, first.start() - 3):first.end() + 3]


def names_left_gaps(findings: list[Finding], target: str, lang: str) -> list[Finding]:
    """`findings` with each missing name's warning made an error when `target` shows a gap where
    a name stood. The gap is not tied to one name: with two names missing, both become errors, as
    either may be the one dropped."""
    if not any(f.kind == "name" and f.status == "missing" and f.severity == "warning" for f in findings):
        return findings
    if (gap := gap_in(target, lang)) is None:
        return findings
    return [replace(f, severity="error", message=f"{f.message}; the translation has a gap where a name stood "
                                                 f"(…{gap}…)")
            if f.kind == "name" and f.status == "missing" and f.severity == "warning" else f for f in findings]
