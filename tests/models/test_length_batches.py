"""Length-sorted batching returns results in input order."""

import pytest

from pipeline.models.length_batches import run_in_batches


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


def test_progress_bars_show_counts_only_when_enabled(capsys):
    from pipeline import progress

    def run():
        with progress.stage("doc-1: translate"):
            return run_in_batches(list(range(5)), 2, lambda i: i, lambda batch: batch)

    assert run() == [0, 1, 2, 3, 4] and capsys.readouterr().err == ""
    progress.enable(True)
    try:
        assert run() == [0, 1, 2, 3, 4]
    finally:
        progress.enable(False)
    shown = capsys.readouterr().err
    assert "doc-1: translate" in shown and "0/5 [" in shown  # label, count of total, then rate/ETA
