"""Spec and config loading: good files load, bad ones give one line naming file and key."""
from __future__ import annotations

from pathlib import Path

import pytest

from interlock.config import ConfigError, load_config
from interlock.models.spec import SpecError, load_spec

GOOD = '''
[component]
name = "player"
paths = ["player"]

[[context]]
name = "api"
calls = ["Player.play"]
instances = "many"

[[invariant]]
name = "pos"
class = "Controller"
expr = "self.position <= self.duration"

[[state_machine]]
class = "Controller"
field = "state"
initial = "STOPPED"
transitions = [["STOPPED", "PLAYING"]]
'''


def _write(tmp_path: Path, text: str, name: str = "player.toml") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_good_spec_loads(tmp_path):
    spec = load_spec(_write(tmp_path, GOOD))
    assert spec.name == "player"
    assert spec.context[0].instances == "many"
    assert spec.invariant[0].class_ == "Controller"
    assert spec.state_machine[0].transitions == [("STOPPED", "PLAYING")]


@pytest.mark.parametrize("edit, key, line, words", [
    (('instances = "many"', 'instances = "lots"'), "context[0].instances", 9, "'one' or 'many'"),
    (('expr = "self.position <= self.duration"', 'expr = "self.position <="'), "invariant[0].expr", 14,
     "not a Python expression"),
    (('field = "state"', 'field = "state"\ncolour = "red"'), "state_machine[0].colour", 19, "unknown key"),
    (('paths = ["player"]', ''), "component.paths", 2, "required key is missing"),   # its table's header
    (('calls = ["Player.play"]', 'calls = "Player.play"'), "context[0].calls", 8, "list"),
    (('transitions = [["STOPPED", "PLAYING"]]', 'states = ["STOPPED", "PLAYING"]\ntransitions = [\n'
      '  ["STOPPED", "PLAYING"],\n  ["PLAYING", "STOPED"],\n]'), "state_machine[0].transitions[1]", 23, "STOPED"),
])
def test_bad_spec_names_file_line_and_key(tmp_path, edit, key, line, words):
    """`file:line: key: what` (as a compiler would): the key's line, the item's line in a multi-line
    array, or the table's header when the key is missing."""
    path = _write(tmp_path, GOOD.replace(*edit))
    with pytest.raises(SpecError) as err:
        load_spec(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}:{line}: {key}: ") and words in msg and "\n" not in msg, msg


def test_invalid_toml_and_missing_component(tmp_path):
    with pytest.raises(SpecError, match=r"player.toml:1: invalid TOML"):
        load_spec(_write(tmp_path, "[component\nname="))
    with pytest.raises(SpecError, match="missing table \\[component\\]"):
        load_spec(_write(tmp_path, "[[context]]\nname='a'\ncalls=['x']"))


def test_config_from_pyproject_resolves_paths_relative_to_it(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.interlock]\nroot = "src"\nspecs = "specs"\nignore = ["IL6"]\nbaseline = "b.json"\n')
    cfg = load_config(cwd=tmp_path)
    assert cfg.root == (tmp_path / "src").resolve()
    assert cfg.specs == (tmp_path / "specs").resolve()
    assert cfg.ignore == ["IL6"] and cfg.baseline == (tmp_path / "b.json").resolve()


def test_config_unknown_key_is_one_line_with_file(tmp_path):
    (tmp_path / "interlock.toml").write_text('roots = "x"\n')
    with pytest.raises(ConfigError) as err:
        load_config(cwd=tmp_path)
    assert "interlock.toml" in str(err.value) and "roots" in str(err.value) and "unknown key" in str(err.value)


def test_cli_flags_override_config(tmp_path):
    (tmp_path / "interlock.toml").write_text('select = ["IL1"]\n')
    cfg = load_config(cwd=tmp_path, select=["IL3"])
    assert cfg.select == ["IL3"]


def test_specs_of_a_config_apply_only_to_the_root_it_describes(tmp_path):
    for folder in ("src/app/sub", "tools"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.interlock]\nroot = "src"\nspecs = "specs"\nbaseline = "b.json"\nignore = ["IL6"]\n')
    inside = load_config(root=tmp_path / "src" / "app")
    assert inside.specs == (tmp_path / "specs").resolve() and inside.baseline is not None
    elsewhere = load_config(root=tmp_path / "tools")
    assert elsewhere.root == (tmp_path / "tools").resolve()
    assert elsewhere.specs is None and elsewhere.baseline is None
    assert elsewhere.ignore == ["IL6"]          # rule choices still apply


TREE = ["app/core.py", "app/testing.py", "app/contest.py", "tests/test_core.py", "app/tests/helpers.py",
        "app/test/fake.py", "app/test_io.py", "app/io_test.py", "conftest.py", "app/conftest.py", "gen/out.py"]


def _discovered(tmp_path: Path, config: str | None = None) -> list[str]:
    from interlock.extractor.discover import discover_files

    for rel in TREE:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("")
    if config is not None:
        (tmp_path / "interlock.toml").write_text(config)
    cfg = load_config(root=tmp_path)
    return [f.path for f in discover_files(cfg.root, cfg.excluded())]


def test_test_code_is_not_a_target_by_default(tmp_path):
    assert _discovered(tmp_path) == ["app/contest.py", "app/core.py", "app/testing.py", "gen/out.py"]


def test_exclude_replaces_the_default_globs(tmp_path):
    got = _discovered(tmp_path, 'exclude = ["gen"]\n')
    assert "gen/out.py" not in got and "tests/test_core.py" in got and "app/conftest.py" in got


def test_extend_exclude_adds_to_the_default_globs(tmp_path):
    got = _discovered(tmp_path, 'extend-exclude = ["gen"]\n')
    assert got == ["app/contest.py", "app/core.py", "app/testing.py"]


def test_cli_verify_skips_a_race_that_lives_in_test_code(tmp_path):
    import subprocess
    import sys

    racy = ("import threading\n\n\nclass Counter:\n    def __init__(self):\n        self._lock = threading.Lock()\n"
            "        self.n = 0\n\n    def bump(self):\n        self.n += 1\n\n    def read(self):\n"
            "        with self._lock:\n            return self.n\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "helpers.py").write_text(racy)
    (tmp_path / "app.py").write_text("x = 1\n")

    def verify() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "interlock", "verify", "--root", str(tmp_path), "--format",
                               "json"], cwd=tmp_path, capture_output=True, text=True, timeout=120)

    assert verify().returncode == 0
    (tmp_path / "interlock.toml").write_text("exclude = []\n")
    out = verify()
    assert out.returncode == 1 and "Counter.n" in out.stdout


def test_spec_state_budget_must_be_positive(tmp_path):
    from interlock.models.spec import SpecError, load_spec
    path = tmp_path / "c.toml"
    path.write_text('[component]\nname = "c"\npaths = ["."]\n\n[bounds]\nstates = 0\n')
    with pytest.raises(SpecError) as err:
        load_spec(path)
    assert "c.toml" in str(err.value) and "bounds.states" in str(err.value)


def test_config_confined_classes_keep_their_objects_to_one_thread(tmp_path):
    """`confined` in `[tool.interlock]` (class names, dotted tails or qualified names) says what a
    docstring would: each object stays in one thread, so its callers never share one. The work the
    class starts itself still races its owner, and a name that is no class is a warning
    (checker/confined.py; the docstring form: tests/corpus/il101_documented_not_thread_safe_class)."""
    import json
    import os
    import subprocess
    import sys

    corpus = Path(__file__).parent / "corpus"
    (tmp_path / "store.py").write_text(
        (corpus / "il101_documented_not_thread_safe_class" / "buggy" / "store.py").read_text())
    source = (corpus / "il202_confined_class_own_worker_thread" / "buggy" / "subscriber.py").read_text()
    (tmp_path / "subscriber.py").write_text(source.replace(" Not thread-safe: use one per thread.", ""))

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}    # this checkout's interlock

    def verify() -> tuple[int, dict]:
        out = subprocess.run([sys.executable, "-m", "interlock", "verify", "--root", str(tmp_path), "--no-cache",
                              "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
        return out.returncode, json.loads(out.stdout)

    def found(report: dict) -> set[tuple[str, str]]:
        return {(f["code"], f["symbols"][0]) for f in report["findings"]}

    code, report = verify()
    assert code == 1
    assert {("IL101", "Batch.commands"), ("IL202", "Subscriber.channels"),
            ("IL103", "Subscriber.pending")} <= found(report)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.interlock]\nconfined = ["store.Batch", "Subscriber", "NoSuchClass"]\n')
    code, report = verify()
    assert code == 1 and found(report) == {("IL202", "Subscriber.channels")}
    warnings = [d["message"] for d in report.get("diagnostics", ()) if d["severity"] == "warning"]
    assert any("NoSuchClass" in m and "confined" in m for m in warnings), warnings
