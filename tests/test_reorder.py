"""Moving a trailing attribution or a weekday to the front: the news patterns, and nothing else."""

import pytest

from pipeline.stages.reorder import front_context


@pytest.mark.parametrize("text, front", [
    ('"We find it extremely regrettable," he said.', 'He said: "We find it extremely regrettable."'),
    ('"Why now?" the minister asked on Monday.', 'The minister asked on Monday: "Why now?"'),
    ("“Our position is clear,” said Mao Ning, the ministry's spokesperson.",
     "Mao Ning, the ministry's spokesperson, said: \"Our position is clear.\""),
    ('"New year, same behavior," Representative Mike Lawler told Newsweek.',
     'Representative Mike Lawler told Newsweek: "New year, same behavior."'),
    ("A three month curb could cost Japanese businesses 660 billion yen, according to Nomura Research "
     "Institute economist, Takahide Kiuchi.",
     "According to Nomura Research Institute economist, Takahide Kiuchi, a three month curb could cost "
     "Japanese businesses 660 billion yen."),
    ("Japan's exports fell 5%, according to the ministry.", "According to the ministry, Japan's exports fell 5%."),
    # In a paragraph, each sentence on its own.
    ('"It is over," he said. "We go home."', 'He said: "It is over." "We go home."'),
    ("Prices rose. Exports fell 5%, according to the ministry.",
     "Prices rose. According to the ministry, exports fell 5%."),
])
def test_a_trailing_attribution_moves_to_the_front_with_every_word_kept(text, front):
    assert front_context(text) == (front, "attribution first")


@pytest.mark.parametrize("text, front", [
    ("The Securities and Exchange Commission approved funds that hold bitcoin Wednesday, a move long awaited.",
     "On Wednesday, the Securities and Exchange Commission approved funds that hold bitcoin, a move long awaited."),
    ("Japan's Chief Cabinet Secretary Minoru Kihara addressed reporters on Wednesday.",
     "On Wednesday, Japan's Chief Cabinet Secretary Minoru Kihara addressed reporters."),
    ("The China Daily reported on Tuesday that Beijing was considering it.",
     "On Tuesday, the China Daily reported that Beijing was considering it."),
    ("Mr Smith said Tuesday night he would go.", "On Tuesday night, Mr Smith said he would go."),
    ("It was filed with the SEC on Friday.", "On Friday, it was filed with the SEC."),
    ("China’s ministry said on Friday it would act.", "On Friday, China’s ministry said it would act."),  # ’s
])
def test_a_weekday_after_the_verb_moves_to_the_front(text, front):
    assert front_context(text) == (front, "day first")


def test_a_paragraph_names_every_kind_of_move():
    text = "Prices rose on Monday. Exports fell 5%, according to the ministry."
    assert front_context(text) == (
        "On Monday, prices rose. According to the ministry, exports fell 5%.", "attribution and day first")


@pytest.mark.parametrize("text", [
    "Japan has criticised China's decision to ban exports.",  # no attribution
    '"It is over," the banner read.',  # no speech verb
    '"It is over. We lost," he said.',  # two sentences quoted: left alone rather than half moved
    'He said: "We will act."',  # already in front
    "On Wednesday, the commission met.",  # the day already in front
    "Republicans who derailed the Wednesday votes left.",  # a day that qualifies a noun
    "The show opens on Saturday and runs through Sunday.",  # two days
    "The consultation ends this Monday.",  # a day with its own determiner
    "Monday's vote failed.",
    'The "Water" show opens on Saturday.',  # a quotation in the sentence
])
def test_anything_else_is_left_alone(text):
    assert front_context(text) is None
