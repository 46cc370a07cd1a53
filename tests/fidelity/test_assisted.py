"""Model-assisted evidence: back-translations soften name and quote errors, never figures."""

import json
import subprocess
import sys

from pipeline.fidelity import check
from pipeline.fidelity.assisted import names_in, overlap, reconsider
from pipeline.stages.validate import back_translator
from tests.scripted import ScriptedGenerator

SOURCE = 'Dafydd, 19, said brewers should "mind their own business," West Midlands Police said.'
# A human translation the dictionaries cannot fully match: ダヴィズ for Dafydd, a free quote.
HUMAN = ("ウエストミッドランド警察によると、19歳のダヴィズさんはビール製造業者は「他人のことに口出ししない」"
         "ほうが良いと語った。")
BACK = {
    HUMAN: "According to West Midlands Police, 19-year-old Dafydd said brewers had better not meddle.",
    "他人のことに口出ししない": "Mind your own business and do not interfere.",
}


def back_translate(request):
    return BACK.get(request.text, "The weather was fine.")


def errors(report):
    return {(f.kind, f.status) for f in report.errors}


def test_back_translation_confirms_a_transliterated_name_and_a_free_quote():
    report = check(SOURCE, HUMAN, "ja")
    before = errors(report)
    # The model-free check matches neither ダヴィズ (a Welsh dd is a z) nor the quote's words.
    assert {("name", "missing"), ("quote", "altered")} <= before
    model = ScriptedGenerator(back_translate)
    softened = reconsider([(SOURCE, HUMAN, report)], back_translator(model))
    assert softened == 2 and not report.errors
    confirmed = [f for f in report.findings if "back-translation" in f.evidence]
    assert confirmed and all(f.severity == "warning" for f in confirmed)
    assert all(r.instruction.startswith("Translate the following text into English") for r in model.requests)


def test_a_replaced_quote_and_a_replaced_name_stay_errors():
    wrong = "ウエストミッドランド警察によると、19歳の中村健太郎さんは「天気は晴れで、気温は平年並みだった」と語った。"
    report = check(SOURCE, wrong, "ja")
    before = errors(report)
    assert {("name", "missing"), ("quote", "altered")} <= before
    reconsider([(SOURCE, wrong, report)],
               back_translator(ScriptedGenerator(lambda r: "Kentaro Nakamura said the weather was fine.")))
    assert errors(report) == before


def test_figures_are_never_reconsidered():
    report = check("It cost 660 billion yen.", "660億円かかった。", "ja")
    assert ("figure", "altered") in errors(report)
    model = ScriptedGenerator(lambda r: "It cost 660 billion yen.")
    assert reconsider([("It cost 660 billion yen.", "660億円かかった。", report)], back_translator(model)) == 0
    assert model.requests == [] and ("figure", "altered") in errors(report)


def test_name_and_quote_matching():
    assert names_in("Ignacio Sánchez Recarte", "said Sanchez Recarte")
    assert names_in("Yahya", "Yahya was confirmed dead")
    assert names_in("Yahya", "Yahiya has gone") and names_in("Yahya", "Yahia is")  # a small model's spellings
    assert not names_in("Yahya", "Wang Jianguo was there") and not names_in("Yahya", "Yahir died")
    assert overlap("help us save many lives", "It will help to save many lives.") == 1.0
    assert overlap("help us save many lives", "The weather was fine.") == 0.0


def test_check_command_uses_the_model_only_when_the_config_asks(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"id": "a", "source": SOURCE, "translation": HUMAN, "lang": "ja"}) + "\n",
                     encoding="utf-8")
    # A model that cannot load: the model-free default never touches it; model_assisted reports it.
    (tmp_path / "empty").mkdir()
    sets = ["--set", "model.source=local", "--set", f"model.name={tmp_path / 'empty'}"]
    plain = subprocess.run([sys.executable, "-m", "pipeline", "check", "--pairs", str(pairs), *sets],
                           capture_output=True, text=True)
    assert plain.returncode == 1 and json.loads(plain.stdout)["id"] == "a"
    assisted = subprocess.run([sys.executable, "-m", "pipeline", "check", "--pairs", str(pairs), *sets,
                               "--set", "validation.model_assisted=true"], capture_output=True, text=True)
    assert assisted.returncode == 2 and assisted.stdout == ""
    assert assisted.stderr.strip().splitlines()[-1].startswith(f"error: {tmp_path / 'empty'}: cannot load model")


def test_the_pipeline_back_translates_only_when_the_config_asks(tmp_path):
    from pipeline.config import PipelineConfig
    from pipeline.run.loaded_models import Models
    from pipeline.run.runner import BatchRunner

    (tmp_path / "dafydd.txt").write_text("Dafydd speaks\n\nMr Dafydd said the package was worth 660 billion yen.\n",
                                          encoding="utf-8")
    translations = {"ja": "ダヴィズ氏は、経済対策は6600億円規模だと述べた。"}

    def answer(request):
        if request.target_lang == "en":  # a back-translation
            return "Mr Dafydd said the economic package was worth 660 billion yen."
        if request.target_lang is None:  # the summary
            return "Dafydd said the package was worth 660 billion yen."
        return translations[request.target_lang] if "660" in request.text else "ダヴィズが語る"

    fidelity = {}
    for assisted in (False, True):
        model = ScriptedGenerator(answer)
        config = PipelineConfig.model_validate({"summary": {"min_sentences": 1}, "repair": {"enabled": False},
                                                "translation": {"langs": ["ja"]},
                                                "validation": {"model_assisted": assisted}})
        result = BatchRunner(config, Models(model, model)).run(tmp_path / "dafydd.txt", tmp_path / str(assisted),
                                                                "r")
        fidelity[assisted] = json.loads((result.run_dir / "dafydd" / "fidelity.json").read_text(encoding="utf-8"))
        assert any(r.target_lang == "en" for r in model.requests) == assisted
    assert fidelity[False]["langs"]["ja"]["errors"] >= 1 and "model_assisted" not in fidelity[False]
    assert fidelity[True]["langs"]["ja"]["errors"] == 0
    assert fidelity[True]["model_assisted"]["softened"] == fidelity[False]["langs"]["ja"]["errors"]
