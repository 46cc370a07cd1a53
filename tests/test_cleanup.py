"""Stripping chatter from model answers."""

import pytest

from pipeline.stages.cleanup import clean_summary, clean_translation

SOURCE = "Japan criticised China."


@pytest.mark.parametrize(
    "output, source, expected",
    [
        ("Here is the translation:\n日本は中国を批判した。", SOURCE, "日本は中国を批判した。"),
        ("Sure! Here's the Japanese translation: 日本は中国を批判した。", SOURCE, "日本は中国を批判した。"),
        ("Translation: 日本批评中国。", SOURCE, "日本批评中国。"),
        ("以下是翻译：日本批评中国。", SOURCE, "日本批评中国。"),
        ("「日本は中国を批判した。」", SOURCE, "日本は中国を批判した。"),
        ('"日本批评中国。"', SOURCE, "日本批评中国。"),
        (f"{SOURCE}\n日本は中国を批判した。", SOURCE, "日本は中国を批判した。"),
        ("Japan criticises\n日本は中国を批判した。", SOURCE, "日本は中国を批判した。"),
        ("日本批评中国。\n\n注：这是直译。", SOURCE, "日本批评中国。"),
        # The answer told again under a label (a WMT24 repair attempt, cut off at the token limit).
        ("日本は中国を批判した。\n（訳：日本は中国を批判し", SOURCE, "日本は中国を批判した。"),
        ("日本批评中国。\n(Translation: 日本批评", SOURCE, "日本批评中国。"),
        ("（訳注）日本は中国を批判した。", SOURCE, "（訳注）日本は中国を批判した。"),  # not on a line of its own
        # A wholly quoted source keeps its quotes; inner quotes are kept.
        ("“完全合法。”", '"Fully lawful."', "“完全合法。”"),
        ("他说：“完全合法。”", 'He said: "Fully lawful."', "他说：“完全合法。”"),
        ("「遺憾だ」と「撤回」", SOURCE, "「遺憾だ」と「撤回」"),
        # English the model left untranslated stays visible (the validator reports it).
        ("Japan criticised China.", SOURCE, "Japan criticised China."),
    ],
)
def test_clean_translation(output, source, expected):
    assert clean_translation(output, source) == expected


def test_clean_summary_removes_preamble_and_bullets():
    assert clean_summary("Summary:\n- Japan protested.\n2. China banned exports.") == (
        "Japan protested. China banned exports."
    )
