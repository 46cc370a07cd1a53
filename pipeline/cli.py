"""The command line: `python -m pipeline run|models ...`."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime

from pipeline import __version__

logger = logging.getLogger("pipeline")

DEFAULT_CONFIG = "configs/default.yaml"


def _configure_logging(quiet: bool, verbose: bool) -> None:
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        datefmt="%H:%M:%S")


def cmd_run(args: argparse.Namespace) -> int:
    """Summarise and translate every article under PATH."""
    from pathlib import Path

    from pipeline.batch import BatchRunner, load_models
    from pipeline.config import ConfigError, load_config
    from pipeline.models.embedded import ModelFileError

    config_path = args.config if args.config else (DEFAULT_CONFIG if Path(DEFAULT_CONFIG).is_file() else None)
    try:
        config = load_config(config_path)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if not Path(args.path).exists():
        print(f"error: {args.path}: no such file or folder", file=sys.stderr)
        return 2
    try:
        models = load_models(config)
    except ModelFileError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    run_id = args.run_id or datetime.now().strftime("%Y%m%d-%H%M%S")
    result = BatchRunner(config, models, config_path).run(args.path, args.out, run_id)
    print(f"{len(result.finished)} article(s) written to {result.run_dir}"
          + (f"; {len(result.errors)} failed (see {result.run_dir / 'errors.jsonl'})" if result.errors else ""))
    return 1 if result.errors else 0


def cmd_models(args: argparse.Namespace) -> int:
    """Fetch, verify or locate the embedded model."""
    from pipeline.models.embedded import EMBEDDED, ModelFileError, ensure_embedded_model, model_path

    if args.action == "path":
        print(model_path())
        return 0
    try:
        path = ensure_embedded_model(fetch=args.action == "fetch")
    except ModelFileError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{EMBEDDED.model_id}\n  file: {path}\n  size: {EMBEDDED.size} bytes, sha256 verified")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="summarise and translate articles",
                         description="Summarise each article in English and translate the article "
                                     "and the summary into Japanese and Chinese.")
    run.add_argument("path", help="an article file (.txt or .jsonl) or a folder of them")
    run.add_argument("--config", help=f"YAML config (default: {DEFAULT_CONFIG} when present)")
    run.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    run.add_argument("--run-id", help="name of the run folder (default: the start time)")
    run.set_defaults(func=cmd_run)

    models = sub.add_parser("models", help="the embedded model: fetch, verify, path")
    models.add_argument("action", choices=["fetch", "verify", "path"],
                        help="fetch: download and assemble (if missing) and verify; verify: check "
                             "size and sha256; path: print where it lives")
    models.set_defaults(func=cmd_models)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m pipeline` and the `pipeline` script."""
    args = build_parser().parse_args(argv)
    _configure_logging(args.quiet, args.verbose)
    return args.func(args)
