"""`interlock rules` text from rule modules, and `interlock init` starter specs (valid per spec.py)."""
from __future__ import annotations

from types import ModuleType

from interlock.checker.registry import RuleInfo
from interlock.models.location import Location
from interlock.models.program import (AttrKind, AttributeInfo, ClassInfo, Context, ContextKind, FunctionInfo,
                                      ModuleInfo, ProgramModel)
from interlock.models.spec import load_spec
from interlock.reports.rules_text import render_rule, render_rules
from reports_fixture import build_model

DOC = """IL999 demo-rule: a rule used by the report tests.

What it finds
-------------
A thing.

Why it matters
--------------
It breaks.

Example
-------
    x += 1

Fix
---
Lock it.

Known limits
------------
None known.
"""


def _rule(code: str, name: str, severity: str = "high") -> ModuleType:
    mod = ModuleType(name.replace("-", "_"), DOC)
    mod.RULE = RuleInfo(code=code, name=name, severity=severity, dimension="Audio Processing",
                        summary=f"summary of {name}", fix="Lock it.")
    return mod


def test_rules_table_is_ordered_by_code_and_aligned():
    out = render_rules([_rule("IL301", "lock-order-deadlock"), _rule("IL101", "unguarded-shared-state", "medium")])
    lines = out.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "summary"]
    assert lines[2].startswith("IL101  unguarded-shared-state  medium    summary of unguarded-shared-state")
    assert lines[3].startswith("IL301  lock-order-deadlock     high")
    assert "2 rules." in out


def test_rule_page_has_the_sections_in_order():
    out = render_rule(_rule("IL999", "demo-rule"))
    assert out.startswith("IL999 demo-rule\n===============\n")
    assert "severity: high    dimension: Audio Processing    family: other" in out
    assert "a rule used by the report tests." in out and "IL999 demo-rule: a rule" not in out
    positions = [out.index(f"{t}\n") for t in ("What it finds", "Why it matters", "Example", "Fix", "Known limits")]
    assert positions == sorted(positions)
    assert "Example\n-------\nx += 1\n" in out


def _threaded_model() -> ProgramModel:
    lock = AttributeInfo(name="_lock", kind=AttrKind.LOCK, type_name="threading.Lock")
    cls = ClassInfo(qualname="player.core.Player", name="Player", module="player.core", path="src/player/core.py",
                    loc=Location(path="src/player/core.py", line=3), attributes={"_lock": lock})
    fn = FunctionInfo(qualname="player.core.Player._loop", name="_loop", module="player.core",
                      path="src/player/core.py", loc=Location(path="src/player/core.py", line=9),
                      cls="player.core.Player")
    base = build_model()
    return base.model_copy(update={
        "modules": {"player.core": ModuleInfo(name="player.core", path="src/player/core.py"),
                    "db.store": ModuleInfo(name="db.store", path="src/db/store.py")},
        "classes": {cls.qualname: cls}, "functions": {fn.qualname: fn},
        "contexts": (Context(name="playback-thread", kind=ContextKind.THREAD, entries=(fn.qualname,)),
                     Context(name="Player.public", kind=ContextKind.PUBLIC, entries=(fn.qualname,))),
        "state_machines": tuple(sm.model_copy(update={"cls": "player.core.Player"}) for sm in base.state_machines),
    })


def test_starter_specs_are_valid_and_inferred(tmp_path):
    from interlock.reports.starter import starter_specs

    specs = starter_specs(_threaded_model(), project="demo")
    assert list(specs) == ["player.toml"]           # db owns no lock or thread
    path = tmp_path / "player.toml"
    path.write_text(specs["player.toml"])
    spec = load_spec(path)
    assert spec.component.name == "player" and spec.component.paths == ["src/player"]
    assert [(c.name, c.kind, c.calls) for c in spec.context] == [
        ("playback-thread", "thread", ["player.core.Player._loop"])]
    machine = spec.state_machine[0]
    assert (machine.class_, machine.field, machine.initial) == ("Player", "state", "STOPPED")
    assert machine.transitions == [("PLAYING", "FINISHED"), ("STOPPED", "PLAYING")]   # "*" sources left out
    assert "# Also inferred (public methods callable from any thread): Player.public" in specs["player.toml"]


def test_starter_components_are_subpackages_under_one_root_package(tmp_path):
    from interlock.extractor import extract
    from interlock.reports.starter import starter_specs

    for sub in ("player", "library"):
        (tmp_path / "app" / sub).mkdir(parents=True)
        (tmp_path / "app" / sub / "__init__.py").write_text("")
        (tmp_path / "app" / sub / "core.py").write_text(
            "import threading\n\nclass Worker:\n    def __init__(self):\n"
            "        self._lock = threading.Lock()\n        self.count = 0\n")
    (tmp_path / "app" / "__init__.py").write_text("")
    specs = starter_specs(extract(tmp_path, use_cache=False), project="app")
    assert sorted(specs) == ["library.toml", "player.toml"]
    for name in ("library", "player"):
        path = tmp_path / f"{name}.toml"
        path.write_text(specs[f"{name}.toml"])
        spec = load_spec(path)
        assert spec.component.name == f"app.{name}" and spec.component.paths == [f"app/{name}"]


def test_starter_paths_when_the_root_is_the_package_folder(tmp_path):
    """`--root app` with `app/__init__.py`: modules are `app.player.core`, paths stay root-relative."""
    from interlock.extractor import extract
    from interlock.reports.starter import starter_specs

    for sub in ("player", "library"):
        (tmp_path / "app" / sub).mkdir(parents=True)
        (tmp_path / "app" / sub / "__init__.py").write_text("")
        (tmp_path / "app" / sub / "core.py").write_text(
            "import threading\n\nclass Worker:\n    def __init__(self):\n"
            "        self._lock = threading.Lock()\n        self.count = 0\n")
    (tmp_path / "app" / "__init__.py").write_text("")
    specs = starter_specs(extract(tmp_path / "app", use_cache=False), project="app")
    assert sorted(specs) == ["library.toml", "player.toml"]
    for name in ("library", "player"):
        path = tmp_path / f"{name}.toml"
        path.write_text(specs[f"{name}.toml"])
        spec = load_spec(path)
        assert spec.component.name == f"app.{name}" and spec.component.paths == [name]
    (tmp_path / "solo").mkdir()
    (tmp_path / "solo" / "__init__.py").write_text("")
    (tmp_path / "solo" / "core.py").write_text((tmp_path / "app" / "player" / "core.py").read_text())
    specs = starter_specs(extract(tmp_path / "solo", use_cache=False), project="solo")
    path = tmp_path / "solo.toml"
    path.write_text(specs["solo.toml"])
    assert load_spec(path).component.paths == ["."]
