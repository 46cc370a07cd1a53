"""Bad input: each kind gets one clear error line naming the file, and the batch goes on."""

import pytest

from pipeline.io.readers import ReadError, read_articles

ENGLISH = "Japan has criticised China's decision to ban exports of dual-use goods that can serve military purposes."


@pytest.mark.parametrize("name, content, error", [
    ("empty.txt", b"", "file is empty"),
    ("binary.txt", bytes(range(256)) * 4, "not UTF-8 text"),
    ("nul.txt", b"GIF89a\x00\x01\x00\x00" + b"x" * 50, "binary data, not text"),
    ("latin1.txt", "Caf\u00e9 owners protested on Wednesday.".encode("latin-1"), "not UTF-8 text"),
    ("chinese.txt", ("日本批评中国决定禁止向东京出口可用于军事目的的双用商品。"
                     "中国商务部称，禁止出口具有民用和军事用途的物品。"
                     "北京表示，此类出口可能有助于增强日本的军事力量。").encode(), "not English (detected 'zh'"),
    ("french.txt", "Le Japon a critiqué la décision de la Chine d'interdire les exportations de biens à double "
                   "usage qui peuvent servir à des fins militaires.".encode(), "not English (detected 'fr'"),
    ("empty.html", b"<html><body><script>var x = 1;</script></body></html>", "HTML page without article text"),
])
def test_each_bad_input_is_one_error_naming_the_file(tmp_path, name, content, error):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(ENGLISH, encoding="utf-8")
    items = list(read_articles(tmp_path))
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [i.id for i in items if not isinstance(i, ReadError)] == ["good"]
    assert len(errors) == 1 and errors[0].path == str(tmp_path / name) and errors[0].message.startswith(error)
    assert "\n" not in str(errors[0])


def test_html_is_reduced_to_its_article_text_and_noted(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>Site | Japan criticises China</title><script>track()</script>"
            "</head><body><nav>Home News Sport</nav><h1>Japan criticises China</h1>"
            f"<p>{ENGLISH}</p><p>Beijing says such exports could help enhance Japanese military power.</p>"
            "<footer>Copyright</footer></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (article,) = read_articles(tmp_path)
    assert article.title == "Japan criticises China"
    assert article.text == f"{ENGLISH}\n\nBeijing says such exports could help enhance Japanese military power."
    assert "HTML" in article.metadata["input_note"]


def test_a_short_or_english_text_is_not_refused_by_language_detection(tmp_path):
    (tmp_path / "a.txt").write_text("China replied.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(ENGLISH + " Tokyo said it was 'extremely regrettable'.", encoding="utf-8")
    assert [a.id for a in read_articles(tmp_path)] == ["a", "b"]


def test_standard_input_is_text_or_jsonl():
    import io

    from pipeline.io.readers import read_stdin

    (article,) = read_stdin(io.StringIO(f"Japan criticises China\n\n{ENGLISH}\n"))
    assert (article.id, article.title, article.text) == ("stdin", "Japan criticises China", ENGLISH)
    items = list(read_stdin(io.StringIO('{"id": "a", "text": "One."}\nnot json\n{"id": "b", "text": "Two."}\n')))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "b"]
    assert str(items[1]).startswith("<stdin>:2: not valid JSON")


def test_hugging_face_datasets_saved_to_disk_and_parquet_files_are_inputs(tmp_path):
    datasets = pytest.importorskip("datasets")
    rows = {"id": ["a", "b"], "title": ["One", "Two"], "text": [ENGLISH, ""], "date": ["2026-01-07", ""],
            "source": ["TVB", ""]}
    data = datasets.Dataset.from_dict(rows)
    data.save_to_disk(str(tmp_path / "saved"))
    items = list(read_articles(tmp_path / "saved"))
    assert items[0].id == "a" and items[0].title == "One" and items[0].source == "TVB"
    assert isinstance(items[1], ReadError) and items[1].message == "field 'text' is empty"
    data.to_parquet(str(tmp_path / "news.parquet"))
    (article, error) = read_articles(tmp_path / "news.parquet")
    assert article.text == ENGLISH and error.path.endswith("news.parquet[1]")
    (tmp_path / "broken.parquet").write_bytes(b"not parquet")
    (error,) = read_articles(tmp_path / "broken.parquet")
    assert error.message.startswith("cannot load as a dataset") and "\n" not in error.message
