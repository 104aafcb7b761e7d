"""File discovery: the `*.py` files under a root and their dotted module names.

Module names are what Python would import: relative to the root, prefixed by the packages the root
itself is in (`--root .../src/watchdog` with `watchdog/__init__.py`: `watchdog.utils`, not `utils`),
so the package's absolute imports of its own modules resolve. Paths stay relative to the root.

Skips VCS folders, virtual environments, caches, `node_modules` and build output, plus the
user's `exclude` globs (matched against root-relative '/' paths and their folder prefixes).
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".eggs", "node_modules", "__pycache__",
    "build", "dist", "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".interlock_cache",
})


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One discovered file: absolute path, root-relative '/' path, dotted module name."""

    abspath: Path
    path: str
    module: str


def module_name(rel: str, package: str = "") -> str:
    """`player/engine.py` -> `player.engine`; `pkg/__init__.py` -> `pkg`; under a root that is
    package `pkg` itself: `engine.py` -> `pkg.engine`, `__init__.py` -> `pkg`."""
    parts = rel[:-3].split("/") if rel.endswith(".py") else rel.split("/")
    if parts[-1] == "__init__" and (len(parts) > 1 or package):
        parts = parts[:-1]
    return ".".join([*package.split("."), *parts] if package else parts)


def root_package(root: Path) -> str:
    """The dotted package a root folder is, as Python imports it with the root's parent on
    sys.path: the chain of folders holding an `__init__.py`, up from the root (`src/watchdog` ->
    `watchdog`; `pkg/sub` -> `pkg.sub`; a folder without `__init__.py` -> '')."""
    names: list[str] = []
    folder = Path(os.path.abspath(root))
    while folder.name.isidentifier() and (folder / "__init__.py").is_file() and folder.parent != folder:
        names.append(folder.name)
        folder = folder.parent
    return ".".join(reversed(names))


def is_excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    """True when `rel` or one of its folders matches a glob (`tests`, `**/gen/*.py`, `a/b.py`)."""
    if not patterns:
        return False
    parts = rel.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    for pat in patterns:
        pat = pat.strip("/")
        if pat.startswith("**/"):
            pat_tail = pat[3:]
            if any(fnmatch.fnmatch(p, pat_tail) for p in parts) or fnmatch.fnmatch(rel, pat_tail):
                return True
        if any(fnmatch.fnmatch(p, pat) for p in prefixes):
            return True
    return False


def _is_venv(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, "pyvenv.cfg"))


def _keep_dir(name: str, full: str) -> bool:
    if name in SKIP_DIRS or name.endswith(".egg-info"):
        return False
    if name.startswith(".") and name not in (".", ".."):
        return False
    return not _is_venv(full)


def discover_files(root: Path, exclude: tuple[str, ...] | list[str] = ()) -> list[SourceFile]:
    """All Python files under `root`, sorted by relative path."""
    root = Path(root)
    patterns = tuple(exclude or ())
    package = root_package(root)
    out: list[SourceFile] = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(d for d in dirnames if _keep_dir(d, os.path.join(dirpath, d))
                             and not is_excluded(rel_dir + d, patterns))
        for name in filenames:
            if not name.endswith(".py"):
                continue
            rel = rel_dir + name
            if is_excluded(rel, patterns):
                continue
            out.append(SourceFile(Path(dirpath) / name, rel, module_name(rel, package)))
    out.sort(key=lambda f: f.path)
    return out
