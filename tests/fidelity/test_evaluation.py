"""The evaluation's perturbations: what is changed in a reference."""

import random
import re

from validator_eval.evaluate import _stable_sample, document_interval, perturbations

from pipeline.fidelity import check
from pipeline.fidelity.checking import default_glossary

EN = "Minoru Kihara met Mao Ning in Tokyo on Monday and promised 660 billion yen."
JA = "木原稔氏は月曜日に東京で毛寧氏と会い、6600億円を約束した。"


POOL = {"name": [("Angela Merkel", "メルケル"), ("Tokyo", "東京")], "quote": [("No.", "「いいえ」")]}


def test_every_name_of_a_segment_is_perturbed_once_each_way():
    report = check(EN, JA, "ja", default_glossary())
    perturbed = perturbations(EN, JA, "ja", report, random.Random(0), POOL)
    names = [(how, fact) for kind, how, _, fact in perturbed if kind == "name" and how != "add"]
    # Every preserved name in CJK script, not one drawn at random.
    assert sorted(names) == sorted((how, fact) for fact in ("Minoru Kihara", "Mao Ning", "Tokyo")
                                   for how in ("replace", "delete"))
    deleted = next(text for kind, how, text, fact in perturbed if (kind, how, fact) == ("name", "delete", "Mao Ning"))
    assert "毛寧" not in deleted and "木原稔" in deleted


def test_swapped_and_added_names_come_from_other_documents_never_from_the_source():
    report = check(EN, JA, "ja", default_glossary())
    perturbed = perturbations(EN, JA, "ja", report, random.Random(0), POOL)
    # Tokyo is in the English: the pool's 東京 must never stand in for another name.
    for kind, how, text, _ in perturbed:
        if kind == "name" and how in ("replace", "add"):
            assert "メルケル" in text
    added = [text for kind, how, text, _ in perturbed if (kind, how) == ("name", "add")]
    assert len(added) == 1 and "メルケルと" in added[0]


def test_a_weekday_is_replaced_by_an_invented_date():
    en = "The minister resigned on Friday."
    ja = "大臣は金曜日に辞任した。"
    report = check(en, ja, "ja", default_glossary())
    dates = [text for kind, how, text, _ in perturbations(en, ja, "ja", report, random.Random(0))
             if (kind, how) == ("figure", "date")]
    assert len(dates) == 1 and "金曜日" not in dates[0] and re.search(r"\d+月\d+日", dates[0])


def test_names_put_in_stay_when_the_pool_grows():
    pool = [(f"Name{i}", f"名前{i}") for i in range(20)]
    chosen = _stable_sample(pool, "add|segment", 3)
    assert len(set(chosen)) == 3
    # A name joining the pool replaces a chosen one only by outranking it: the others stay.
    grown = _stable_sample(pool + [("Other", "他")], "add|segment", 3)
    assert len(set(chosen) & set(grown)) >= 2


def test_the_false_alarm_interval_widens_when_alarms_come_in_one_document():
    spread = [[1, 10] for _ in range(5)] + [[0, 10] for _ in range(35)]  # 5 alarms in 5 of 40 documents
    clustered = [[5, 10]] + [[0, 10] for _ in range(39)]  # the same 5 alarms in one document
    low, high = document_interval(spread)
    assert low < 5 / 400 < high
    low_c, high_c = document_interval(clustered)
    assert high_c - low_c > high - low
    assert document_interval([[0, 10]] * 3) == [0.0, 0.0]


def test_the_length_model_fit_recovers_a_known_ratio_and_spread():
    from fit_length_model import fit

    # Every reference one CJK character per three letters: no slope, no spread beyond the floor.
    pairs = [("a" * n, "中" * (n // 3)) for n in range(30, 300, 3)]
    model = fit(pairs)
    assert (model.weight, model.slope, model.per_letter) == (3.0, 0.0, 0.0) and abs(model.intercept) < 1e-9
    # Half the references twice as long: a wider spread, so a doubled length is no longer far out.
    wide = fit(pairs + [(en, ref * 2) for en, ref in pairs])
    assert wide.floor > model.floor and wide.z(90, 2 * 90 * 3 / 3) < 3.5
