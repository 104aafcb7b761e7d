"""On-disk extraction cache: one pack of per-file extracts plus the last linked model.

Per file the key is sha256(interlock version, path, module, content). A warm run over an
unchanged tree reads the files, hashes them, and unpickles the linked model: no parsing, no
linking, and two cache reads instead of thousands. Writes are atomic (temp file + rename); a
corrupt or foreign pack is ignored and rewritten.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from interlock import __version__
from interlock.extractor.filemodel import FileExtract
from interlock.models.program import ProgramModel

FORMAT = 1
FILES_PACK = "files.pickle"
MODEL_PACK = "model.pickle"


def default_cache_dir(root: Path) -> Path:
    """`<root>/.interlock_cache`, or `$XDG_CACHE_HOME/interlock/<hash of root>` if root is read-only."""
    root = Path(root).resolve()
    if os.access(root, os.W_OK):
        return root / ".interlock_cache"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "interlock" / hashlib.sha256(str(root).encode()).hexdigest()[:16]


def file_key(content: bytes, path: str, module: str) -> str:
    h = hashlib.sha256()
    h.update(f"{__version__}\0{FORMAT}\0{path}\0{module}\0".encode())
    h.update(content)
    return h.hexdigest()


def tree_key(file_keys: list[tuple[str, str]], exclude: tuple[str, ...]) -> str:
    """One key for the whole tree: every (path, file key) plus the options that shape the model."""
    h = hashlib.sha256(f"{__version__}\0{FORMAT}\0{sorted(exclude)}".encode())
    for path, key in file_keys:
        h.update(f"\0{path}\0{key}".encode())
    return h.hexdigest()


class ExtractCache:
    """The pack files in one cache folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def load_files(self) -> dict[str, tuple[str, FileExtract]]:
        """path -> (file key, extract); empty when missing, corrupt or from another version."""
        data = self._load(FILES_PACK)
        entries = data.get("entries") if isinstance(data, dict) else None
        return entries if isinstance(entries, dict) else {}

    def save_files(self, entries: dict[str, tuple[str, FileExtract]]) -> None:
        self._save(FILES_PACK, {"entries": entries})

    def load_model(self, key: str) -> ProgramModel | None:
        data = self._load(MODEL_PACK)
        if isinstance(data, dict) and data.get("key") == key and isinstance(data.get("model"), ProgramModel):
            return data["model"]
        return None

    def save_model(self, key: str, model: ProgramModel) -> None:
        self._save(MODEL_PACK, {"key": key, "model": model})

    def _load(self, name: str) -> Any:
        try:
            with open(self.folder / name, "rb") as fh:
                data = pickle.load(fh)
        except Exception:   # noqa: BLE001 - any unreadable pack is a miss, rewritten later
            return None
        if not isinstance(data, dict) or data.get("version") != (__version__, FORMAT):
            return None
        return data

    def _save(self, name: str, payload: dict) -> None:
        payload = {"version": (__version__, FORMAT), **payload}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._write_gitignore()
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / name)
        except OSError:
            # A read-only or full disk only costs speed next time, never the result.
            _remove_quietly(locals().get("tmp"))

    def _write_gitignore(self) -> None:
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# interlock extraction cache\n*\n", encoding="utf-8")


def _remove_quietly(path: str | None) -> None:
    if path:
        try:
            os.unlink(path)
        except OSError:
            pass
