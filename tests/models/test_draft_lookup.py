"""Draft lookup: the tokens after the longest n-gram that ends the output, at its last occurrence."""

from pipeline.models.draft_lookup import Lookup


def test_the_longest_matching_n_gram_wins_and_its_last_occurrence():
    lookup = Lookup([1, 2, 3, 4, 5, 9, 3, 6, 7, 2, 3, 8, 8, 8])
    assert lookup.propose([7, 2, 3], k=2) == [8, 8]  # the 3-gram 7 2 3
    assert lookup.propose([0, 2, 3], k=2) == [8, 8]  # 2 3: its last occurrence
    assert lookup.propose([0, 9, 3], k=3) == [6, 7, 2]  # 9 3
    assert lookup.propose([0, 0, 3], k=1) == [8]  # 3 alone: its last occurrence is before 8


def test_no_draft_without_a_match_or_without_output():
    lookup = Lookup([1, 2, 3])
    assert lookup.propose([4], k=4) == []
    assert lookup.propose([], k=4) == []
    assert lookup.propose([3], k=4) == []  # the reference's last token: nothing follows it
    assert lookup.propose([1], k=4) == [2, 3]  # fewer than k left
