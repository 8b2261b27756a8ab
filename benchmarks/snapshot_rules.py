"""Snapshot of the offline engine's output, for refactors that must not change it.

Runs ``summarizer extract --backend rules --no-store`` over the seeds and every ``evals/*/articles`` set
and writes one JSONL file per set into OUT, with the fields that vary from run to run blanked (the
latency, and the engine version, which folds in a hash of the lexicon). Compare two snapshots with
``--compare OTHER``: exit 1 and name the sets that differ when any output changed.

    python benchmarks/snapshot_rules.py OUT [--compare BASELINE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


NEVER_TUNED = {"blind3", "blind4", "blind5"}  # only measured, never run while changing the engine


def article_sets() -> dict[str, Path]:
    """Every set of articles the engine is tuned or gated on, by name (the never-tuned sets left out)."""
    sets = {"seeds": ROOT / "seeds"}
    for articles in sorted((ROOT / "evals").glob("*/articles")):
        if articles.parent.name not in NEVER_TUNED:
            sets[articles.parent.name] = articles
    return sets


def stable(line: str) -> str:
    """One extraction with its run-dependent fields blanked, keys in a fixed order."""
    record = json.loads(line)
    provenance = record.get("provenance") or {}
    for key in ("latency_ms", "model"):
        if key in provenance:
            provenance[key] = None
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def snapshot(name: str, path: Path, out: Path) -> Path:
    """Extract one set and write its stable JSONL to ``out/<name>.jsonl``."""
    run = subprocess.run(
        [sys.executable, "-m", "summarizer", "extract", "--backend", "rules", "--no-store", "-q", str(path)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    lines = sorted(stable(line) for line in run.stdout.splitlines() if line.strip())
    target = out / f"{name}.jsonl"
    target.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="a previous snapshot directory")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, path in article_sets().items():
        target = snapshot(name, path, args.out)
        if args.compare is not None:
            before = args.compare / target.name
            if not before.exists() or before.read_bytes() != target.read_bytes():
                changed.append(name)
    if args.compare is not None:
        print("identical on all sets" if not changed else f"CHANGED: {', '.join(changed)}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
