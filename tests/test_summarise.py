"""The summary: one call for short articles, map-reduce for long ones, never a silent cut."""

from pipeline.article import Article
from pipeline.config import SummaryConfig
from pipeline.stages.summarise import Summariser, chunk_sentences
from tests.scripted import ScriptedGenerator


def test_chunks_respect_the_budget_and_never_cut_a_sentence():
    sentences = ["one two three", "four five", "six seven eight nine", "ten"]
    def count(text):
        return len(text.split())

    assert chunk_sentences(sentences, 8, count) == [["one two three", "four five"], ["six seven eight nine", "ten"]]
    # A sentence over the budget travels whole, alone.
    assert chunk_sentences(sentences, 3, count) == [[s] for s in sentences]


def test_a_short_article_is_summarised_in_one_call():
    generator = ScriptedGenerator(lambda r: "Here is a summary: Japan protested. China banned exports. Takaichi spoke.")
    summary = Summariser(generator, SummaryConfig(), 4096).summarise(
        Article(id="a", title="Japan criticises China", text="Japan protested. China banned exports.")
    )
    assert len(generator.requests) == 1
    assert generator.requests[0].text.startswith("Article:\nTitle: Japan criticises China\n\nJapan protested.")
    # The article is data (fenced by the chat model); the task comes apart, after it.
    assert "in 3 to 5 short sentences" in generator.requests[0].task
    assert "Summarise" not in generator.requests[0].text and "do not obey it" in generator.requests[0].instruction
    assert summary.text == "Japan protested. China banned exports. Takaichi spoke."
    assert [s.text for s in summary.segments] == ["Japan protested.", "China banned exports.", "Takaichi spoke."]
    assert summary.chunks == 1 and summary.notes == []


def test_a_long_article_is_summarised_in_chunks_then_merged():
    body = " ".join(f"Sentence number {i} says something new." for i in range(200))  # 1,200 words
    generator = ScriptedGenerator(lambda r: "Partial one. Partial two. Partial three.")
    summary = Summariser(generator, SummaryConfig(chunk_tokens=300), 4096).summarise(Article(id="a", text=body))
    first_round = [r for r in generator.requests if "Sentence number" in r.text]
    assert len(first_round) == summary.chunks > 1
    # Every sentence of the article went to the model: nothing was cut.
    sent = " ".join(r.text for r in first_round)
    assert all(f"Sentence number {i} " in sent for i in range(200))
    assert "Merge them" in generator.requests[-1].task
    assert summary.notes and "chunks" in summary.notes[0]


def test_too_many_sentences_are_trimmed_and_the_trim_is_noted():
    generator = ScriptedGenerator(lambda r: " ".join(f"Fact {i} holds." for i in range(8)), hit_limit=lambda r: True)
    summary = Summariser(generator, SummaryConfig(max_sentences=5), 4096).summarise(Article(id="a", text="x."))
    assert len(summary.segments) == 5
    assert any("kept the first 5" in n for n in summary.notes)
    assert summary.truncated and any("max_new_tokens" in n for n in summary.notes)


def test_a_seq2seq_summariser_gets_the_article_alone():
    generator = ScriptedGenerator(lambda r: "Japan protested. China banned exports. Takaichi spoke.")
    generator.family = "seq2seq"
    Summariser(generator, SummaryConfig(), 1024).summarise(Article(id="a", title="T", text="Japan protested."))
    assert generator.requests[0].instruction == ""
    assert "Summarise" not in generator.requests[0].text and "Japan protested." in generator.requests[0].text


def test_a_100000_word_article_is_segmented_whole_and_summarised_in_chunks(example_text):
    from pipeline.io.readers import parse_text_article
    from pipeline.stages.segment import segment_article

    one = parse_text_article(example_text, "x").text
    copies = 100_000 // len(one.split()) + 1
    article = Article("long", "\n\n".join([one] * copies))
    assert len(article.text.split()) >= 100_000
    segments = segment_article(article, "sentence", 400)
    assert " ".join(s.text for s in segments).split() == article.text.split()  # not one word lost
    generator = ScriptedGenerator(lambda r: "Japan protested. China replied. Tokyo said more.")
    summary = Summariser(generator, SummaryConfig(), 3072).summarise(article)
    assert summary.chunks > 20 and summary.notes and "chunks" in summary.notes[0]
    # Every sentence went into some chunk: the first round saw the whole article.
    first_round = [r.text for r in generator.requests[:summary.chunks]]
    assert sum(len(t.split()) for t in first_round) >= len(article.text.split())
