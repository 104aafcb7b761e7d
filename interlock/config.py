"""Configuration: `[tool.interlock]` in pyproject.toml or `interlock.toml`, then CLI overrides."""
from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ConfigDict, Field, ValidationError

from interlock.models.base import Model


class ConfigError(Exception):
    """A config problem, rendered as one line naming the file and key."""


#: test code is not a target by default: it drives the library from one thread, with fakes, so
#: its helpers and callbacks are not contexts of the program. `exclude` replaces this list,
#: `extend-exclude` adds to it (ruff's convention). VCS folders, virtual environments, caches,
#: build output and node_modules are always skipped (extractor/discover.py).
DEFAULT_EXCLUDE = ("**/tests", "**/test", "**/test_*.py", "**/*_test.py", "**/conftest.py")


class Config(Model):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    root: Path = Path(".")
    specs: Path | None = None
    exclude: list[str] = Field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = Field(default_factory=list, alias="extend-exclude")
    select: list[str] = []
    ignore: list[str] = []
    baseline: Path | None = None
    per_path_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-path-ignores")
    #: classes whose objects each stay in one thread (RacerD's @NotThreadSafe): class names, dotted
    #: tails (`client.PubSub`) or qualified names (checker/confined.py)
    confined: list[str] = []
    source: Path | None = None         # the file the config came from

    def excluded(self) -> tuple[str, ...]:
        """The globs discovery skips: `exclude` (or the defaults) plus `extend-exclude`."""
        return tuple(dict.fromkeys([*self.exclude, *self.extend_exclude]))


def _find_config(start: Path) -> tuple[Path, dict] | None:
    for folder in [start, *start.parents]:
        for name in ("interlock.toml", "pyproject.toml"):
            path = folder / name
            if not path.is_file():
                continue
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{path}: invalid TOML: {exc}") from None
            table = data if name == "interlock.toml" else data.get("tool", {}).get("interlock")
            if table is not None:
                return path, table
    return None


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def load_config(cwd: Path | None = None, root: Path | None = None, **overrides) -> Config:
    """Read the nearest config from `root` (or cwd) upwards; paths in it are relative to its folder."""
    start = (root or cwd or Path.cwd()).resolve()
    found = _find_config(start)
    data: dict = {}
    if found:
        path, table = found
        if isinstance(table, dict):
            data = {k.replace("_", "-") if k in ("per_path_ignores", "extend_exclude") else k: v
                    for k, v in table.items()}
        try:
            cfg = Config.model_validate({**data, "source": path})
        except ValidationError as exc:
            err = exc.errors()[0]
            key = ".".join(str(p) for p in err["loc"])
            msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            raise ConfigError(f"{path}: tool.interlock.{key}: {msg}") from None
        base = path.parent
        configured_root = (base / cfg.root).resolve()
        if root is None:
            cfg.root = configured_root
        elif "root" in data and not _within(root.resolve(), configured_root):
            # `--root` points away from the code this config describes: its specs and
            # baseline name that code's classes, so they do not apply here.
            cfg.specs = None
            cfg.baseline = None
        if cfg.specs is not None:
            cfg.specs = (base / cfg.specs).resolve()
        if cfg.baseline is not None:
            cfg.baseline = (base / cfg.baseline).resolve()
    else:
        cfg = Config()
    if root is not None:
        cfg.root = root.resolve()
    for key, value in overrides.items():
        if value not in (None, [], ()):
            setattr(cfg, key, value)
    cfg.root = Path(cfg.root).resolve()
    return cfg
