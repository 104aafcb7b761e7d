"""On-disk extraction cache: one pack of per-file extracts plus the model last linked from them.

Per file the key is sha256(interlock version and code hash, path, module, content). A warm run over an
unchanged tree reads the files, hashes them, and unpickles the linked model: no parsing, no
linking, and one cache read instead of thousands. Writes are atomic (temp file + rename); a
corrupt or foreign pack is ignored and rewritten.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from interlock import __version__
from interlock.extractor.filemodel import FileExtract
from interlock.models.program import ProgramModel

FORMAT = 1
PACK = "pack.pickle"


def default_cache_dir(root: Path) -> Path:
    """`<root>/.interlock_cache`, or `$XDG_CACHE_HOME/interlock/<hash of root>` if root is read-only."""
    root = Path(root).resolve()
    if os.access(root, os.W_OK):
        return root / ".interlock_cache"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "interlock" / hashlib.sha256(str(root).encode()).hexdigest()[:16]


def _trust_path(folder: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "interlock" / "trusted" / (hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:32] + ".json")


def _identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def trusted(path: Path) -> bool:
    """True when `path` is a cache file this user's interlock wrote (its inode, size and mtime are
    recorded outside the analysed tree). A cache file that came with the tree (committed, copied,
    unpacked) is never unpickled: unpickling runs code, and interlock never runs the target's."""
    try:
        known = json.loads(_trust_path(path.parent).read_text(encoding="utf-8"))
        return known.get(path.name) == _identity(path)
    except (OSError, ValueError, AttributeError):
        return False


def trust(path: Path) -> None:
    """Record `path` (just written by us) as trusted; failing to only costs a cache miss next time."""
    record = _trust_path(path.parent)
    tmp = None
    try:
        try:
            known = json.loads(record.read_text(encoding="utf-8"))
            known = known if isinstance(known, dict) else {}
        except (OSError, ValueError):
            known = {}
        known = {k: v for k, v in known.items() if (path.parent / k).exists()}
        known[path.name] = _identity(path)
        record.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=record.parent, prefix=".trust.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(known, fh)
        os.replace(tmp, record)
        tmp = None
    except OSError:
        pass
    finally:
        _remove_quietly(tmp)


@lru_cache(maxsize=1)
def code_version() -> str:
    """interlock's version plus a hash of the extractor and model sources.

    A development checkout keeps one version number while its extractor changes; hashing the
    code that shapes a FileExtract keeps stale packs from being served (~30 small files, once).
    """
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    for folder in ("extractor", "models"):
        for source in sorted((package / folder).glob("*.py")):
            h.update(source.name.encode() + b"\0" + source.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


def file_key(content: bytes, path: str, module: str) -> str:
    h = hashlib.sha256()
    h.update(f"{code_version()}\0{path}\0{module}\0".encode())
    h.update(content)
    return h.hexdigest()


def tree_key(file_keys: list[tuple[str, str]], exclude: tuple[str, ...]) -> str:
    """One key for the whole tree: every (path, file key) plus the options that shape the model."""
    h = hashlib.sha256(f"{code_version()}\0{sorted(exclude)}".encode())
    for path, key in file_keys:
        h.update(f"\0{path}\0{key}".encode())
    return h.hexdigest()


@dataclass
class Pack:
    """What one cache folder holds: per-file extracts and the model linked from them."""

    entries: dict[str, tuple[str, FileExtract]] = field(default_factory=dict)   # path -> (file key, extract)
    model_key: str | None = None
    model: ProgramModel | None = None


class ExtractCache:
    """One pack file per cache folder.

    A single pickle (not one file per source file): thousands of small reads cost more than
    one large one, and the model shares most event objects with the extracts, so pickle's
    memo stores them once.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def load(self) -> Pack:
        """The pack; empty when missing, corrupt or written by another interlock version."""
        if not trusted(self.folder / PACK):
            return Pack()
        try:
            with open(self.folder / PACK, "rb") as fh:
                data = pickle.load(fh)
        except Exception:   # noqa: BLE001 - any unreadable pack is a miss, rewritten later
            return Pack()
        if not isinstance(data, dict) or data.get("version") != code_version():
            return Pack()
        entries, model = data.get("entries"), data.get("model")
        return Pack(entries if isinstance(entries, dict) else {}, data.get("model_key"),
                    model if isinstance(model, ProgramModel) else None)

    def save(self, pack: Pack) -> None:
        payload = {"version": code_version(), "entries": pack.entries,
                   "model_key": pack.model_key, "model": pack.model}
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._write_gitignore()
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{PACK}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                _ModelPickler(fh, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
            os.replace(tmp, self.folder / PACK)
            tmp = None
            trust(self.folder / PACK)
        except OSError:
            # A read-only or full disk only costs speed next time, never the result.
            _remove_quietly(tmp)

    def _write_gitignore(self) -> None:
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# interlock extraction cache\n*\n", encoding="utf-8")


class _ModelPickler(pickle.Pickler):
    """Pickles pydantic models as (class, __dict__) for `_rebuild`.

    pydantic's own `__setstate__` path costs about twice as much per object on load, and a
    warm run's cost is almost all object construction (see bench/extract_speed.py).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._fields_sets: dict[type, set[str]] = {}

    def reducer_override(self, obj):
        if isinstance(obj, BaseModel):
            cls = type(obj)
            fields = self._fields_sets.get(cls)
            if fields is None:
                fields = self._fields_sets[cls] = set(cls.model_fields)
            return _rebuild, (cls, obj.__dict__, fields)
        return NotImplemented


def dumps(obj) -> bytes:
    """Pickle with the fast model reducer (also used to send extracts back from workers)."""
    buf = io.BytesIO()
    _ModelPickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


def _rebuild(cls: type, state: dict, fields: set[str], _new=object.__new__, _set=object.__setattr__):
    # One `fields` set per class and pack, shared by its instances: pydantic only ever copies it
    # (model_copy), and frozen models are never assigned to.
    obj = _new(cls)
    _set(obj, "__dict__", state)
    _set(obj, "__pydantic_fields_set__", fields)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def _remove_quietly(path: str | None) -> None:
    if path:
        try:
            os.unlink(path)
        except OSError:
            pass
