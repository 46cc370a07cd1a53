"""Build pipeline/fidelity/data/hanja_readings.tsv: the Korean (hangul) readings of each hanja.

    pip install pyhanja==0.0.6   # only to regenerate: its data file is libhangul's hanja.txt
    python scripts/build_hanja_readings.py [path/to/hanja.txt]

The source is libhangul's hanja table (BSD licence, Choe Hwanjin; notice kept in the output). Only
single-character entries are kept, and only hanja that CC-CEDICT writes (names in Chinese news use
no others), so the table stays small.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "fidelity" / "data" / "hanja_readings.tsv"


def _default_source() -> Path:
    import pyhanja

    return Path(pyhanja.__file__).parent / "data" / "hanja.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="libhangul's hanja.txt (default: pyhanja's copy)")
    args = parser.parse_args()
    from pipeline.fidelity.dictionaries import cedict_entries

    source = args.source or _default_source()
    lines = source.read_text(encoding="utf-8").splitlines()
    notice = [line for line in lines[:40] if line.startswith("#")]
    written = {ch for e in cedict_entries() for word in (e["simplified"], e["traditional"]) for ch in word}
    readings: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        parts = line.split(":")
        if line.startswith("#") or len(parts) < 2:
            continue
        hangul, hanja = parts[0], parts[1]
        if len(hanja) == 1 and len(hangul) == 1 and "\uac00" <= hangul <= "\ud7a3" and hanja in written:
            readings[hanja].add(hangul)
    header = ["# Korean readings of hanja, from libhangul's hanja.txt (scripts/build_hanja_readings.py).",
              "# Its licence:", *notice]
    body = [f"{hanja}\t{' '.join(sorted(hanguls))}" for hanja, hanguls in sorted(readings.items())]
    OUT.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{len(body)} hanja → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
