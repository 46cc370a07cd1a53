"""HTML reports: every fact highlighted by state, the run index, and JSONL that datasets can load."""

import json
import shutil
import subprocess

import pytest

from pipeline.config import PipelineConfig
from pipeline.run.loaded_models import Models
from pipeline.run.runner import BatchRunner
from tests.scripted import ScriptedGenerator

ARTICLE = ("Kihara speaks\n\nChief Cabinet Secretary Minoru Kihara said the package was worth 660 billion yen. "
           "Economist Takahide Kiuchi said growth would fall by 0.11 percent.\n")
# A corrupted Japanese translation that repair cannot mend: the model always invents the same name.
JA = {
    "Kihara speaks": "木原氏が語る",
    "Chief Cabinet": "中村健太郎官房長官は、経済対策は6600億円規模だと述べた。",
    "Economist": "エコノミストの木内登英氏は、成長率が0.11%低下すると述べた。",
    "Minoru Kihara said": "中村健太郎氏は、経済対策は6600億円規模だと述べた。",
}
ZH = {
    "Kihara speaks": "木原发言",
    "Chief Cabinet": "官房长官木原稔表示，该计划价值6600亿日元。",
    "Economist": "经济学家木内登英表示，增长将下降0.11%。",
    "Minoru Kihara said": "木原稔表示，该计划价值6600亿日元。",
}


def answer(request):
    if request.target_lang is None:  # the summary
        return "Minoru Kihara said the package was worth 660 billion yen."
    table = JA if request.target_lang == "ja" else ZH
    return next(v for k, v in table.items() if request.text.startswith(k))


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    (folder / "kihara.txt").write_text(ARTICLE, encoding="utf-8")
    generator = ScriptedGenerator(answer)
    config = PipelineConfig.model_validate({"summary": {"min_sentences": 1}, "repair": {"rounds": 1}})
    result = BatchRunner(config, Models(generator, generator)).run(folder / "kihara.txt", folder / "out", "run")
    assert result.finished == ["kihara"]
    return result.run_dir


def test_the_article_page_marks_each_fact_by_state(run_dir):
    html = (run_dir / "kihara" / "report.html").read_text(encoding="utf-8")
    assert '<mark class="failing" title="ja: name missing: Minoru Kihara (PERSON) not found' in html
    assert '<mark class="preserved" title="figure preserved: 660 billion yen → 6600億円' in html  # in Japanese
    assert '<mark class="preserved" title="name preserved: Minoru Kihara → 木原稔' in html  # in Chinese
    assert 'id="summary-checks"' in html and "Every name and figure of the summary traces" in html


def test_the_index_lists_failures_first_and_the_jsonl_loads_with_datasets(run_dir):
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="kihara/report.html"' in index and "failing-row" in index
    records = [json.loads(line) for line in (run_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records[0]["id"] == "kihara" and records[0]["failing_ja"] >= 1 and records[0]["failing_zh-Hans"] == 0
    datasets = pytest.importorskip("datasets")
    loaded = datasets.load_dataset("json", data_files=str(run_dir / "articles.jsonl"), split="train")
    assert loaded[0]["id"] == "kihara"


def test_the_report_renders_in_chromium_with_the_failing_fact_highlighted(run_dir):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Debian's chromium is not installed (scripts/test.sh installs it)")
    image = pytest.importorskip("PIL.Image")
    shot = run_dir / "report.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={shot}", "--window-size=1400,1000", (run_dir / "kihara" / "report.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    pixels = image.open(shot).convert("RGB")
    colours = {colour for _, colour in pixels.getcolors(maxcolors=1 << 20)}
    assert (255, 179, 179) in colours  # the failing mark's background: the invented name's source is red
    assert (200, 240, 200) in colours  # and preserved facts are green
