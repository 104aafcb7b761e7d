"""Whole-tree `interlock verify` speed and memory against a bare libcst parse, measured in one run.

    python bench/real_target.py --root /path/to/Auralis [--spec specs/auralis] [--repeat 3]

Prints the bare single-core `libcst.parse_module` time of every file, then the cold (fresh cache)
and warm (cache filled) end-to-end verification time, each as a ratio to the bare parse (medians),
and the peak resident memory of a verification run. Each verification runs in a fresh process so
the cold run pays for everything a user pays for and peak memory is that run's own.
Goals (issue 7): cold <= 1.0x, warm <= 0.1x, peak memory < 2 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SKIP = {".git", "node_modules", "__pycache__", ".venv", "venv", "build", "dist", ".interlock_cache"}

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from interlock.checker import check, components_for
from interlock.extractor import extract
from interlock.models.spec import load_specs
root, spec, cache = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
specs = load_specs(spec) if spec else []
model = extract(root, cache_dir=cache)
t1 = time.perf_counter()
result = check(model, components_for(specs), root)
t2 = time.perf_counter()
print(json.dumps({"total": t2 - t0, "extract": t1 - t0, "check": t2 - t1,
                  "findings": len(result.findings),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def python_files(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP and not d.startswith(".")]
        out += [Path(dirpath) / f for f in filenames if f.endswith(".py")]
    return sorted(out)


def bare_parse(files: list[Path]) -> float:
    import libcst

    t0 = time.perf_counter()
    for f in files:
        try:
            libcst.parse_module(f.read_bytes())
        except Exception:   # noqa: BLE001 - unparsable files cost what they cost
            pass
    return time.perf_counter() - t0


def verify_once(root: Path, spec: str, cache: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), spec, str(cache)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--spec", default="")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = python_files(args.root)
    lines = sum(f.read_bytes().count(b"\n") for f in files)
    print(f"tree: {args.root} — {len(files)} files, {lines} lines")
    bare = statistics.median(bare_parse(files) for _ in range(args.repeat))
    cold, warm, peaks = [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            c = verify_once(args.root, args.spec, Path(cache))
            w = verify_once(args.root, args.spec, Path(cache))
        cold.append(c["total"]), warm.append(w["total"]), peaks.append(max(c["peak_mb"], w["peak_mb"]))
    print(f"bare libcst parse (1 core): {bare:8.2f} s   1.00x")
    print(f"verify cold:               {statistics.median(cold):8.2f} s   {statistics.median(cold) / bare:.2f}x  (goal <= 1.0x)")
    print(f"verify warm:               {statistics.median(warm):8.2f} s   {statistics.median(warm) / bare:.2f}x  (goal <= 0.1x)")
    print(f"peak memory:               {max(peaks):8.0f} MB          (goal < 2048 MB)")
    print(f"findings: {c['findings']}; last cold split: extract {c['extract']:.2f} s, check {c['check']:.2f} s")


if __name__ == "__main__":
    main()
