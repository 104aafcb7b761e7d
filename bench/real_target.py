"""Whole-tree `interlock verify` speed and memory against a bare libcst parse, measured in one run.

    python bench/real_target.py --root /path/to/Auralis [--spec specs/auralis] [--repeat 3]
                                [--include auralis auralis-web/backend] [--jobs N]

Each repetition measures the bare single-core `libcst.parse_module` time of every file `verify`
reads (the files `interlock verify --root PATH` reads: the root's config, or the default excludes
that leave out test code), then a cold (fresh cache) and a warm (cache filled, tree unchanged) end-to-end
verification through `interlock.pipeline.verify_tree`, the path `interlock verify` takes; ratios
are of medians. Each verification runs in a fresh process (imports included, interpreter start-up
not), so the cold run pays for everything a user pays for. Peak memory is the verifying process's
own plus its largest extraction worker (forked workers share pages, so their sum over-counts).
--include verifies only those folders (copied to a temp tree with their relative paths).
The package is copied (and byte-compiled, as an install does) once at start so cold and warm runs
use the same code even while a development checkout changes (its cache keys hash the sources).
Goals (issue 7): cold <= 1.0x, warm <= 0.1x, peak memory < 2 GB.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import interlock  # noqa: E402
from interlock.config import load_config  # noqa: E402
from interlock.extractor.discover import SKIP_DIRS, discover_files  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from interlock.checker import components_for
from interlock.models.spec import load_specs
from interlock.pipeline import verify_tree
root, spec, cache = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
exclude = json.loads(sys.argv[4])
specs = load_specs(spec) if spec else []
run = verify_tree(root, components_for(specs), exclude=exclude, cache_dir=cache)
t1 = time.perf_counter()
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
self_mb, workers_mb = me.ru_maxrss / 1024, kids.ru_maxrss / 1024
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"total": t1 - t0, "cpu": cpu, "imports": t1 - t0 - run.timings["total"], "cached": run.cached,
                  "extract": run.timings.get("extract", 0.0), "check": run.timings.get("check", 0.0),
                  "findings": len(run.result.findings), "self_mb": self_mb, "workers_mb": workers_mb}))
"""


def line_count(files: list[Path]) -> int:
    return sum(f.read_bytes().count(b"\n") for f in files)


def bare_parse(files: list[Path]) -> float:
    import libcst

    t0, c0 = time.perf_counter(), time.process_time()
    for f in files:
        try:
            libcst.parse_module(f.read_bytes())
        except Exception:   # noqa: BLE001 - unparsable files cost what they cost
            pass
    return time.perf_counter() - t0, time.process_time() - c0


def verify_once(root: Path, spec: str, cache: Path, code: Path, exclude: tuple[str, ...]) -> dict:
    # cwd too: `python -c` puts the working folder (a checkout?) ahead of PYTHONPATH
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(code), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", CHILD, str(root.resolve()), spec, str(cache),
                          json.dumps(list(exclude))],
                         capture_output=True, text=True, env=env, cwd=code)
    if out.returncode != 0:
        raise SystemExit(f"verification failed:\n{out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def include_tree(root: Path, folders: list[str], into: Path) -> Path:
    """Copy `folders` of `root` to `into`, keeping their relative paths (so module names match)."""
    for rel in folders:
        src = root / rel
        if not src.exists():
            raise SystemExit(f"--include {rel}: no such folder under {root}")
        shutil.copytree(src, into / rel, ignore=shutil.ignore_patterns(*SKIP_DIRS, "*.pyc"))
    return into


def snapshot_code(into: Path) -> Path:
    """A copy of the interlock package the children import (see the module docstring), byte-compiled
    as `pip install` leaves an installed package: with PYTHONDONTWRITEBYTECODE set (as on the team's
    machines) every child would otherwise compile interlock's sources again, a cost users do not pay."""
    shutil.copytree(Path(interlock.__file__).resolve().parent, into / "interlock",
                    ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(into / "interlock", quiet=1)
    return into


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--spec", default="")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--include", nargs="*", default=[], metavar="FOLDER",
                    help="verify only these folders of the root (default: the whole tree)")
    args = ap.parse_args()
    spec = str(Path(args.spec).resolve()) if args.spec else ""
    exclude = load_config(root=args.root.resolve()).excluded()
    whole = [f.abspath for f in discover_files(args.root)]
    read = [f.abspath for f in discover_files(args.root, exclude)]
    print(f"tree: {args.root} - {len(whole)} files, {line_count(whole)} lines; "
          f"verify reads {len(read)} files, {line_count(read)} lines (excluded: {', '.join(exclude)})")
    with tempfile.TemporaryDirectory() as tmp:
        root = args.root
        if args.include:
            root = include_tree(args.root, args.include, Path(tmp) / "tree")
            files = [f.abspath for f in discover_files(root, exclude)]
            print(f"included: {' '.join(args.include)} - {len(files)} files, {line_count(files)} lines")
        code = snapshot_code(Path(tmp) / "code")
        run(root, spec, args.repeat, code, exclude)


def run(root: Path, spec: str, repeat: int, code: Path, exclude: tuple[str, ...]) -> None:
    files = [f.abspath for f in discover_files(root, exclude)]
    bare, bare_cpu, cold, warm = [], [], [], []
    for _ in range(repeat):             # interleaved, so load changes hit every measure alike
        wall, cpu = bare_parse(files)
        bare.append(wall), bare_cpu.append(cpu)
        with tempfile.TemporaryDirectory() as cache:
            cold.append(verify_once(root, spec, Path(cache), code, exclude))
            warm.append(verify_once(root, spec, Path(cache), code, exclude))
    b = statistics.median(bare)
    c, w = (statistics.median(r["total"] for r in runs) for runs in (cold, warm))
    self_mb = max(r["self_mb"] for r in cold + warm)
    workers_mb = max(r["workers_mb"] for r in cold + warm)
    jobs = os.cpu_count() or 1
    print(f"bare libcst parse (1 core): {b:8.2f} s   1.00x   (runs: {', '.join(f'{x:.1f}' for x in bare)})")
    print(f"verify cold:               {c:8.2f} s   {c / b:.2f}x  (goal <= 1.0x)")
    print(f"verify warm:               {w:8.2f} s   {w / b:.3f}x (goal <= 0.1x; "
          f"served from the result cache: {sum(r['cached'] for r in warm)}/{len(warm)})")
    print(f"peak memory:               {self_mb:8.0f} MB verifier + {workers_mb:.0f} MB largest worker "
          f"(x{jobs} workers: <= {self_mb + jobs * workers_mb:.0f} MB; goal < 2048 MB)")
    split = statistics.median(r["extract"] for r in cold), statistics.median(r["check"] for r in cold)
    imports = statistics.median(r["imports"] for r in cold)
    print(f"findings: {cold[-1]['findings']}; cold split (medians): imports {imports:.2f} s, "
          f"extract {split[0]:.2f} s, check {split[1]:.2f} s")
    bc, cc, wc = (statistics.median(x) for x in (bare_cpu, [r["cpu"] for r in cold], [r["cpu"] for r in warm]))
    print(f"cpu time (all processes): bare {bc:.2f} s, cold {cc:.2f} s ({cc / bc:.2f}x), warm {wc:.2f} s "
          f"({wc / bc:.3f}x); on a machine shared with other sessions (autogroup scheduling) extra "
          f"processes get no extra CPU, so the wall ratios above then show cpu ratios, not parallel ones")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {jobs} cores")


if __name__ == "__main__":
    main()
