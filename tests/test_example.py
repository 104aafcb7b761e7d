"""The bundled example (examples/soundbox): its specs and bug manifest name real code, and the
pipeline reports exactly the planted bugs of examples/EXPECTED.toml."""
from __future__ import annotations

import ast
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

from interlock.models.spec import load_specs

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "examples"
SPECS = REPO / "specs" / "example"
MANIFEST = ROOT / "EXPECTED.toml"
FIXES = ROOT / "FIXES.toml"
ALL_CODES = {f"IL{n}" for n in (101, 102, 103, 201, 202, 301, 302, 303, 304, 401, 402, 403, 404,
                                501, 502, 503, 504, 601, 602, 701, 702, 703)}
DIMENSIONS = {"Player Thread Safety", "Audio Processing", "Backend Streaming", "Library & Database"}
SYMBOL = re.compile(r"^[A-Za-z_]\w*\.[A-Za-z_]\w*$")


@dataclass
class ClassFacts:
    path: str
    bases: list[str]
    methods: set[str] = field(default_factory=set)
    attrs: set[str] = field(default_factory=set)      # self.x assignments and class-level names
    members: set[str] = field(default_factory=set)    # enum members (class-level names)


@dataclass
class Source:
    classes: dict[str, ClassFacts]
    functions: dict[str, set[str]]                    # path -> module-level function names


def _class_facts(node: ast.ClassDef, path: str) -> ClassFacts:
    facts = ClassFacts(path, [b.id if isinstance(b, ast.Name) else ast.unparse(b) for b in node.bases])
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            facts.methods.add(item.name)
        elif isinstance(item, ast.Assign):
            facts.members |= {t.id for t in item.targets if isinstance(t, ast.Name)}
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            facts.attrs.add(item.target.id)
    for sub in ast.walk(node):
        targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target] if isinstance(sub, (ast.AnnAssign, ast.AugAssign)) else []
        for t in targets:
            for el in (t.elts if isinstance(t, ast.Tuple) else [t]):
                if isinstance(el, ast.Attribute) and isinstance(el.value, ast.Name) and el.value.id == "self":
                    facts.attrs.add(el.attr)
    facts.attrs |= facts.members
    return facts


@lru_cache(maxsize=1)
def source() -> Source:
    classes: dict[str, ClassFacts] = {}
    functions: dict[str, set[str]] = {}
    for file in sorted(ROOT.rglob("*.py")):
        rel = file.relative_to(ROOT).as_posix()
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=rel)
        functions[rel] = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                assert node.name not in classes, f"class name {node.name} is not unique in the example"
                classes[node.name] = _class_facts(node, rel)
    return Source(classes, functions)


def mro(name: str) -> list[ClassFacts]:
    """The class and its in-example ancestors (depth first, good enough for mixins)."""
    src = source()
    out, todo = [], [name]
    while todo:
        facts = src.classes.get(todo.pop(0))
        if facts is not None and facts not in out:
            out.append(facts)
            todo.extend(facts.bases)
    return out


def has_method(cls: str, method: str) -> bool:
    return any(method in f.methods for f in mro(cls))


def has_attr(cls: str, attr: str) -> bool:
    return any(attr in f.attrs for f in mro(cls))


def manifest() -> list[dict]:
    return tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["bug"]


# ---- the example itself --------------------------------------------------------------------

def test_example_is_a_realistic_sized_python_package():
    files = sorted(ROOT.rglob("*.py"))
    assert len(files) >= 10
    lines = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in files)
    assert 900 <= lines <= 2200
    for f in files:                     # every module says what it is
        assert ast.get_docstring(ast.parse(f.read_text(encoding="utf-8"))), f


# ---- specs -----------------------------------------------------------------------------------

def test_every_example_spec_loads_with_a_known_dimension_and_existing_paths():
    specs = load_specs(SPECS)
    assert {s.name for s in specs} == {"player", "processing", "stream", "library"}
    for spec in specs:
        assert spec.component.dimension in DIMENSIONS
        for p in spec.component.paths:
            assert (ROOT / p).exists(), f"{spec.source}: path {p} does not exist"


def test_every_spec_context_names_an_existing_method():
    for spec in load_specs(SPECS):
        for ctx in spec.context:
            for call in ctx.calls:
                cls, _, method = call.rpartition(".")
                assert cls in source().classes, f"{spec.source}: {ctx.name}: no class {cls}"
                assert method in source().classes[cls].methods, f"{spec.source}: {ctx.name}: {call} is not defined there"


def test_every_invariant_and_state_machine_names_existing_fields():
    for spec in load_specs(SPECS):
        for inv in spec.invariant:
            names = {n.attr for n in ast.walk(ast.parse(inv.expr, mode="eval"))
                     if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"}
            assert names and all(has_attr(inv.class_, n) for n in names), (inv.name, names)
        for sm in spec.state_machine:
            assert has_attr(sm.class_, sm.field)
            enum_members = set().union(*(c.members for c in source().classes.values() if "Enum" in c.bases))
            assert set(sm.states) <= enum_members
            assert {s for t in sm.transitions for s in t} <= set(sm.states)
            assert sm.initial in sm.states


# ---- the manifest ----------------------------------------------------------------------------

def test_manifest_covers_every_rule_code_once_per_key():
    bugs = manifest()
    assert {b["code"] for b in bugs} == ALL_CODES
    keys = [(b["code"], b["class"], b["function"], tuple(b["symbols"])) for b in bugs]
    assert len(keys) == len(set(keys))
    for b in bugs:
        assert set(b) == {"code", "class", "function", "symbols", "path", "why"}, b
        assert b["symbols"] == sorted(b["symbols"]) and b["why"]


@pytest.mark.parametrize("bug", manifest(), ids=lambda b: f"{b['code']}-{b['function']}")
def test_manifest_entry_names_existing_code(bug):
    src = source()
    assert (ROOT / bug["path"]).is_file(), bug["path"]
    if bug["class"]:
        facts = src.classes.get(bug["class"])
        assert facts is not None and facts.path == bug["path"], f"no class {bug['class']} in {bug['path']}"
        assert bug["function"] in facts.methods
    else:
        assert bug["function"] in src.functions[bug["path"]]
    for sym in bug["symbols"]:
        if sym.startswith("self.") or bug["code"] == "IL401":
            continue                    # IL401 names a call (the blocking leaf)
        if bug["code"] == "IL404" and has_method(*sym.split(".")):
            continue                    # IL404 names the state left behind, or the skipped teardown call
        assert SYMBOL.match(sym), sym
        cls, attr = sym.split(".")
        assert has_attr(cls, attr), f"{sym}: no attribute {attr} on {cls}"


def test_manifest_call_symbols_name_existing_methods():
    for bug in manifest():
        for sym in bug["symbols"]:
            if bug["code"] == "IL404":
                cls, name = sym.split(".")
                assert has_method(cls, name) or has_attr(cls, name), sym


def test_specs_and_manifest_resolve_in_the_extracted_model():
    from interlock.checker import components_for, contexts_for
    from interlock.extractor import extract
    model = extract(ROOT, use_cache=False)
    assert not model.diagnostics, model.diagnostics
    specs = load_specs(SPECS)
    for comp in components_for(specs):
        contexts_for(model, comp)                       # raises SpecError on an unknown method
    for spec in specs:
        for item in [*spec.invariant, *spec.state_machine]:
            assert model.find_class(item.class_) is not None, item
    for bug in manifest():
        name = f"{bug['class']}.{bug['function']}" if bug["class"] else bug["function"]
        hits = [f for f in model.functions.values()
                if f.path == bug["path"] and (f.qualname.endswith("." + name))]
        assert len(hits) == 1, (bug["code"], name, bug["path"])


# ---- the real pipeline -----------------------------------------------------------------------

def _expected_keys() -> set[tuple]:
    return {(b["code"], b["class"] or None, b["function"], tuple(b["symbols"])) for b in manifest()}



def test_example_findings_match_manifest():
    from helpers import finding_keys, run_pipeline
    result = run_pipeline(ROOT, SPECS)
    got = {(c, cls or None, fn, syms) for c, cls, fn, syms in finding_keys(result)}
    expected = _expected_keys()
    missing, spurious = sorted(expected - got, key=str), sorted(got - expected, key=str)
    assert not missing and not spurious, f"missing: {missing}\nspurious: {spurious}"


# ---- the fixed twin (examples/FIXES.toml applied to a copy) ------------------------------------

def make_fixed_twin(dest: Path) -> Path:
    """Copy examples/ to `dest` and apply every fix; each `old` must occur exactly once."""
    root = dest / "examples"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("__pycache__", "*.toml", "*.md"))
    for fix in tomllib.loads(FIXES.read_text(encoding="utf-8"))["fix"]:
        file = root / fix["path"]
        text = file.read_text(encoding="utf-8")
        assert text.count(fix["old"]) == 1, f"{fix['codes']}: `old` is not unique in {fix['path']}"
        file.write_text(text.replace(fix["old"], fix["new"]), encoding="utf-8")
    return root


def test_fixes_cover_every_planted_bug_and_apply_cleanly(tmp_path):
    fixes = tomllib.loads(FIXES.read_text(encoding="utf-8"))["fix"]
    assert {c for f in fixes for c in f["codes"]} == {b["code"] for b in manifest()}
    root = make_fixed_twin(tmp_path)
    for file in root.rglob("*.py"):
        ast.parse(file.read_text(encoding="utf-8"), filename=str(file))



def test_fixed_twin_is_silent(tmp_path):
    from helpers import run_pipeline
    result = run_pipeline(make_fixed_twin(tmp_path), SPECS)
    assert [(f.code, f.location.path, f.location.function, f.symbols) for f in result.findings] == []
