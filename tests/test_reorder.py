"""Moving a trailing attribution to the front: the two news patterns, and nothing else."""

import pytest

from pipeline.repair.reorder import front_attribution


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
    assert front_attribution(text) == front


@pytest.mark.parametrize("text", [
    "Japan has criticised China's decision to ban exports.",  # no attribution
    '"It is over," the banner read.',  # no speech verb
    '"It is over. We lost," he said.',  # two sentences quoted: left alone rather than half moved
    'He said: "We will act."',  # already in front
])
def test_anything_else_is_left_alone(text):
    assert front_attribution(text) is None
