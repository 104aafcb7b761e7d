"""CPU seconds of each stage of a cold single-process `verify`, this checkout against a baseline one.

    python bench/stage_cpu.py --root /path/to/Auralis --baseline /path/to/other/checkout [--repeat 3]

On a machine shared with other sessions wall times say more about the neighbours than about the
code; the CPU time of one process does not. Each run is a fresh process (no cache, extraction and
the model-checking shards in the process itself, as `jobs=1`) that reports the CPU time of the
per-file extraction, the link (`build_model`), the checks and the whole verification. Runs of the
two checkouts alternate, so a change of load or of CPU frequency hits both alike; the table shows
medians and the ratio this/baseline per stage. The findings of the two must be the same count.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, os, sys, tempfile, time
from pathlib import Path
os.cpu_count = lambda: 1                 # extraction workers and forked shards: none
clock = time.process_time
import interlock.extractor as X
import interlock.pipeline as P
from interlock.checker import components_for
from interlock.config import load_config
spent = {"files": 0.0, "link": 0.0}
def timed(name, fn):
    def run(*a, **k):
        t = clock()
        try:
            return fn(*a, **k)
        finally:
            spent[name] += clock() - t
    return run
X._extract_files = timed("files", X._extract_files)
X.build_model = timed("link", X.build_model)
P.time.perf_counter = clock              # the pipeline's own timings in CPU seconds
root = Path(sys.argv[1])
exclude = load_config(root=root.resolve()).excluded()
with tempfile.TemporaryDirectory() as cache:
    t = clock()
    run = P.verify_tree(root, components_for([]), exclude=exclude, use_cache=False, cache_dir=Path(cache))
    total = clock() - t
print(json.dumps({"files": spent["files"], "link": spent["link"], "check": run.timings.get("check", 0.0),
                  "total": total, "findings": len(run.result.findings)}))
"""

STAGES = ("files", "link", "check", "total")


def snapshot(checkout: Path, into: Path) -> Path:
    shutil.copytree(checkout / "interlock", into / "interlock", ignore=shutil.ignore_patterns("__pycache__"))
    return into


def once(code: Path, root: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    out = subprocess.run([sys.executable, "-c", CHILD, str(root.resolve())], capture_output=True, text=True,
                         env=env, cwd=code)
    if out.returncode != 0:
        raise SystemExit(f"{code}: {(out.stderr.strip().splitlines() or ['failed'])[-1]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--baseline", required=True, type=Path, help="another checkout (its interlock/ is copied)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        this = snapshot(Path(__file__).resolve().parents[1], Path(tmp) / "this")
        base = snapshot(args.baseline.resolve(), Path(tmp) / "base")
        runs: dict[str, list[dict]] = {"baseline": [], "this": []}
        for _ in range(args.repeat):
            runs["baseline"].append(once(base, args.root))
            runs["this"].append(once(this, args.root))
    med = {k: {s: statistics.median(r[s] for r in v) for s in STAGES} for k, v in runs.items()}
    print(f"{'stage':8} {'baseline':>10} {'this':>10}  ratio   (CPU seconds, medians of {args.repeat})")
    for s in STAGES:
        b, t = med["baseline"][s], med["this"][s]
        print(f"{s:8} {b:10.2f} {t:10.2f}  {t / b if b else 0:.3f}")
    counts = {k: {r["findings"] for r in v} for k, v in runs.items()}
    print(f"findings: baseline {sorted(counts['baseline'])}, this {sorted(counts['this'])}"
          + ("" if counts["baseline"] == counts["this"] else "  <- DIFFERENT"))
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
