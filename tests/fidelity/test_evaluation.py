"""The evaluation's perturbations: what is changed in a reference."""

import random

from pipeline.evaluation import perturbations
from pipeline.fidelity import check
from pipeline.fidelity.check import default_glossary

EN = "Minoru Kihara met Mao Ning in Tokyo on Monday and promised 660 billion yen."
JA = "木原稔氏は月曜日に東京で毛寧氏と会い、6600億円を約束した。"


def test_every_name_of_a_segment_is_perturbed_once_each_way():
    report = check(EN, JA, "ja", default_glossary())
    names = [(how, fact) for kind, how, _, fact in perturbations(EN, JA, "ja", report, random.Random(0))
             if kind == "name"]
    # Every preserved name in CJK script, not one drawn at random.
    assert sorted(names) == sorted((how, fact) for fact in ("Minoru Kihara", "Mao Ning", "Tokyo")
                                   for how in ("replace", "delete"))
    deleted = next(text for kind, how, text, fact in perturbations(EN, JA, "ja", report, random.Random(0))
                   if (kind, how, fact) == ("name", "delete", "Mao Ning"))
    assert "毛寧" not in deleted and "木原稔" in deleted
