"""The pytest plugin (pipeline/pytest_plugin.py, the `pytest11` entry point) as its users meet it:
inner pytest runs through pytester, and a run in a virtual environment where the package is installed."""

import shutil
import subprocess
import sys
import sysconfig
import textwrap

import pytest

import pipeline
from tests.conftest import ROOT

pytest_plugins = ["pytester"]

SOURCE = "The company paid $3.4 billion in 2023."
FAITHFUL = "同社は2023年に34億ドルを支払った。"
WRONG_FIGURE = "同社は2023年に43億ドルを支払った。"
# 肖尔茨 is in no dictionary: a name of the translation the source lacks, but no evidence of a person.
ADDED_NAME = ("Officials met in Paris.", "官员们在巴黎会面，肖尔茨出席。", "zh-Hans")  # a warning, no error
GLOSSARY = "- en: Zentrix Labs\n  ja: 星光研究所\n"
NAMED = ("Zentrix Labs said profits rose.", "星光研究所は利益が増えたと述べた。", "ja")  # right only by the glossary


@pytest.fixture(scope="module", autouse=True)
def validator_loaded(fidelity):
    # Loaded here, outside the inner runs: pytester drops the modules an inner run imports.
    pipeline.check(SOURCE, FAITHFUL, "ja")


def message(result: pytest.RunResult) -> list[str]:
    """The assertion messages of an inner run, one line each, without pytest's 'E' gutter."""
    return [line[1:].strip() for line in result.outlines if line.startswith("E ")]


def test_a_wrong_figure_fails_with_a_readable_diff(pytester):
    pytester.makepyfile(f"""
        from pipeline import assert_faithful

        def test_figure():
            assert_faithful({SOURCE!r}, {WRONG_FIGURE!r}, "ja")
    """)
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    assert message(result) == [
        "AssertionError: the ja translation is not faithful: 1 failing finding(s) (1 error(s)); "
        "2 source fact(s) checked",
        "",
        "1. figure altered (error): expected 34億ドル, found 43億ドル",
        "source fact: $3.4 billion    in: The company paid [$3.4 billion] in 2023.",
        "expected:    34億ドル",
        "found:       43億ドル    in: 同社は2023年に[43億ドル]を支払った。",
        "evidence:    value 4.3e+09 USD",
    ]
    # pytest points at the test's line, not into the plugin.
    assert "assert_faithful(" in result.stdout.str() and "api.py" not in result.stdout.str()


def test_a_missing_name_and_quote_say_not_found(pytester):
    source = 'Apple CEO Tim Cook said "We are very happy" on Monday.'
    pytester.makepyfile(f"""
        import pipeline

        def test_dropped():
            pipeline.assert_faithful({source!r}, "アップルのCEOは月曜日、とても嬉しいと述べた。", "ja")
    """)
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    lines = message(result)
    assert "1. name missing (error): Tim Cook (PERSON) not found" in lines
    assert "source fact: Tim Cook    in: Apple CEO [Tim Cook] said \"We are very…" in lines
    assert "expected:    a rendering of 'Tim Cook' (no glossary or dictionary form known)" in lines
    assert "2. quote missing (error): quote 'We are very happy' is missing or became indirect speech" in lines
    assert lines.count("found:       not found") == 2


def test_a_faithful_translation_passes_and_warnings_fail_only_when_not_allowed(pytester):
    pytester.makepyfile(f"""
        import pipeline

        def test_faithful():
            report = pipeline.assert_faithful({SOURCE!r}, {FAITHFUL!r}, "ja")
            assert report.ok and len(report.findings) == 2

        def test_warning_allowed():
            report = pipeline.assert_faithful(*{ADDED_NAME!r})
            assert [f.status for f in report.warnings] == ["added"]

        def test_warning_refused():
            pipeline.assert_faithful(*{ADDED_NAME!r}, allow=())
    """)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*test_warning_refused FAILED*"])
    lines = message(result)
    assert "1. name added (warning): 肖尔茨 is named in the translation but not in the source" in lines
    assert "source fact: none (the source has no such fact)" in lines
    assert "found:       肖尔茨    in: 官员们在巴黎会面，[肖尔茨]出席。" in lines


def test_the_fidelity_fixture_is_one_validator_per_session(pytester):
    pytester.makepyfile(f"""
        seen = []

        def test_check(fidelity):
            seen.append(fidelity)
            report = fidelity.check({SOURCE!r}, {WRONG_FIGURE!r}, "ja")
            assert not report.ok and report.errors[0].found == "43億ドル"
            fidelity.assert_faithful({SOURCE!r}, {FAITHFUL!r}, "ja")

        def test_assert(fidelity):
            assert seen == [fidelity]
            fidelity.assert_faithful({SOURCE!r}, {WRONG_FIGURE!r}, "ja")
    """)
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    assert "1. figure altered (error): expected 34億ドル, found 43億ドル" in message(result)


def test_a_glossary_from_the_command_line_or_a_marker(pytester):
    pytester.makefile(".yaml", glossary=GLOSSARY)
    pytester.mkdir("sub")
    (pytester.path / "sub" / "names.yaml").write_text(GLOSSARY, encoding="utf-8")
    pytester.makepyfile(test_names=f"""
        import pytest
        from pipeline import assert_faithful

        def test_plain():
            assert_faithful(*{NAMED!r})

        def test_fixture(fidelity):
            fidelity.assert_faithful(*{NAMED!r})
    """)
    (pytester.path / "sub" / "test_marked.py").write_text(textwrap.dedent(f"""
        import pytest
        from pipeline import assert_faithful

        @pytest.mark.fidelity_glossary("names.yaml")
        def test_marked(fidelity):
            assert fidelity.check(*{NAMED!r}).findings[0].evidence == "glossary"
            assert_faithful(*{NAMED!r})

        def test_unmarked():
            assert_faithful(*{NAMED!r})
    """), encoding="utf-8")
    without = pytester.runpytest("-v")
    without.assert_outcomes(passed=1, failed=3)
    without.stdout.fnmatch_lines(["*test_marked PASSED*"])
    assert "1. name missing (error): Zentrix Labs (PERSON) not found" in message(without)

    with_option = pytester.runpytest("--fidelity-glossary", "glossary.yaml")
    with_option.assert_outcomes(passed=4)


def test_a_bad_glossary_or_marker_is_reported(pytester):
    pytester.makepyfile("""
        import pytest

        @pytest.mark.fidelity_glossary()
        def test_marked():
            pass
    """)
    result = pytester.runpytest("--fidelity-glossary", "missing.yaml")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--fidelity-glossary: *missing.yaml: cannot read glossary*"])
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*@pytest.mark.fidelity_glossary needs a glossary path*"])


def test_the_option_and_the_marker_are_documented(pytester):
    pytester.runpytest("--help").stdout.fnmatch_lines(["*--fidelity-glossary=PATH*"])
    pytester.runpytest("--markers").stdout.fnmatch_lines(["@pytest.mark.fidelity_glossary(path)*"])


def test_installing_the_package_is_enough(tmp_path):
    """A copy of the package installed (not editable) into a fresh virtual environment, and a test
    file in a folder of its own: the entry point brings the plugin. Dependencies come from this
    environment's site-packages through a .pth file, since nothing may be downloaded."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "pipeline", source / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (tmp_path / "venv" / site.removeprefix(str(venv) + "/") / "dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--no-index", str(source)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-2000:]

    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "test_mt.py").write_text(textwrap.dedent(f"""
        import sys
        from pipeline import assert_faithful

        def test_faithful(request):
            plugin = request.config.pluginmanager.get_plugin("fidelity")
            assert plugin.__file__.startswith(sys.prefix), plugin.__file__
            assert_faithful({SOURCE!r}, {FAITHFUL!r}, "ja")

        def test_altered(fidelity):
            fidelity.assert_faithful({SOURCE!r}, {WRONG_FIGURE!r}, "ja")
    """), encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("PYTHON", "PYTEST"))}
    done = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_mt.py"],
                          capture_output=True, text=True, cwd=work, env=env, timeout=300)
    assert "1 failed, 1 passed" in done.stdout, done.stdout[-3000:] + done.stderr[-2000:]
    assert "E       1. figure altered (error): expected 34億ドル, found 43億ドル" in done.stdout
