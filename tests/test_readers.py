"""Readers: the example's header, plain text, JSONL, folders and unreadable inputs."""

import json

import pytest

from pipeline.article import Article
from pipeline.io.readers import ReadError, parse_text_article, read_articles, safe_id


def test_example_header_is_title_date_source(example_text):
    article = parse_text_article(example_text, "example")
    assert article.title == "Japan criticises China over export ban on dual-use goods"
    assert article.date == "2026-01-07 21:55"
    assert article.source == "TVB News"
    assert article.text.startswith("Japan has criticised China's decision")
    assert article.text.endswith("Takahide Kiuchi.")


@pytest.mark.parametrize(
    "text, title, date, source, body_start",
    [
        ("Plain body sentence one. Sentence two.", "", "", "", "Plain body"),
        ("Headline here\n\nBody text. More.", "Headline here", "", "", "Body text"),
        ("Headline\nPublished: 7 Jan 2026\nReuters\n\nBody.", "Headline", "7 Jan 2026", "Reuters", "Body"),
        ("Headline\nJan. 7, 2026\n\nBody.", "Headline", "Jan. 7, 2026", "", "Body"),
        # A first paragraph that ends like a sentence is body, not a title.
        ("First paragraph is a sentence.\n\nSecond paragraph.", "", "", "", "First paragraph"),
    ],
)
def test_plain_text_headers(text, title, date, source, body_start):
    article = parse_text_article(text, "x")
    assert (article.title, article.date, article.source) == (title, date, source)
    assert article.text.startswith(body_start)


def test_jsonl_reads_articles_and_reports_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    good = {"id": "a1", "title": "T", "text": "Body one.", "date": "2026-01-07", "source": "TVB", "lang": "en"}
    path.write_text(
        json.dumps(good) + "\n" + "{not json\n" + json.dumps({"id": "a3"}) + "\n"
        + json.dumps({"text": "No id here."}) + "\n",
        encoding="utf-8",
    )
    items = list(read_articles(path))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [a.id for a in articles] == ["a1", "batch-4"]
    assert articles[0].metadata == {"lang": "en"} and articles[0].source == "TVB"
    assert [e.path for e in errors] == [f"{path}:2", f"{path}:3"]
    assert "not valid JSON" in errors[0].message and "'text'" in errors[1].message


def test_folder_is_read_recursively_and_bad_files_do_not_stop_it(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Title A\n\nBody A.", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("Title B\n\nBody B.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 news".encode("latin-1"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    items = list(read_articles(tmp_path))
    ids = [i.id for i in items if isinstance(i, Article)]
    errors = {str(i.path).rsplit("/", 1)[-1]: i.message for i in items if isinstance(i, ReadError)}
    assert ids == ["a", "a-2"]  # same stem in two folders: distinct ids
    assert errors == {"empty.txt": "file is empty", "latin1.txt": errors["latin1.txt"]}
    assert errors["latin1.txt"].startswith("not UTF-8")


def test_missing_path_is_an_error_not_an_exception(tmp_path):
    (item,) = read_articles(tmp_path / "nope.txt")
    assert isinstance(item, ReadError) and "no such file" in str(item)


@pytest.mark.parametrize("raw, expected", [("../../etc/passwd", "etc_passwd"), ("a b/c", "a_b_c"), ("..", "article"),
                                           ("記事-1", "記事-1")])
def test_safe_id_cannot_leave_the_folder(raw, expected):
    assert safe_id(raw) == expected
