"""Sentence splitting for English, Japanese and Chinese."""

import pytest

from pipeline.stages.segment import split_paragraphs, split_segments, split_sentences


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # Abbreviations and dates do not end English sentences.
        ("On Jan. 7, 2026 the U.S. said no. Mr. Kihara left.", "en",
         ["On Jan. 7, 2026 the U.S. said no.", "Mr. Kihara left."]),
        ('"We find it extremely regrettable," he said. Then he left.', "en",
         ['"We find it extremely regrettable," he said.', "Then he left."]),
        ("木原稔官房長官は「極めて遺憾だ。」と述べた。中国は反発した！本当？", "ja",
         ["木原稔官房長官は「極めて遺憾だ。」と述べた。", "中国は反発した！", "本当？"]),
        # The closing quote stays with its sentence.
        ("毛宁说：“完全合法。”中国商务部表示。", "zh-Hans", ["毛宁说：“完全合法。”", "中国商务部表示。"]),
        ("毛寧說：「完全合法。」商務部表示。日本批評。", "zh-Hant",
         ["毛寧說：「完全合法。」商務部表示。", "日本批評。"]),
    ],
)
def test_split_sentences(text, lang, expected):
    assert split_sentences(text, lang) == expected


def test_paragraph_breaks_always_split():
    assert split_sentences("No full stop here\n\nNext paragraph.", "en") == ["No full stop here", "Next paragraph."]
    assert split_paragraphs("a\nb\n\n\nc") == ["a b", "c"]


def test_paragraph_unit_cuts_only_long_paragraphs():
    short = "One. Two."
    long = " ".join(["This sentence is long enough to count."] * 12)
    assert split_segments(f"{short}\n\n{long}", "paragraph", max_paragraph_chars=100) == (
        [short] + ["This sentence is long enough to count."] * 12
    )


def test_unknown_language_names_the_options():
    with pytest.raises(ValueError, match="known:"):
        split_sentences("x", "ko")
