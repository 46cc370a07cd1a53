"""Dictionary indexes kept on disk: built once, read back as they were, built again when unreadable."""

import logging

import pytest

from pipeline.fidelity import index_cache
from pipeline.fidelity.index_cache import dict_of_sets, stored


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(index_cache, "index_folder", lambda: tmp_path / "indexes")
    return tmp_path / "indexes"


def counting_builder(calls):
    def names(stopwords: frozenset[str]) -> dict[str, set[str]]:
        calls.append(stopwords)
        return {"tokyo": {"東京", "东京"}, "putin": {"プーチン"}} if "x" in stopwords else {"other": {"他"}}

    return names


def test_an_index_is_built_once_then_read_back_as_it_was(folder):
    calls = []
    first = stored(dict_of_sets)(counting_builder(calls))(frozenset({"x"}))
    # A new process: a fresh wrapper, the builder never runs.
    again = stored(dict_of_sets)(counting_builder(calls))(frozenset({"x"}))
    assert again == first == {"tokyo": {"東京", "东京"}, "putin": {"プーチン"}}
    assert isinstance(again["tokyo"], set) and len(calls) == 1
    # Other arguments are another index.
    assert stored(dict_of_sets)(counting_builder(calls))(frozenset({"y"})) == {"other": {"他"}}
    assert len(calls) == 2 and len(list(folder.glob("names-*.json"))) == 2


def test_an_unreadable_index_is_built_again_and_replaced(folder, caplog):
    calls = []
    stored(dict_of_sets)(counting_builder(calls))(frozenset({"x"}))
    (path,) = folder.glob("names-*.json")
    path.write_text('{"tokyo": [', encoding="utf-8")  # cut short
    with caplog.at_level(logging.WARNING):
        value = stored(dict_of_sets)(counting_builder(calls))(frozenset({"x"}))
    assert value["tokyo"] == {"東京", "东京"} and len(calls) == 2
    assert "unreadable" in caplog.text and path.name in caplog.text
    assert stored(dict_of_sets)(counting_builder(calls))(frozenset({"x"})) == value and len(calls) == 2


def test_a_folder_that_cannot_be_written_only_costs_the_build(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setattr(index_cache, "index_folder", lambda: blocker / "indexes")
    calls = []
    with caplog.at_level(logging.WARNING):
        assert stored(dict_of_sets)(counting_builder(calls))(frozenset({"x"}))["putin"] == {"プーチン"}
        assert stored(dict_of_sets)(counting_builder(calls))(frozenset({"y"})) == {"other": {"他"}}
    assert caplog.text.count("not written") == 1  # once for the folder, not once per index


def test_a_changed_validator_or_dictionary_builds_again_and_replaces_the_old_index(folder, monkeypatch):
    calls = []
    stored(dict_of_sets)(counting_builder(calls))(frozenset({"x"}))
    stored(dict_of_sets)(counting_builder(calls))(frozenset({"y"}))
    (folder / "other-0123abcd-00000000.json").write_text("{}")  # another index: left alone
    monkeypatch.setattr(index_cache, "_fingerprint", lambda: "f00dfeed")
    stored(dict_of_sets)(counting_builder(calls))(frozenset({"x"}))
    assert len(calls) == 3
    assert sorted(p.name.rsplit("-", 1)[0] for p in folder.glob("*.json")) == ["names-f00dfeed", "other-0123abcd"]


def test_real_indexes_read_back_equal_to_their_build(folder):
    from pipeline.fidelity import dictionaries, jmdict

    for index in (jmdict._hepburn_like_glosses, dictionaries._cedict_index):
        build = index.__wrapped__.__wrapped__  # under lru_cache and stored
        built = index.__wrapped__()  # builds and stores
        index.cache_clear()
        assert index() == built == build()
    assert isinstance(next(iter(jmdict._hepburn_like_glosses().values()))[0], tuple)
