"""The verify pipeline, files → VerifyResult, with a whole-result cache.

A tree whose files, specs, options and interlock code are unchanged re-verifies from one small
pickle: the files are read and hashed (no parsing, linking or checking). Any change runs the
stages again; extraction still reuses the per-file cache, so only changed files are parsed.
Results live next to the extraction pack (`<root>/.interlock_cache`, or the XDG cache when the
root is read-only) and are written atomically, so concurrent runs at worst both compute.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from interlock import __version__
from interlock.checker import Bounds, Component, check
from interlock.checker.confined import apply_config
from interlock.extractor import extract, gc_paused, scan
from interlock.extractor.cache import default_cache_dir, dumps, trust, trusted
from interlock.models.program import ProgramModel
from interlock.models.result import VerifyResult

RESULTS = "results"
KEEP_RESULTS = 8              # distinct option sets (select/ignore/components) kept per cache


@dataclass
class Run:
    """One verification: the result, how long each stage took, and the model on demand."""

    result: VerifyResult | None       # None when the tree has no Python files
    files: int
    cached: bool
    timings: dict[str, float] = field(default_factory=dict)
    _model: ProgramModel | None = None
    _load: Callable[[], ProgramModel] | None = None

    def model(self) -> ProgramModel:
        """The program model (from the extraction cache when the result came from the cache)."""
        if self._model is None and self._load is not None:
            self._model = self._load()
        return self._model


def verify_tree(root: Path, components: list[Component], *, exclude: Iterable[str] = (),
                bounds: Bounds = Bounds(), select: Iterable[str] = (), ignore: Iterable[str] = (),
                per_path: dict[str, list[str]] | None = None, use_cache: bool = True,
                cache_dir: Path | None = None, extract_progress=None, check_progress=None,
                confined: Iterable[str] = (), config_source: Path | None = None) -> Run:
    """Extract and check `root` for `components`, or return the cached result of an identical run.
    `confined`: the config's classes kept to one thread (checker/confined.py)."""
    t0 = time.perf_counter()
    root = Path(root)
    confined = list(confined)
    tree = scan(root, exclude)
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir(root)
    key = result_key(tree.key, root, components, bounds, select, ignore, per_path, confined)
    timings = {"scan": time.perf_counter() - t0}

    def load_model() -> ProgramModel:
        return apply_config(extract(root, exclude=exclude, use_cache=use_cache, cache_dir=cache_dir, scanned=tree),
                            confined, config_source)

    if use_cache and tree.files:
        hit = load_result(folder, key)
        if hit is not None:
            timings["total"] = time.perf_counter() - t0
            return Run(hit, len(tree.files), True, timings, _load=load_model)
    # No cyclic GC while the model is alive: every collection would rescan its millions of
    # objects (the explorer's re-parses of the sources cost ~2x with it on a 90k-line tree).
    with gc_paused():
        model = apply_config(extract(root, exclude=exclude, use_cache=use_cache, cache_dir=cache_dir,
                                     progress=extract_progress, scanned=tree), confined, config_source)
        timings["extract"] = time.perf_counter() - t0 - timings["scan"]
        if not model.modules:
            return Run(None, 0, False, timings, _model=model)
        t1 = time.perf_counter()
        result = check(model, components, root, bounds=bounds, select=list(select), ignore=list(ignore),
                       per_path=per_path, progress=check_progress)
        timings["check"] = time.perf_counter() - t1
    if use_cache and not result.stats.get("rule_errors"):     # a rule that raised is not a result to serve again
        save_result(folder, key, result)
    timings["total"] = time.perf_counter() - t0
    return Run(result, len(tree.files), False, timings, _model=model)


@lru_cache(maxsize=1)
def code_version() -> str:
    """interlock's version plus a hash of all of its sources (rules change results, not only the extractor)."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for source in sorted(package.rglob("*.py")):
        h.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


def result_key(tree_key: str, root: Path, components: list[Component], bounds: Bounds,
               select: Iterable[str], ignore: Iterable[str], per_path: dict | None,
               confined: Iterable[str] = ()) -> str:
    """Everything a result depends on: the tree, the specs and options, and interlock's code."""
    comps = [(c.name, c.dimension, list(c.paths), c.spec.model_dump_json() if c.spec else None)
             for c in components]
    # the working folder too: reports may show paths relative to it
    options = json.dumps([str(root), os.getcwd(), comps, repr(bounds), sorted(select), sorted(ignore),
                          sorted((k, sorted(v)) for k, v in (per_path or {}).items()), sorted(confined)])
    return hashlib.sha256(f"{code_version()}\0{tree_key}\0{options}".encode()).hexdigest()


def load_result(folder: Path, key: str) -> VerifyResult | None:
    if not trusted(folder / RESULTS / f"{key[:32]}.pickle"):      # never unpickle a file that came with the tree
        return None
    try:
        with open(folder / RESULTS / f"{key[:32]}.pickle", "rb") as fh:
            data = pickle.load(fh)
    except Exception:   # noqa: BLE001 - missing, corrupt or foreign: a miss
        return None
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("result"), VerifyResult):
        return None
    return data["result"]


def save_result(folder: Path, key: str, result: VerifyResult) -> None:
    """Atomic write (temp file + rename); keeps the newest KEEP_RESULTS results."""
    target = folder / RESULTS
    tmp = None
    try:
        target.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# interlock cache\n*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(dir=target, prefix=".result.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(dumps({"key": key, "result": result}))
        os.replace(tmp, target / f"{key[:32]}.pickle")
        tmp = None
        trust(target / f"{key[:32]}.pickle")
        _prune(target)
    except OSError:
        pass                  # a read-only or full disk only costs speed next time
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path) -> None:
    entries = []
    for p in folder.glob("*.pickle"):
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            pass                          # removed by a concurrent run
    for _, p in sorted(entries, reverse=True)[KEEP_RESULTS:]:
        try:
            p.unlink()
        except OSError:
            pass


def stop_children_on_sigterm() -> None:
    """On SIGTERM (a CI job cancelled, `timeout`, a supervisor), terminate the worker processes
    first, then die of the signal as before: a child forked for the model-checking shards
    (checker/forked.py) would otherwise run on for minutes, orphaned, after its parent is gone.
    The extraction pool's workers end by themselves when the parent goes; they are stopped too."""
    import signal

    def _stop(signum, frame) -> None:      # noqa: ARG001 - the signal handler's signature
        import multiprocessing

        for child in multiprocessing.active_children():
            child.terminate()
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    try:
        signal.signal(signal.SIGTERM, _stop)
    except ValueError:                      # not the main thread (an embedding program): leave it
        pass
