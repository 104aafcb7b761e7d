"""Extraction speed against a bare libcst parse, measured in one run.

    python bench/extract_speed.py [--root PATH] [--repeat 3] [--max-lines 90000] [--jobs N]

Prints the bare single-core `libcst.parse_module` time of every file `extract` would read, then
the cold (fresh cache folder) and warm (cache filled, tree unchanged) `extract()` time, each as a
ratio to the bare parse (medians over --repeat runs). Each extraction runs in a fresh process and
is timed around the `extract()` call (interpreter start-up and imports are printed apart).
--max-lines copies the first files (sorted by path) up to that many lines into a temp tree,
e.g. a ~90k-line slice of the CPython stdlib. Goals: cold <= 1.5x, warm <= 0.1x.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interlock.extractor.discover import discover_files  # noqa: E402
from real_target import snapshot_code  # noqa: E402  (bench/ is the script folder, first on the path)

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from interlock.extractor import extract
from pathlib import Path
t1 = time.perf_counter()
jobs = int(sys.argv[3]) or None
model = extract(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]), jobs=jobs)
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "extract": t2 - t1, "functions": len(model.functions),
                  "diagnostics": len(model.diagnostics)}))
"""


def bare_parse(files: list[Path]) -> float:
    import libcst

    t0 = time.perf_counter()
    for f in files:
        try:
            libcst.parse_module(f.read_bytes())
        except Exception:   # noqa: BLE001 - unparsable files cost what they cost
            pass
    return time.perf_counter() - t0


def extract_once(root: Path, cache: Path, jobs: int, code: Path) -> dict:
    # A snapshot of the package, imported from its own folder (`python -c` puts the working
    # folder ahead of PYTHONPATH): a checkout edited meanwhile would change the cache keys.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(code), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", CHILD, str(root.resolve()), str(cache), str(jobs)],
                         capture_output=True, text=True, check=True, env=env, cwd=code)
    return json.loads(out.stdout.strip().splitlines()[-1])


def slice_tree(root: Path, max_lines: int, into: Path) -> Path:
    """Copy the first files of `root` (by path) until `max_lines` lines, keeping the layout."""
    total = 0
    for f in discover_files(root):
        if total >= max_lines:
            break
        dest = into / f.path
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f.abspath, dest)
        total += f.abspath.read_bytes().count(b"\n")
    return into


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path(sysconfig.get_paths()["stdlib"]))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-lines", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = slice_tree(args.root, args.max_lines, Path(tmp) / "tree") if args.max_lines else args.root
        run(root, args.repeat, args.jobs, snapshot_code(Path(tmp) / "code"))


def run(root: Path, repeat: int, jobs: int, code: Path) -> None:
    files = [f.abspath for f in discover_files(root)]
    lines = sum(f.read_bytes().count(b"\n") for f in files)
    print(f"tree: {root} - {len(files)} files, {lines} lines")
    bare = statistics.median(bare_parse(files) for _ in range(repeat))
    cold, warm = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(extract_once(root, Path(cache), jobs, code))
            warm.append(extract_once(root, Path(cache), jobs, code))
    c, w = (statistics.median(r["extract"] for r in runs) for runs in (cold, warm))
    imports = statistics.median(r["import"] for r in cold + warm)
    print(f"bare libcst parse (1 core): {bare:8.2f} s   1.00x")
    print(f"extract cold:               {c:8.2f} s   {c / bare:.2f}x  (goal <= 1.5x)")
    print(f"extract warm:               {w:8.3f} s   {w / bare:.3f}x  (goal <= 0.1x)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"(interpreter imports, not counted: {imports:.2f} s; "
          f"{cold[-1]['functions']} functions, {cold[-1]['diagnostics']} diagnostics)")


if __name__ == "__main__":
    main()
