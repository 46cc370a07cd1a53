"""The command line: `python -m pipeline run|check|config|models ...` (also the `pipeline` script)."""

from __future__ import annotations

import argparse
import logging
import sys

from pipeline import __version__
from pipeline.article import TARGET_LANGS

logger = logging.getLogger("pipeline")


def _configure_logging(verbose: bool) -> None:
    level = logging.DEBUG if verbose else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        datefmt="%H:%M:%S")


def cmd_run(args: argparse.Namespace) -> int:
    """Summarise and translate every article under PATH."""
    import json
    from pathlib import Path

    from pipeline.config import ConfigError, load_config
    from pipeline.fidelity.glossary import GlossaryError, load_glossary
    from pipeline.models.embedded import ModelFileError
    from pipeline.models.loading import ModelLoadError
    from pipeline.run.journal import default_run_id
    from pipeline.run.loaded_models import load_models
    from pipeline.run.lock import RunLocked, run_lock
    from pipeline.run.runner import BatchRunner, run_folder

    config_path = args.config
    engine = [f"engine={args.engine}"] if args.engine else []
    if args.ray_address is not None:
        engine.append(f"ray.address={json.dumps(args.ray_address)}")  # JSON: YAML would read 1:30 as a number
    if args.workers is not None:
        engine.append(f"ray.workers={args.workers}")
    try:
        config = load_config(config_path, [*args.set, *engine])
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if config.engine != "ray" and (args.ray_address is not None or args.workers is not None):
        print("error: --ray-address and --workers are for --engine ray", file=sys.stderr)
        return 2
    if args.path != "-" and not Path(args.path).exists():
        print(f"error: {args.path}: no such file or folder", file=sys.stderr)
        return 2
    if args.glossary:
        try:
            load_glossary(args.glossary)  # a bad glossary stops the run before the model loads
        except GlossaryError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        config.glossary = args.glossary
    if args.no_repair:
        config.repair.enabled = False
    run_id = args.run_id or default_run_id(args.path, config)
    try:
        # Locked before the models load: a run that waits holds no model, and --no-wait stops at once.
        with run_lock(run_folder(args.out, run_id), args.wait):
            if config.engine == "ray":
                try:
                    from pipeline.run.ray_engine import WorkersFailed, run_on_ray
                except ImportError as e:
                    print(f"error: --engine ray needs Ray ({e}): pip install 'news-fidelity-pipeline[ray]'",
                          file=sys.stderr)
                    return 2
                try:  # the models load in the Ray actors only
                    result = run_on_ray(config, args.path, args.out, run_id, config_path, force=args.force)
                except WorkersFailed as e:
                    print(f"error: {e}", file=sys.stderr)
                    return 2
            else:
                try:
                    models = load_models(config)
                except (ModelFileError, ModelLoadError) as e:
                    print(f"error: {e}", file=sys.stderr)
                    return 2
                result = BatchRunner(config, models, config_path).run(args.path, args.out, run_id, force=args.force)
    except RunLocked as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{len(result.finished)} article(s) written to {result.run_dir}"
          + (f"; {len(result.skipped)} already finished, skipped (--force redoes them)" if result.skipped else "")
          + (f"; {len(result.errors)} failed (see {result.run_dir / 'errors.jsonl'})" if result.errors else ""))
    return 1 if result.errors else 0


def _seconds(text: str) -> float:
    """A --wait value: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more)")
    return value


def cmd_models(args: argparse.Namespace) -> int:
    """Fetch, verify or locate the embedded model."""
    from pipeline.models.embedded import EMBEDDED, ModelFileError, ensure_embedded_model, model_path

    if args.action == "path":
        print(model_path())
        return 0
    if args.action == "list":
        return list_models()
    try:
        path = ensure_embedded_model(fetch=args.action == "fetch")
    except ModelFileError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{EMBEDDED.model_id}\n  file: {path}\n  size: {EMBEDDED.size} bytes, sha256 verified")
    return 0


def list_models() -> int:
    """What this machine has: the embedded model (cached? verified?) and models in the HF cache."""
    from pipeline.models.embedded import EMBEDDED, ModelFileError, model_path, verify

    path = model_path()
    if not path.is_file():
        state = "not cached (python -m pipeline models fetch)"
    else:
        try:
            verify(path)
            state = "cached, size and sha256 verified"
        except ModelFileError as e:
            state = f"cached but bad: {e}"
    print(f"embedded: {EMBEDDED.model_id}\n  {path}\n  {state}")
    from pipeline.models.converted import MARKER
    from pipeline.models.embedded import cache_dir

    for copy in sorted((cache_dir() / "converted").glob(f"*/{MARKER}")):
        print(f"  converted copy (fast start): {copy.parent}")
        for packed in sorted(copy.parent.glob("int4-*.safetensors")):
            print(f"  int4 copy (steps of few rows): {packed} ({packed.stat().st_size / 1e6:.0f} MB)")
    for tokenizer in sorted((cache_dir() / "converted").glob("*-tokenizer")):
        print(f"  tokenizer alone (llama.cpp runtime): {tokenizer}")
    if kernels := sorted((cache_dir() / "calibration").glob("kernels-*.json")):
        print(f"  this machine's kernel measurements (model.dtype: auto): {kernels[0].parent} ({len(kernels)} files)")
    if probes := sorted((cache_dir() / "calibration").glob("llama-*.json")):
        print(f"  llama.cpp probes (model.runtime: auto): {probes[0].parent} ({len(probes)} files)")
    generations = cache_dir() / "generations.sqlite"
    if generations.is_file():
        print(f"  generation cache: {generations} ({generations.stat().st_size / 1e3:.0f} kB)")
    from pipeline.fidelity.index_cache import index_folder

    folder = index_folder()
    if indexes := sorted(folder.glob("*.json")):
        size = sum(path.stat().st_size for path in indexes) / 1e6
        print(f"  validator's dictionary indexes: {folder} ({len(indexes)} files, {size:.0f} MB)")
    try:
        from huggingface_hub import scan_cache_dir

        repos = sorted(scan_cache_dir().repos, key=lambda r: r.repo_id)
    except Exception:  # noqa: BLE001 - no cache folder, or an unreadable one: nothing to list
        repos = []
    print("Hugging Face cache (usable with source: hub, offline):" if repos else "Hugging Face cache: empty")
    for repo in repos:
        print(f"  {repo.repo_type} {repo.repo_id}  {repo.size_on_disk_str}")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    """Print the resolved config as YAML: the built-in defaults, with --config and --set applied."""
    import yaml

    from pipeline.config import ConfigError, load_config

    try:
        config = load_config(args.config, args.set)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(yaml.safe_dump(config.model_dump(mode="json"), sort_keys=False, allow_unicode=True), end="")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate translations: many pairs from JSONL, or one pair from two files."""
    import json
    from pathlib import Path

    from pipeline.config import ConfigError, load_config
    from pipeline.fidelity import check
    from pipeline.fidelity.assisted import reconsider
    from pipeline.fidelity.checking import default_glossary
    from pipeline.fidelity.glossary import GlossaryError, load_glossary
    from pipeline.fidelity.table import format_table
    from pipeline.io.pairs import check_pairs
    from pipeline.io.writers import atomic_write
    from pipeline.stages.validate import back_translator

    try:
        glossary = default_glossary().extend(load_glossary(args.glossary)) if args.glossary else None
        config = load_config(args.config, args.set)
    except (ConfigError, GlossaryError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.pairs and not Path(args.pairs).is_file():
        print(f"error: {args.pairs}: no such file", file=sys.stderr)
        return 2
    assist = None
    if config.validation.model_assisted:  # the model loads only when asked for
        from pipeline.models.embedded import ModelFileError
        from pipeline.models.loading import ModelLoadError
        from pipeline.run.loaded_models import load_models

        try:
            assist = load_models(config).translation
        except (ModelFileError, ModelLoadError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
    overlap = config.validation.quote_overlap
    if args.pairs:
        records = list(check_pairs(Path(args.pairs), glossary, assist and back_translator(assist), overlap))
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        if args.out:
            atomic_write(Path(args.out), lines)
        else:
            sys.stdout.write(lines)
        bad = sum("error" in r for r in records)
        failing = sum(any(f["severity"] == "error" for f in r.get("findings", [])) for r in records)
        print(f"{len(records)} pairs: {failing} with error findings, {bad} unreadable", file=sys.stderr)
        return 2 if bad == len(records) else 1 if failing or bad else 0
    texts = []
    for name in (args.source, args.translation, args.document):
        try:
            texts.append(Path(name).read_text(encoding="utf-8") if name else None)
        except (OSError, UnicodeDecodeError) as e:
            print(f"error: {name}: cannot read ({e})", file=sys.stderr)
            return 2
    report = check(texts[0], texts[1], args.lang, glossary, texts[2])
    if assist is not None:
        reconsider([(texts[0], texts[1], report)], back_translator(assist), overlap)
    print(format_table(report))
    return 0 if report.ok else 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bars: plain log lines, one per stage and article (as when not on a terminal)")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="summarise and translate articles",
                         description="Summarise each article in English and translate the article "
                                     "and the summary into Japanese and Chinese.")
    run.add_argument("path", help="an article (.txt, .html, or .jsonl with one article per line), a folder of "
                                  "them (recursive), or - for standard input (text or JSONL)")
    run.add_argument("--config", help="YAML config; its keys replace the built-in defaults (`pipeline config` "
                                      "prints them)")
    run.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    run.add_argument("--run-id", help="name of the run folder (default: the input's name and a hash of the "
                                      "input path and config, so the same command resumes the same run)")
    run.add_argument("--force", action="store_true", help="redo articles an earlier run already finished")
    run.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                     help="override one config key, value in YAML: --set translation.langs=[ja] --set repair.rounds=0")
    run.add_argument("--glossary", help="a glossary YAML added to the shipped one (hints and evidence)")
    run.add_argument("--no-repair", action="store_true", help="write the first translations as they are")
    waiting = run.add_mutually_exclusive_group()
    waiting.add_argument("--wait", type=_seconds, metavar="SECONDS",
                         help="when another run is using the run folder, wait at most this long for it to "
                              "finish (default: as long as it takes), then stop with exit code 2")
    waiting.add_argument("--no-wait", dest="wait", action="store_const", const=0.0,
                         help="stop at once (exit code 2) when another run is using the run folder (--wait 0)")
    run.add_argument("--engine", choices=["local", "ray"],
                     help="where the articles run: local (this process; the default) or ray (a pool of Ray "
                          "actors, each with its own model; docs/ray.md); same outputs, either resumes the other")
    run.add_argument("--ray-address", metavar="ADDR",
                     help="the Ray cluster (HOST:6379, ray://HOST:10001, auto); default: $RAY_ADDRESS, else a Ray "
                          "started on this machine for the run")
    run.add_argument("--workers", type=int, metavar="N",
                     help="Ray actors, each loading its own copy of the model (default 1; ray.workers)")
    run.set_defaults(func=cmd_run)

    check = sub.add_parser("check", help="validate translations (names, figures, quotes)",
                           description="Check that every name, figure and direct quote of English text "
                                       "survives in a Japanese or Chinese translation. Exit 0: no error "
                                       "finding; 1: some; 2: bad input.")
    check.add_argument("--pairs", help='JSONL, one {"id", "source", "translation", "lang"} per line, with '
                                       'optionally "document": the whole article\'s English')
    check.add_argument("--out", help="where to write the findings JSONL (default: stdout)")
    check.add_argument("--source", help="an English text file (with --translation and --lang)")
    check.add_argument("--translation", help="its translation")
    check.add_argument("--lang", choices=TARGET_LANGS, help="the translation's language")
    check.add_argument("--document", help="the English of the whole article the source is part of: the "
                                          "translation's counts are held to it")
    check.add_argument("--glossary", help="a glossary YAML added to the shipped one")
    check.add_argument("--config", help="YAML config (default: the built-in defaults); with "
                                        "validation.model_assisted: true its model back-translates what did not match")
    check.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                       help="override one config key: --set validation.model_assisted=true")
    check.set_defaults(func=cmd_check, parser=check)

    shown = sub.add_parser("config", help="print the resolved config (built-in defaults, --config, --set) as YAML",
                           description=cmd_config.__doc__)
    shown.add_argument("--config", help="YAML config whose keys replace the defaults")
    shown.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override one config key")
    shown.set_defaults(func=cmd_config)
    models = sub.add_parser("models", help="models on this machine: list, fetch, verify, path")
    models.add_argument("action", choices=["list", "fetch", "verify", "path"], nargs="?", default="list",
                        help="list (default): the embedded model's state and the Hugging Face cache; "
                             "fetch: download and assemble (if missing) and verify; verify: check "
                             "size and sha256; path: print where it lives")
    models.set_defaults(func=cmd_models)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m pipeline` and the `pipeline` script."""
    args = build_parser().parse_args(argv)
    if args.command == "check":
        single = (args.source, args.translation, args.lang)
        if bool(args.pairs) == any(single):
            args.parser.error("give either --pairs, or --source with --translation and --lang")
        if not args.pairs and not all(single):
            args.parser.error("--source needs --translation and --lang")
        if args.pairs and args.document:
            args.parser.error("--document goes with --source; a --pairs line carries its own \"document\"")
    _configure_logging(args.verbose)
    from pipeline import progress
    from pipeline.fidelity.index_cache import use_index_folder
    from pipeline.models.embedded import cache_dir

    use_index_folder(cache_dir() / "indexes")  # the validator keeps its indexes in the run's cache folder

    progress.enable(sys.stderr.isatty() and not args.quiet)
    return args.func(args)
