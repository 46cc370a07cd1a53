"""Length-sorted batching returns results in input order."""

import pytest

from pipeline.models.batching import run_in_batches


@pytest.mark.parametrize("batch_size", [1, 2, 3, 10])
def test_results_come_back_in_input_order(batch_size):
    items = ["ccc", "a", "bbbbb", "dd", "e", "ffff"]
    batches = []

    def run(batch):
        batches.append(batch)
        return [item.upper() for item in batch]

    assert run_in_batches(items, batch_size, len, run) == [i.upper() for i in items]
    assert all(len(b) <= batch_size for b in batches)
    # Longest first, so a batch holds items of similar length.
    assert batches[0][0] == "bbbbb"


def test_a_batch_that_loses_an_item_is_an_error():
    with pytest.raises(RuntimeError, match="a batch of 2 items returned 1 results"):
        run_in_batches(["a", "b"], 2, len, lambda batch: batch[:1])
