"""The package's shape: the validator stands alone, no module imports itself back through others,
measurement tools stay outside, and the defaults travel with the package."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import yaml

from pipeline.config import PipelineConfig, load_config
from tests.conftest import ROOT

PACKAGE = ROOT / "pipeline"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every pipeline module → the pipeline modules it imports (at the top or inside functions)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
                for alias in node.names:  # "from pipeline import progress" imports a module
                    found.add(f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules
                              else node.module)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("pipeline")}
        graph[name] = {m for m in found if m in modules and m != name and m != "pipeline"}
    return graph


def test_the_import_graph_has_no_circle():
    graph = _imports()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            assert state.get(nxt) != 1, "import circle: " + " → ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_the_validator_imports_nothing_else_from_the_package():
    graph = _imports()
    for name, imported in graph.items():
        if name.startswith("pipeline.fidelity"):
            outside = {m for m in imported if not m.startswith("pipeline.fidelity")}
            assert not outside, f"{name} imports {outside}"
    # And at run time, in a fresh interpreter, every validator module loaded:
    code = ("import importlib, pkgutil, sys, pipeline.fidelity as f\n"
            "for m in pkgutil.iter_modules(f.__path__): importlib.import_module('pipeline.fidelity.' + m.name)\n"
            "print(sorted(m for m in sys.modules if m.startswith('pipeline') and m != 'pipeline'"
            " and not m.startswith('pipeline.fidelity')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "[]"


def test_measurement_tools_live_outside_the_runtime_package():
    names = {p.stem for p in PACKAGE.rglob("*.py")}
    assert not names & {"evaluation", "evaluation_data", "benchmark", "measure_repair", "calibrate_quotes"}


def test_configs_default_is_the_built_in_defaults():
    assert load_config(ROOT / "configs" / "default.yaml") == PipelineConfig()


def test_a_run_from_any_folder_uses_the_packaged_defaults_and_glossary(tmp_path):
    shown = subprocess.run([sys.executable, "-m", "pipeline", "config"], capture_output=True, text=True,
                           cwd=tmp_path, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert yaml.safe_load(shown.stdout) == PipelineConfig().model_dump(mode="json")
    # 野村総研 is the shipped glossary's short form, known to no dictionary.
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"id": "1", "source": "Nomura Research Institute said so.",
                                 "translation": "野村総研はそう述べた。", "lang": "ja"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "pipeline", "check", "--pairs", str(pairs)],
                             capture_output=True, text=True, cwd=tmp_path, timeout=300)
    (record,) = [json.loads(line) for line in checked.stdout.splitlines()]
    (name,) = [f for f in record["findings"] if f["kind"] == "name"]
    assert name["status"] == "preserved" and "glossary" in name["evidence"]


def test_the_glossary_ships_as_package_data():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "fidelity/glossary.yaml" in pyproject
    from pipeline.fidelity.glossary import DEFAULT_GLOSSARY

    assert DEFAULT_GLOSSARY.is_relative_to(PACKAGE) and DEFAULT_GLOSSARY.is_file()


def test_the_generation_path_loads_without_the_validators_packages():
    # The engine runs where only torch and transformers are installed (a GPU box).
    code = ("import sys, pipeline.models.loading, pipeline.models.chat, pipeline.models.seq2seq\n"
            "print(sorted(m for m in ('spacy', 'opencc', 'pykakasi', 'pypinyin', 'babel', 'cn2an', "
            "'pipeline.fidelity.checking') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "[]"
