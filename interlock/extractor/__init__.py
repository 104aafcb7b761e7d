"""The extractor: source tree -> ProgramModel (libcst per file, cached, parallel; then linked).

`extract(root)` discovers files, extracts each one (through the cache, across cores for large
trees), links them (MROs, mixins, call resolution) and derives contexts, locksets, the lock graph
and state machines. It never imports or runs the target code.
"""
from __future__ import annotations

import gc
import os
import pickle
import stat
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from interlock.extractor.cache import ExtractCache, Pack, default_cache_dir, dumps, file_key, tree_key
from interlock.extractor.discover import SourceFile, discover_files
from interlock.extractor.filemodel import FileExtract
from interlock.models.program import Diagnostic, ModuleInfo, ProgramModel

__all__ = ["extract", "ExtractError", "Scan", "build_model", "scan"]

Progress = Callable[[int, int], None]
#: Below this many files to extract, process start-up costs more than parallelism saves.
PARALLEL_MIN_FILES = 40


class ExtractError(Exception):
    """A fatal extraction problem (missing root); unparsable files are diagnostics instead."""


@dataclass(frozen=True)
class Scan:
    """The files of a tree as read once: sources, per-file cache keys and the whole tree's key.

    `key` changes with any file's content, path or module, the exclude globs and the extractor's
    code, so callers can cache what they derive from the whole tree (e.g. a verification result).
    """

    root: Path
    exclude: tuple[str, ...]
    files: list[SourceFile]
    sources: list[bytes]
    diagnostics: list[Diagnostic]
    keys: list[tuple[str, str]]          # (path, file key)
    key: str


def scan(root: Path, exclude: Iterable[str] = ()) -> Scan:
    """Read and hash every Python file under `root` (no parsing)."""
    root, exclude = Path(root), tuple(exclude or ())
    if not root.exists():
        raise ExtractError(f"root {root} does not exist")
    if not root.is_dir():
        raise ExtractError(f"root {root} is not a folder")
    files, sources, diagnostics = _read_all(root, exclude)
    keys = [(f.path, file_key(src, f.path, f.module)) for f, src in zip(files, sources)]
    return Scan(root, exclude, files, sources, diagnostics, keys, tree_key(keys, exclude))


def extract(root: Path, *, exclude: Iterable[str] = (), use_cache: bool = True,
            cache_dir: Path | None = None, jobs: int | None = None,
            progress: Progress | None = None, scanned: Scan | None = None) -> ProgramModel:
    """Extract the program model of every Python file under `root` (`scanned`: its files, read already)."""
    with gc_paused():
        tree = scanned if scanned is not None else scan(root, exclude)
        return _extract(tree, use_cache, cache_dir, jobs, progress)


@contextmanager
def gc_paused():
    """No cyclic GC while building large acyclic model graphs: it rescans them over and over
    (loading a warm pack is ~3x faster without it, extracting ~25%)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _extract(tree: Scan, use_cache: bool, cache_dir: Path | None, jobs: int | None,
             progress: Progress | None) -> ProgramModel:
    root, files, sources, diagnostics, keys = tree.root, tree.files, tree.sources, tree.diagnostics, tree.keys
    cache = ExtractCache(cache_dir or default_cache_dir(root)) if use_cache else None
    pack = cache.load() if cache is not None else Pack()
    whole_key = tree.key
    if pack.model is not None and pack.model_key == whole_key:
        _report(progress, len(files), len(files))
        model = pack.model
        return model if model.root == str(root) else model.model_copy(update={"root": str(root)})
    extracts = _extract_files(files, sources, keys, pack.entries, jobs, progress)
    model = build_model(root, [extracts[f.path] for f in files], diagnostics)
    if cache is not None:
        key_of = dict(keys)
        cache.save(Pack({p: (key_of[p], e) for p, e in extracts.items()}, whole_key, model))
    return model


def build_model(root: Path, extracts: list[FileExtract], diagnostics: list[Diagnostic] = ()) -> ProgramModel:
    """Link per-file extracts and derive the program-level facts."""
    from interlock.extractor.entrypoints import find_contexts
    from interlock.extractor.index import EventIndex
    from interlock.extractor.link import link
    from interlock.extractor.lockgraph import build_lock_graph
    from interlock.extractor.locksets import compute_entry_held
    from interlock.extractor.settled import settle_done_callbacks
    from interlock.extractor.setup_phase import script_bodies
    from interlock.extractor.statemachines import find_state_machines

    linked = link(extracts)
    model = ProgramModel(root=str(root), modules=linked.modules, classes=linked.classes,
                         functions=settle_done_callbacks(linked.functions),
                         diagnostics=tuple(diagnostics) + linked.diagnostics)
    index = EventIndex(model)        # bodies are final after linking; entry_held changes no body
    scripts = script_bodies(model, index)
    if scripts:
        model = model.model_copy(update={"functions": {**model.functions, **scripts}})
        index = EventIndex(model)
    model = model.model_copy(update={"functions": compute_entry_held(model, index)})
    return model.model_copy(update={
        "contexts": find_contexts(model, index),
        "lock_graph": build_lock_graph(model, index),
        "state_machines": find_state_machines(model, index),
    })


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _read_all(root: Path, exclude: tuple[str, ...]):
    files, sources, diagnostics = [], [], []
    for f in discover_files(root, exclude):
        try:
            if not stat.S_ISREG(f.abspath.stat().st_mode):     # a FIFO would block the read forever
                diagnostics.append(Diagnostic(path=f.path, severity="error",
                                              message="cannot read: not a regular file (a FIFO, socket or device)"))
                continue
            sources.append(f.abspath.read_bytes())
            files.append(f)
        except OSError as exc:
            diagnostics.append(Diagnostic(path=f.path, severity="error", message=f"cannot read: {exc.strerror}"))
    return files, sources, diagnostics


def _extract_files(files: list[SourceFile], sources: list[bytes], keys: list[tuple[str, str]],
                   packed: dict[str, tuple[str, FileExtract]], jobs: int | None,
                   progress: Progress | None) -> dict[str, FileExtract]:
    """Per-file extracts: from the pack when the file key matches, else extracted now."""
    out: dict[str, FileExtract] = {}
    todo: list[tuple[str, str, bytes]] = []
    for f, src, (_, key) in zip(files, sources, keys):
        hit = packed.get(f.path)
        if hit is not None and hit[0] == key and isinstance(hit[1], FileExtract):
            out[f.path] = hit[1]
        else:
            todo.append((f.path, f.module, src))
    _report(progress, len(out), len(files))
    for path, extract_ in _run(todo, jobs, progress, len(out), len(files)):
        out[path] = extract_
    return out


def _run(todo: list[tuple[str, str, bytes]], jobs: int | None, progress: Progress | None,
         done: int, total: int):
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(todo) < PARALLEL_MIN_FILES:
        for item in todo:
            yield item[0], extract_one(*item)
            done += 1
            _report(progress, done, total)
        return
    yield from _run_parallel(todo, jobs, progress, done, total)


def _run_parallel(todo, jobs, progress, done, total):
    # Biggest files first, in chunks, so the pool ends evenly and IPC stays small per file.
    todo = sorted(todo, key=lambda t: -len(t[2]))
    size = max(1, min(32, len(todo) // (jobs * 8)))
    chunks = [todo[i::len(todo) // size or 1] for i in range(len(todo) // size or 1)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context()) as pool:
        for blob in pool.map(extract_chunk, chunks):
            for path, extract_ in pickle.loads(blob):
                yield path, extract_
                done += 1
                _report(progress, done, total)


def _mp_context():
    import multiprocessing

    # fork reuses the already-imported libcst; spawn would pay its import again per worker.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def extract_chunk(chunk: list[tuple[str, str, bytes]]) -> bytes:
    """Worker entry point: extract a list of (path, module, source), pickled for the parent."""
    # No collection here: parsed trees are acyclic and freed by reference counting (a full
    # collection per chunk freed nothing on Auralis and cost ~13% of the extraction).
    with gc_paused():
        out = [(path, extract_one(path, module, src)) for path, module, src in chunk]
        return dumps(out)            # the fast reducer: the parent's load is on the critical path


def extract_one(path: str, module: str, source: bytes) -> FileExtract:
    """One file; any failure becomes an error diagnostic on an empty module (never a crash)."""
    from interlock.extractor import modules

    try:
        return modules.extract_file(source, path, module)
    except RecursionError:
        return _failed(path, module, 0, "too deeply nested to analyse")
    except Exception as exc:   # noqa: BLE001 - one bad file must not stop the tree
        if os.environ.get("INTERLOCK_DEBUG"):
            raise                          # the traceback, for a bug report
        line = getattr(exc, "raw_line", 0) or getattr(exc, "line", 0) or 0
        first = (str(exc).strip().splitlines() or [""])[0]
        # a ParseFailure is caught inside extract_file: anything here is interlock's own fault
        return _failed(path, module, line if isinstance(line, int) else 0,
                       f"internal error while analysing this file ({type(exc).__name__}: {first}); please report it")


def _failed(path: str, module: str, line: int, message: str) -> FileExtract:
    diag = Diagnostic(path=path, line=line, severity="error", message=message)
    return FileExtract(module=ModuleInfo(name=module, path=path), diagnostics=(diag,))
