"""Queued requests ride with the next generate() call and are answered later from memory."""

from pipeline.models.base import Request
from pipeline.models.run_ahead import RunAhead
from tests.scripted import ScriptedGenerator


class Calls(ScriptedGenerator):
    """Records each generate() call's requests."""

    def __init__(self):
        super().__init__(lambda r: f"<{r.text}>")
        self.calls: list[list[str]] = []

    def generate(self, requests):
        self.calls.append([r.text for r in requests])
        return super().generate(requests)


def test_queued_requests_run_with_the_next_call_and_are_not_generated_again():
    model = Calls()
    ahead = RunAhead(model)
    translations = [Request("one", "Translate.", "ja"), Request("two", "Translate.", "ja")]
    ahead.queue(translations)
    (summary,) = ahead.generate([Request("the article", "Summarise.")])
    assert summary.text == "<the article>" and model.calls == [["the article", "one", "two"]]
    # Later: the queued ones come from memory, a new one alone goes to the model.
    results = ahead.generate([*translations, Request("three", "Translate.", "ja")])
    assert [r.text for r in results] == ["<one>", "<two>", "<three>"]
    assert model.calls[1:] == [["three"]]


def test_a_call_without_work_of_its_own_answers_from_memory_only():
    model = Calls()
    ahead = RunAhead(model)
    ahead.queue([Request("one")])
    assert ahead.generate([]) == [] and model.calls == []  # nothing to ride with yet
    ahead.generate([Request("summary")])
    assert [r.text for r in ahead.generate([Request("one")])] == ["<one>"] and len(model.calls) == 1
    # Each queued output is given once: asked again, it is generated.
    assert [r.text for r in ahead.generate([Request("one")])] == ["<one>"] and model.calls[-1] == ["one"]


def test_forget_drops_what_an_article_left():
    model = Calls()
    ahead = RunAhead(model)
    ahead.queue([Request("one")])
    ahead.forget()
    ahead.generate([Request("summary")])
    assert model.calls == [["summary"]]
    assert ahead.family == "chat" and ahead.count_tokens("a b") == 2  # the wrapped generator's
