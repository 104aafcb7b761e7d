"""User sessions of red team cli23, each a real subprocess run of the CLI (no mocks): an incomplete
run (a file that could not be analysed) exits 2 with one stderr line per skipped file, a dry-run
publish never contacts GitHub, and inputs a user meets (a FIFO, a file where a folder is meant, a
report passed as a baseline, a bad `--date`, `--yes` without a token) are one line before the analysis."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import test_cli_contracts
from test_cli_contracts import one_line_error

REPO = Path(__file__).resolve().parents[1]
BROKEN = "def f(:\n    pass\n"
racy = test_cli_contracts.racy        # the fixture: a tree with one IL101 (app/counter.py)


def run(*args: str, cwd: Path = REPO, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    full = dict(os.environ, PYTHONPATH=str(REPO), **(env or {}))
    return subprocess.run([sys.executable, "-m", "interlock", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def clean(tmp_path) -> Path:
    root = tmp_path / "clean"
    root.mkdir()
    (root / "ok.py").write_text("x = 1\n")
    return root


# ----------------------------------------------------------------------------- incomplete runs

@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_skipped_file_makes_a_clean_run_exit_2_with_the_file_on_stderr(clean, tmp_path, fmt):
    """Nothing found in the files read is no pass when a file was not read (ruff, mypy fail on it)."""
    (clean / "broken.py").write_text(BROKEN)
    out = tmp_path / f"r.{fmt}"
    p = run("verify", "--root", str(clean), "--no-cache", "--format", fmt, "--output", str(out))
    assert p.returncode == 2, (p.returncode, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert lines[0].startswith("broken.py:1: error: syntax error"), p.stderr
    assert lines[-1].startswith("interlock: error: 1 file(s) could not be analysed") and "exits 2, not 0" in lines[-1]
    assert len(lines) == 2 and out.exists() and out.stat().st_size > 0, p.stderr


def test_a_skipped_file_is_listed_once_when_the_text_report_is_on_the_terminal(clean):
    (clean / "broken.py").write_text(BROKEN)
    p = run("verify", "--root", str(clean), "--no-cache")
    assert p.returncode == 2
    assert "broken.py:1: error: syntax error" in p.stdout and "broken.py" not in p.stderr.split("interlock:")[0]
    assert "could not be analysed" in p.stderr


def test_findings_plus_a_skipped_file_exit_2_and_excluding_it_gives_back_exit_1(racy):
    (racy / "app" / "broken.py").write_text(BROKEN)
    p = run("verify", "--root", str(racy), "--no-cache", "--format", "json")
    assert p.returncode == 2 and "exits 2, not 1" in p.stderr, p.stderr
    assert json.loads(p.stdout)["findings"], "the findings of the files read are still written"
    (racy / "interlock.toml").write_text('extend-exclude = ["app/broken.py"]\n')
    p = run("verify", "--root", str(racy), "--no-cache", "--format", "json")
    assert p.returncode == 1 and p.stderr == "", p.stderr


@pytest.mark.parametrize("cmd", ["audit", "baseline"])
def test_audit_and_baseline_over_a_skipped_file_write_their_file_and_exit_2(clean, tmp_path, cmd):
    (clean / "broken.py").write_text(BROKEN)
    out = tmp_path / "out.file"
    p = run(cmd, "--root", str(clean), "--no-cache", "--output", str(out))
    assert p.returncode == 2 and out.exists(), p.stderr
    assert "broken.py:1: error: syntax error" in p.stderr and "could not be analysed" in p.stderr


def test_a_fifo_named_py_is_a_skipped_file_not_a_hang(clean):
    os.mkfifo(clean / "pipe.py")
    p = run("verify", "--root", str(clean), "--no-cache", timeout=120)
    assert p.returncode == 2, p.stderr
    assert "pipe.py: error: cannot read: not a regular file" in p.stdout, p.stdout


def test_undecodable_and_dangling_files_are_each_one_line(clean):
    (clean / "latin.py").write_bytes(b'x = "caf\xe9"\n')
    (clean / "declared.py").write_bytes(b'# -*- coding: latin-1 -*-\nx = "caf\xe9"\n')
    (clean / "gone.py").symlink_to(clean / "nowhere.py")
    (clean / "loop.py").symlink_to(clean / "loop.py")
    p = run("verify", "--root", str(clean), "--no-cache", "--format", "json")
    assert p.returncode == 2
    skipped = [line for line in p.stderr.splitlines() if ": error: " in line and not line.startswith("interlock")]
    assert [s.split(":")[0] for s in skipped] == ["gone.py", "latin.py", "loop.py"], p.stderr
    assert json.loads(p.stdout)["stats"]["files"] == 2          # ok.py and the declared latin-1 file


# ----------------------------------------------------------------------------- publish

def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]          # closed again: any connection to it is refused


def test_a_dry_run_publish_never_contacts_github_and_plans_from_the_local_record(racy, tmp_path):
    report = tmp_path / "r.json"
    assert run("verify", "--root", str(racy), "--no-cache", "--format", "json", "--output", str(report)).returncode == 1
    url = f"http://127.0.0.1:{_dead_port()}"
    args = ("publish", "--repo", "acme/app", "--from", str(report), "--base-url", url, "--date", "2026-12-02")
    p = run(*args, env={"GITHUB_TOKEN": ""})
    assert p.returncode == 0, p.stderr
    assert "offline" in p.stdout and "not contacted" in p.stdout and "no local publish record" in p.stdout
    assert "would create" in p.stdout
    fp = json.loads(report.read_text())["findings"][0]["fingerprint"]
    record = racy / "docs" / "audits" / "issues.json"
    record.parent.mkdir(parents=True)
    record.write_text(json.dumps({"version": 1, "issues": {fp: {"number": 7, "state": "open", "title": "t"}}}))
    p = run(*args)
    assert p.returncode == 0 and "existing open issue #7" in p.stdout and "would create" not in p.stdout, p.stdout
    record.write_text(json.dumps({"version": 1, "issues": {fp: {"number": 7, "state": "closed", "title": "t"}}}))
    p = run(*args)
    assert p.returncode == 0 and "would file regression of #7" in p.stdout, p.stdout
    record.write_text("{")
    one_line_error(run(*args), "issues.json")


def test_publish_refuses_a_bad_date_and_yes_without_a_token_before_the_analysis(racy):
    p = run("publish", "--repo", "acme/app", "--root", str(racy), "--date", "yesterday")
    one_line_error(p, "--date", "YYYY-MM-DD")
    p = run("publish", "--repo", "acme/app", "--root", str(racy / "missing"), "--yes", env={"GITHUB_TOKEN": ""})
    one_line_error(p, "GITHUB_TOKEN")                          # the token first: the root was never read


# ----------------------------------------------------------------------------- inputs

def test_a_file_as_root_or_a_path_as_component_says_to_pass_a_folder(racy):
    p = run("verify", "--root", str(racy / "app" / "counter.py"))
    one_line_error(p, "is not a folder", "pass the folder")
    p = run("verify", "app/counter.py", cwd=racy)
    one_line_error(p, "is a path", "--root app")
    p = run("verify", "app", cwd=racy)
    one_line_error(p, "is a path", "--root app")


def test_a_verify_report_passed_as_baseline_is_named_for_what_it_is(racy, tmp_path):
    report = tmp_path / "r.json"
    run("verify", "--root", str(racy), "--no-cache", "--format", "json", "--output", str(report))
    p = run("gate", "--root", str(racy), "--no-cache", "--baseline", str(report))
    one_line_error(p, "r.json", "report, not a baseline", "interlock baseline")


# ----------------------------------------------------------------------------- the cache

def test_a_cache_that_came_with_the_tree_is_never_unpickled(clean, tmp_path):
    """A pickle committed as `.interlock_cache/pack.pickle` (or a result) would run code on load:
    only cache files this user's interlock wrote are read; the rest are misses, rewritten."""
    marker = tmp_path / "pwned"
    payload = (b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR.")
    cache = clean / ".interlock_cache"
    (cache / "results").mkdir(parents=True)
    (cache / "pack.pickle").write_bytes(payload)
    xdg = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    assert run("verify", "--root", str(clean), env=xdg).returncode == 0
    assert not marker.exists()
    for result in (cache / "results").glob("*.pickle"):     # our own result, swapped for a planted one
        result.write_bytes(payload)
    assert run("verify", "--root", str(clean), env=xdg).returncode == 0
    assert not marker.exists()
    assert run("verify", "--root", str(clean), env=xdg).returncode == 0   # rewritten, read again


def test_an_interrupted_run_leaves_a_cache_the_next_run_uses(racy):
    import signal
    import time

    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.Popen([sys.executable, "-m", "interlock", "verify", "--root", str(racy), "--format", "json"],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(1.0)
    os.killpg(p.pid, signal.SIGINT)                  # Ctrl-C at the terminal: the whole group
    p.communicate(timeout=120)
    assert p.returncode in (1, 130, -signal.SIGINT), p.returncode       # interrupted, or already done
    assert not list((racy / ".interlock_cache").rglob("*.tmp")) if (racy / ".interlock_cache").exists() else True
    again = run("verify", "--root", str(racy), "--format", "json")
    fresh = run("verify", "--root", str(racy), "--format", "json", "--no-cache")
    assert again.returncode == fresh.returncode == 1
    assert json.loads(again.stdout)["findings"] == json.loads(fresh.stdout)["findings"]


# ----------------------------------------------------------------------------- signals

def _children(pid: int) -> set[int]:
    kids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.add(int(stat.parent.name))
    return kids


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")        # a zombie has exited (a container's init may not reap it)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the check stage forks only with a core to spare")
def test_sigterm_stops_the_forked_checker_child_with_its_parent(tmp_path):
    """A cancelled CI job (SIGTERM) must not leave the child forked for the model-checking shards
    running orphaned: over 2000 functions (checker/forked.MIN_FUNCTIONS), with 2 cores, the check stage
    forks; the parent is killed as soon as it has a child, and the child must be gone within seconds."""
    import signal
    import time

    lines = ["import threading", ""]
    for c in range(60):
        lines += [f"class Worker{c}:", "    def __init__(self):", "        self.lock = threading.Lock()",
                  "        self.count = 0", "        self.items = []",
                  "        threading.Thread(target=self.run, daemon=True).start()",
                  "    def run(self):", "        while True:", "            self.step0()"]
        for m in range(40):
            nxt = f"        self.step{m + 1}()" if m < 39 else "        return self.count"
            lines += [f"    def step{m}(self):", f"        if self.count > {m}:", f"            self.items.append({m})",
                      "        with self.lock:", f"            self.count += {m}", nxt]
    root = tmp_path / "big"
    root.mkdir()
    (root / "app.py").write_text("\n".join(lines) + "\n")     # one file: extraction runs in-process
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "interlock", "verify", "--root", str(root), "--no-cache", "-q"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, kids = time.monotonic() + 240, set()
        while not kids and proc.poll() is None and time.monotonic() < deadline:
            kids = _children(proc.pid)
            time.sleep(0.05)
        assert kids, "the check stage never forked (the run ended first)"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == -signal.SIGTERM         # it still dies of the signal
        deadline = time.monotonic() + 5
        while any(_running(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_running(k) for k in kids), "a worker outlived its parent"
    finally:
        if proc.poll() is None:
            proc.kill()
