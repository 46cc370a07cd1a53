"""Base forms: Japanese content words by MeCab, English words by their Snowball stems."""

from pipeline.fidelity.lemmas import english_stems, japanese_lemmas


def test_japanese_content_words_come_back_in_their_dictionary_forms():
    assert japanese_lemmas("英国議会も同等にひどかった") == ["英国", "議会", "同等", "ひどい"]
    # Particles, auxiliaries, light verbs (する, なる) and dependent nouns (こと) carry no content.
    assert japanese_lemmas("行動しなければならないことだ") == ["行動"]


def test_english_words_meet_their_derived_forms_on_one_stem():
    assert english_stems(["implemented", "implementation", "thanking", "thanks"]) == [
        "implement", "implement", "thank", "thank"]
