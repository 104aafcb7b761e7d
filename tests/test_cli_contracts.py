"""The CLI as a CI integrator meets it: every failure is one line and exit 2 (never a traceback,
never exit 1, which means findings), bad outputs are refused before the analysis, specs that
would check nothing are errors, and what was computed is still written."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]

RACY = dedent("""\
    import threading


    class Counter:
        def __init__(self):
            self._lock = threading.Lock()
            self.count = 0

        def incr(self):
            self.count += 1

        def read(self):
            with self._lock:
                return self.count


    def worker(c):
        c.incr()


    def main():
        c = Counter()
        t = threading.Thread(target=worker, args=(c,))
        t.start()
        c.incr()
        t.join()


    if __name__ == "__main__":
        main()
""")


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "interlock", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def one_line_error(p: subprocess.CompletedProcess | object, *needles: str) -> None:
    err = (p.stderr if hasattr(p, "stderr") else p.output).strip()
    assert p.returncode == 2, (p.returncode, err[-2000:])
    assert err.count("\n") == 0 and "Traceback" not in err, err[-2000:]
    assert err.startswith("interlock: "), err
    for needle in needles:
        assert needle in err, err


@pytest.fixture
def racy(tmp_path) -> Path:
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "counter.py").write_text(RACY)
    return root


# ----------------------------------------------------------------------------- outputs

@pytest.mark.parametrize("cmd", ["verify", "gate", "audit"])
def test_an_unwritable_output_is_one_line_exit_2(racy, tmp_path, cmd):
    (tmp_path / "base.json").write_text('{"version": 1, "findings": []}\n')
    extra = ["--baseline", str(tmp_path / "base.json")] if cmd == "gate" else []
    folder = tmp_path / "out"
    folder.mkdir()
    p = run(cmd, "--root", str(racy), "--no-cache", "--output", str(folder), *extra)
    one_line_error(p, str(folder))
    under_a_file = racy / "app" / "counter.py" / "report.json"
    p = run(cmd, "--root", str(racy), "--no-cache", "--output", str(under_a_file), *extra)
    one_line_error(p, "report.json")


def test_an_unwritable_output_is_refused_before_the_analysis(racy, tmp_path, monkeypatch):
    from interlock import cli, pipeline

    def boom(*a, **k):
        raise AssertionError("the analysis ran although the output cannot be written")

    monkeypatch.setattr(pipeline, "verify_tree", boom)
    folder = tmp_path / "out"
    folder.mkdir()
    res = CliRunner().invoke(cli.app, ["verify", "--root", str(racy), "--output", str(folder)])
    assert res.exit_code == 2 and "AssertionError" not in res.output, res.output


@pytest.mark.parametrize("cmd", ["gate"])
def test_a_bad_format_is_refused_before_the_analysis(racy, tmp_path, cmd, monkeypatch):
    from interlock import cli, pipeline

    monkeypatch.setattr(pipeline, "verify_tree", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    (tmp_path / "base.json").write_text('{"version": 1, "findings": []}\n')
    res = CliRunner().invoke(cli.app, [cmd, "--root", str(racy), "--baseline", str(tmp_path / "base.json"),
                                       "--format", "xml"])
    assert res.exit_code == 2 and "--format" in res.output and "Traceback" not in res.output, res.output


@pytest.mark.parametrize("option, value", [("--depth", "0"), ("--depth", "1"), ("--depth", "4"),
                                           ("--max-steps", "0"), ("--max-preemptions", "-1"),
                                           ("--timeout", "0"), ("--timeout", "-1"), ("--max-states", "0")])
@pytest.mark.parametrize("cmd", ["verify", "audit"])
def test_a_bound_out_of_range_is_refused_before_the_analysis(racy, monkeypatch, option, value, cmd):
    # `--max-states 0` explored nothing and `--depth 0` meant pairs: findings went missing silently
    from interlock import cli, pipeline

    monkeypatch.setattr(pipeline, "verify_tree", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    res = CliRunner().invoke(cli.app, [cmd, "--root", str(racy), option, value])
    assert res.exit_code == 2 and option in res.output and "AssertionError" not in res.output, res.output
    assert res.output.strip().count("\n") == 0, res.output


# ----------------------------------------------------------------------------- internal errors

def test_an_internal_error_is_exit_2_in_one_line_not_a_traceback_with_exit_1(racy, monkeypatch):
    from interlock import cli, pipeline

    def boom(*a, **k):
        raise RuntimeError("something interlock did not expect")

    monkeypatch.setattr(pipeline, "verify_tree", boom)
    monkeypatch.delenv("INTERLOCK_DEBUG", raising=False)
    res = CliRunner().invoke(cli.app, ["verify", "--root", str(racy)])
    assert res.exit_code == 2, (res.exit_code, res.output)
    out = res.output.strip()
    assert "internal error" in out and "RuntimeError: something interlock did not expect" in out
    assert "Traceback" not in out and out.count("\n") <= 1, out


def test_a_bad_baseline_is_refused_before_the_analysis(racy, tmp_path, monkeypatch):
    from interlock import cli, pipeline

    monkeypatch.setattr(pipeline, "verify_tree", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    bad = tmp_path / "base.json"
    bad.write_text("{\n")
    for cmd in (["verify"], ["gate"], ["audit"]):
        res = CliRunner().invoke(cli.app, [*cmd, "--root", str(racy), "--baseline", str(bad)])
        assert res.exit_code == 2 and "not valid JSON" in res.output, (cmd, res.output)



# ----------------------------------------------------------------------------- specs that would check nothing

def _spec(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.toml"
    path.write_text(dedent(text))
    return path


def test_a_spec_path_that_matches_no_file_is_an_error_not_a_silent_pass(racy, tmp_path):
    # a typo in `paths` would verify nothing and pass every gate
    spec = _spec(tmp_path, """\
        [component]
        name = "c"
        paths = ["app", "ap/counter.py"]
    """)
    p = run("verify", "--root", str(racy), "--spec", str(spec), "--no-cache")
    one_line_error(p, "spec.toml", "component.paths[1]", "ap/counter.py")
    ok = _spec(tmp_path, """\
        [component]
        name = "c"
        paths = ["app/counter.py", "./app/"]
    """)
    assert run("verify", "--root", str(racy), "--spec", str(ok), "--no-cache").returncode == 1


def test_a_component_named_without_any_spec_is_an_error(racy):
    # without specs the whole root is the one component `all`; another name was meant for a spec
    p = run("verify", "playr", "--root", str(racy), "--no-cache")
    one_line_error(p, "playr", "no spec")
    assert run("verify", "all", "--root", str(racy), "--no-cache").returncode == 1


def test_a_spec_dimension_outside_the_contract_names_file_and_key(racy, tmp_path):
    # findings carry the component's dimension, and the JSON contract lists the five there are
    spec = _spec(tmp_path, """\
        [component]
        name = "c"
        paths = ["app"]
        dimension = "Player thread safety"
    """)
    p = run("verify", "--root", str(racy), "--spec", str(spec), "--no-cache")
    one_line_error(p, "spec.toml", "component.dimension", "Player Thread Safety")


@pytest.mark.parametrize("expr", ["1 <= 2", "count >= 0", "len([]) == 0"])
def test_an_invariant_that_reads_no_field_is_a_spec_error(racy, tmp_path, expr):
    # an invariant on no field is true (or false) in every state: it checks nothing, silently
    spec = _spec(tmp_path, f"""\
        [component]
        name = "c"
        paths = ["app"]

        [[invariant]]
        name = "non-negative"
        class = "Counter"
        expr = "{expr}"
    """)
    p = run("verify", "--root", str(racy), "--spec", str(spec), "--no-cache")
    one_line_error(p, "spec.toml", "invariant[0].expr", "self.")


def test_a_misspelt_field_in_a_spec_names_the_fields_that_exist(racy, tmp_path):
    spec = _spec(tmp_path, """\
        [component]
        name = "c"
        paths = ["app"]

        [[invariant]]
        name = "non-negative"
        class = "Counter"
        expr = "self.cuont >= 0"
    """)
    p = run("verify", "--root", str(racy), "--spec", str(spec), "--no-cache")
    one_line_error(p, "spec.toml", "invariant[0].expr", "'cuont'", "did you mean 'count'")
    spec = _spec(tmp_path, """\
        [component]
        name = "c"
        paths = ["app"]

        [[state_machine]]
        class = "Counter"
        field = "zzz"
    """)
    p = run("verify", "--root", str(racy), "--spec", str(spec), "--no-cache")
    one_line_error(p, "spec.toml", "state_machine[0].field", "'zzz'", "count")      # no close match: the fields


def test_a_spec_folder_without_spec_files_is_an_error_not_the_whole_root(racy, tmp_path):
    # a wrong folder verified the whole root with inferred contexts instead of the components meant
    empty = tmp_path / "specs"
    (empty / "player").mkdir(parents=True)
    p = run("verify", "--root", str(racy), "--spec", str(empty), "--no-cache")
    one_line_error(p, str(empty), "no spec files")
    (racy / "pyproject.toml").write_text(f'[tool.interlock]\nspecs = "{empty.as_posix()}"\n')
    p = run("verify", "--root", str(racy), "--no-cache")
    one_line_error(p, str(empty), "no spec files", "pyproject.toml")


PLAYER = dedent("""\
    import enum
    import threading


    class State(enum.Enum):
        STOPPED = 1
        PLAYING = 2
        PAUSED = 3


    class Player:
        def __init__(self):
            self._lock = threading.Lock()
            self.state = State.STOPPED

        def play(self):
            with self._lock:
                self.state = State.PLAYING

        def pause(self):
            with self._lock:
                if self.state is State.PLAYING:
                    self.state = State.PAUSED
""")


@pytest.mark.parametrize("machine, key, needle", [
    ('states = ["STOPPED", "PLAYING", "PAUSED"]\ntransitions = [["STOPPED", "PLAYNG"]]',
     "state_machine[0].transitions[0]", "did you mean 'PLAYING'"),
    ('states = ["STOPPED", "PLAYING", "PAUSED"]\ninitial = "STOPED"', "state_machine[0].initial", "'STOPPED'"),
    ('transitions = [["STOPPED", "PLAYING"], ["PLAYING", "PAUZED"]]', "state_machine[0].transitions[1]",
     "did you mean 'PAUSED'"),
    ('initial = "IDLE"', "state_machine[0].initial", "STOPPED, PLAYING, PAUSED"),
])
def test_a_state_machine_naming_a_state_that_does_not_exist_is_a_spec_error(tmp_path, machine, key, needle):
    # a misspelt state made every real transition into it "illegal": false IL502s, no error
    root = tmp_path / "proj"
    root.mkdir()
    (root / "player.py").write_text(PLAYER)
    spec = _spec(tmp_path, "[component]\nname = \"c\"\npaths = [\"player.py\"]\n\n"
                           "[[state_machine]]\nclass = \"Player\"\nfield = \"state\"\n" + machine + "\n")
    p = run("verify", "--root", str(root), "--spec", str(spec), "--no-cache")
    one_line_error(p, "spec.toml", key, needle)


# ----------------------------------------------------------------------------- SARIF and suppressions

def test_sarif_reports_files_it_could_not_analyse_as_tool_notifications(racy, tmp_path):
    import jsonschema

    (racy / "app" / "broken.py").write_text("def f(:\n    pass\n")
    out = tmp_path / "r.sarif"
    p = run("verify", "--root", str(racy), "--no-cache", "--format", "sarif", "--output", str(out))
    assert p.returncode == 2, p.stderr               # incomplete: a file was not analysed
    assert "app/broken.py:1: error: syntax error" in p.stderr, p.stderr
    doc = json.loads(out.read_text())
    schema = json.loads((Path(__file__).parent / "vendor" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(doc)
    (inv,) = doc["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False       # as the exit code says: the run is incomplete
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and "syntax error" in note["message"]["text"]
    where = note["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "app/broken.py" and where["region"]["startLine"] == 1


def test_suppressions_take_any_case_and_a_mistyped_code_is_a_warning(racy, tmp_path):
    src = (racy / "app" / "counter.py").read_text()
    (racy / "app" / "counter.py").write_text(
        src.replace("        self.count += 1", "        self.count += 1  # interlock: ignore[il103] approximate"))
    data = json.loads(run("verify", "--root", str(racy), "--no-cache", "--format", "json").stdout)
    assert "IL103" not in {f["code"] for f in data["findings"]}
    (racy / "app" / "counter.py").write_text(
        src.replace("        self.count += 1", "        self.count += 1  # interlock: ignore[IL1O3] approximate"))
    p = run("verify", "--root", str(racy), "--no-cache", "--format", "json")
    data = json.loads(p.stdout)
    assert "IL103" in {f["code"] for f in data["findings"]}        # the typo suppresses nothing
    (warn,) = [d for d in data["diagnostics"] if "suppression" in d["message"]]
    assert warn["path"] == "app/counter.py" and warn["line"] == 10 and "IL1O3" in warn["message"]
    text = run("verify", "--root", str(racy), "--no-cache").stdout
    assert "app/counter.py:10" in text and "IL1O3" in text


def test_per_path_ignores_codes_are_checked_like_select_and_ignore(racy):
    (racy / "pyproject.toml").write_text('[tool.interlock.per-path-ignores]\n"app/*.py" = ["IL1O3"]\n')
    p = run("verify", "--root", str(racy), "--no-cache")
    one_line_error(p, "per-path-ignores", "IL1O3")


def test_the_html_report_lists_the_files_it_could_not_analyse(racy, tmp_path):
    (racy / "app" / "broken.py").write_text("def f(:\n    pass\n")
    out = tmp_path / "r.html"
    assert run("verify", "--root", str(racy), "--no-cache", "--format", "html", "--output", str(out)).returncode == 2
    html = out.read_text()
    assert "app/broken.py" in html and "syntax error" in html


def test_init_says_how_to_use_the_specs_it_wrote(racy):
    p = run("init", "--root", str(racy), cwd=racy)
    assert p.returncode == 0, p.stderr
    assert "specs/proj" in p.stderr and "--spec" in p.stderr and "[tool.interlock]" in p.stderr


def test_export_promela_of_a_component_with_no_scenario_is_an_error_not_invalid_promela(tmp_path):
    # an empty `if fi` is a SPIN syntax error; say that there is nothing to export instead
    (tmp_path / "a.py").write_text("def f(x):\n    return x + 1\n")
    out = tmp_path / "m.pml"
    p = run("export", "promela", "all", "--root", str(tmp_path), "--output", str(out))
    one_line_error(p, "no scenario")
    assert not out.exists()


def test_quiet_still_says_which_files_were_skipped_and_stats_count_them(racy, tmp_path):
    """`-q` keeps stdout to one line per finding, but (as ruff's `-q`) still reports on stderr the
    files it could not analyse, so a quiet run's silence on them is not read as safety; the JSON
    stats count them apart from the analysed files."""
    (racy / "app" / "broken.py").write_text("def f(:\n    pass\n")
    p = run("verify", "--root", str(racy), "--no-cache", "-q")
    assert p.returncode == 2, p.stderr
    lines = p.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("app/counter.py:"), p.stdout
    assert "app/broken.py:1: error: " in p.stderr and "syntax error" in p.stderr, p.stderr
    out = tmp_path / "r.json"
    run("verify", "--root", str(racy), "--no-cache", "--format", "json", "--output", str(out))
    stats = json.loads(out.read_text())["stats"]
    assert stats["files"] == 1 and stats["files_skipped"] == 1, stats
    (racy / "app" / "broken.py").write_text("def f():\n    pass\n")
    p = run("verify", "--root", str(racy), "--no-cache", "-q")
    assert p.stderr.strip() == "", p.stderr


def test_a_rule_that_raises_loses_only_its_own_findings_and_the_run_exits_2(racy, tmp_path, monkeypatch):
    """One rule's bug: the other rules' findings are still written, the diagnostics name the rule,
    the exit code is 2 (neither a pass nor plain findings), SARIF says the run did not succeed, and
    the incomplete result is not cached to be served again."""
    from interlock import cli
    from interlock.checker.rules import unguarded_shared_state

    def boom(model, ctx):
        raise KeyError("a bug in one rule")

    monkeypatch.setattr(unguarded_shared_state, "check", boom)
    monkeypatch.delenv("INTERLOCK_DEBUG", raising=False)
    out = tmp_path / "r.json"
    res = CliRunner().invoke(cli.app, ["verify", "--root", str(racy), "--format", "json", "--output", str(out)])
    assert res.exit_code == 2, (res.exit_code, res.output)
    assert "internal error" in res.output and "Traceback" not in res.output
    doc = json.loads(out.read_text())
    assert doc["findings"] and all(f["code"] != "IL101" for f in doc["findings"]), doc["findings"]
    assert doc["stats"]["rule_errors"] == 1
    (diag,) = [d for d in doc.get("diagnostics", []) if "IL101" in d["message"]]
    assert diag["severity"] == "error" and "KeyError" in diag["message"]
    sarif = tmp_path / "r.sarif"
    CliRunner().invoke(cli.app, ["verify", "--root", str(racy), "--format", "sarif", "--output", str(sarif)])
    assert json.loads(sarif.read_text())["runs"][0]["invocations"][0]["executionSuccessful"] is False
    monkeypatch.undo()
    res = CliRunner().invoke(cli.app, ["verify", "--root", str(racy), "--format", "json", "--output", str(out)])
    assert res.exit_code == 1, res.output          # not served from a cache of the broken run
    assert json.loads(out.read_text())["stats"]["rule_errors"] == 0


# ----------------------------------------------------------------------------- unused suppressions

def _suppress(racy: Path, incr: str = "", read: str = "") -> None:
    """Comments on `self.count += 1` (line 10, an IL103) and `return self.count` (line 14, none)."""
    path = racy / "app" / "counter.py"
    src = path.read_text()
    if incr:
        src = src.replace("        self.count += 1\n", f"        self.count += 1  {incr}\n")
    if read:
        src = src.replace("            return self.count\n", f"            return self.count  {read}\n")
    path.write_text(src)


def _unused(doc: dict) -> list[tuple[str, int, str]]:
    return [(d["path"], d["line"], d["message"]) for d in doc.get("diagnostics", [])
            if d["message"].startswith("unused suppression")]


def test_an_unused_suppression_is_a_warning_naming_path_line_and_code(racy, tmp_path):
    """As ruff's RUF100 (unused-noqa): a suppression that silences nothing is stale (the bug was
    fixed, or the code was mistyped for another rule's) and hides the next bug on that line. A
    warning diagnostic: the findings and the exit code stay what they were."""
    _suppress(racy, incr="# interlock: ignore[IL103, IL201] approximate", read="# interlock: ignore  hot path")
    p = run("verify", "--root", str(racy), "--no-cache", "--format", "json")
    doc = json.loads(p.stdout)
    assert p.returncode == 0 and doc["findings"] == [], (p.returncode, doc["findings"])
    unused = _unused(doc)
    assert [(path, line) for path, line, _ in unused] == [("app/counter.py", 10), ("app/counter.py", 14)], unused
    assert "IL201" in unused[0][2] and "IL103" not in unused[0][2], unused
    assert all(d["severity"] == "warning" for d in doc["diagnostics"])
    # quiet text: stdout stays empty (no findings), the warnings go to stderr
    q = run("verify", "--root", str(racy), "--no-cache", "-q")
    assert q.returncode == 0 and q.stdout == "", repr(q.stdout)        # not even an empty line, as ruff -q
    assert "app/counter.py:10: warning: unused suppression" in q.stderr and "IL201" in q.stderr, q.stderr
    assert "app/counter.py:14: warning: unused suppression" in q.stderr, q.stderr
    # SARIF: tool notifications at the comment
    out = tmp_path / "r.sarif"
    run("verify", "--root", str(racy), "--no-cache", "--format", "sarif", "--output", str(out))
    notes = json.loads(out.read_text())["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    lines = sorted(n["locations"][0]["physicalLocation"]["region"]["startLine"] for n in notes
                   if "unused suppression" in n["message"]["text"] and n["level"] == "warning")
    assert lines == [10, 14], notes


def test_a_suppression_for_a_rule_that_did_not_run_is_not_called_unused(racy, tmp_path):
    """`--select`/`--ignore`/per-path ignores leave a rule out: whether its suppression would
    match is unknown, so it is not reported (nor is a bare `ignore` when any rule was left out)."""
    _suppress(racy, incr="# interlock: ignore[IL103]", read="# interlock: ignore[IL101]")

    def unused(*extra: str) -> list[int]:
        doc = json.loads(run("verify", "--root", str(racy), "--no-cache", "--format", "json", *extra).stdout)
        assert doc["findings"] == [], (extra, doc["findings"])
        return [line for _, line, _ in _unused(doc)]

    assert unused("--select", "IL1") == [14]            # IL101 ran and matched nothing there
    for extra in (["--select", "IL2"], ["--ignore", "IL1"], ["--ignore", "IL103,IL101"]):
        assert unused(*extra) == [], extra
    (racy / "pyproject.toml").write_text('[tool.interlock.per-path-ignores]\n"app/*.py" = ["IL1"]\n')
    assert unused() == []
    (racy / "pyproject.toml").unlink()
    path = racy / "app" / "counter.py"
    path.write_text(path.read_text().replace("# interlock: ignore[IL101]", "# interlock: ignore"))
    assert unused("--select", "IL1") == []               # the bare one may be meant for a rule left out
    assert unused() == [14]


def test_a_suppression_in_a_string_or_a_file_outside_the_components_is_not_reported(racy, tmp_path):
    """Only real comments suppress (a docstring that shows the syntax is no suppression), and only
    files a component verified can say a suppression matched nothing."""
    (racy / "app" / "doc.py").write_text('"""Silence one with `x = 1  # interlock: ignore[IL101] reason`."""\n')
    (racy / "tools").mkdir()
    (racy / "tools" / "other.py").write_text("X = 1  # interlock: ignore[IL101]\n")
    spec = _spec(tmp_path, """\
        [component]
        name = "c"
        paths = ["app"]
    """)
    doc = json.loads(run("verify", "--root", str(racy), "--spec", str(spec), "--no-cache", "--format", "json").stdout)
    assert _unused(doc) == [], _unused(doc)
    doc = json.loads(run("verify", "--root", str(racy), "--no-cache", "--format", "json").stdout)
    assert [(p, line) for p, line, _ in _unused(doc)] == [("tools/other.py", 1)], _unused(doc)


def test_a_gate_over_a_file_it_could_not_analyse_is_incomplete_not_passed(racy, tmp_path):
    """A gate over a file it could not parse has not checked that file: as ruff and mypy on a file
    they cannot parse, it does not pass (exit 2, `gate: INCOMPLETE`) and says which file."""
    base = tmp_path / "base.json"
    assert run("baseline", "--root", str(racy), "--no-cache", "--output", str(base)).returncode == 0
    (racy / "app" / "broken.py").write_text("def f(:\n    pass\n")
    p = run("gate", "--root", str(racy), "--no-cache", "--baseline", str(base))
    assert p.returncode == 2, p.stderr
    assert "app/broken.py:1: error: " in p.stdout + p.stderr and "syntax error" in p.stdout + p.stderr, p.stdout
    assert p.stdout.rstrip().endswith("gate: INCOMPLETE (1 file(s) not analysed): 0 new, 1 in baseline, 0 gone"), p.stdout
    assert "could not be analysed" in p.stderr and "extend-exclude" in p.stderr, p.stderr
    (racy / "pyproject.toml").write_text('[tool.interlock]\nextend-exclude = ["app/broken.py"]\n')
    p = run("gate", "--root", str(racy), "--no-cache", "--baseline", str(base))
    assert p.returncode == 0 and p.stdout.rstrip().endswith("gate: passed: 0 new, 1 in baseline, 0 gone"), p.stdout


@pytest.mark.parametrize("cmd", ["baseline", "gate", "publish", "audit"])
def test_commands_that_take_verify_options_take_all_of_them(racy, tmp_path, cmd, monkeypatch):
    """DESIGN: `baseline --output FILE [verify options]`, `gate --baseline FILE [verify options]`,
    `publish ... [verify options]`: the bounds and `--no-cache` too (a baseline made with other
    bounds than the gate's run compares two different analyses)."""
    from interlock import cli, pipeline

    seen = {}

    def fake(root, comps, **kw):
        seen.update(kw)
        raise cli.UsageError("stop here")

    monkeypatch.setattr(pipeline, "verify_tree", fake)
    base = tmp_path / "base.json"
    base.write_text('{"version": 1, "findings": []}\n')
    extra = {"baseline": ["--output", str(tmp_path / "b.json")], "gate": ["--baseline", str(base)],
             "publish": ["--repo", "o/n"], "audit": []}[cmd]
    res = CliRunner().invoke(cli.app, [cmd, "--root", str(racy), *extra, "--no-cache", "--max-steps", "50",
                                       "--max-preemptions", "1", "--timeout", "5", "--max-states", "100",
                                       "--depth", "3", "--select", "IL1", "--ignore", "IL102"])
    assert "stop here" in res.output, res.output
    assert seen["use_cache"] is False and seen["select"] == ["IL1"] and seen["ignore"] == ["IL102"], seen
    b = seen["bounds"]
    assert (b.steps, b.preemptions, b.seconds, b.states, b.depth) == (50, 1, 5.0, 100, 3), b


def test_diagram_finding_without_kind_trace_is_a_usage_error(racy, monkeypatch):
    # `--finding H-01` with the default `--kind state` drew the state machines, ignoring the finding
    from interlock import cli, pipeline

    monkeypatch.setattr(pipeline, "verify_tree", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    res = CliRunner().invoke(cli.app, ["diagram", "all", "--root", str(racy), "--finding", "H-01", "--format", "dot"])
    assert res.exit_code == 2 and "--kind trace" in res.output and "AssertionError" not in res.output, res.output
