"""The terminal behaviour of `interlock verify` in a real subprocess: colours only on a TTY and
without NO_COLOR, progress bars only on an interactive stderr, and never in stdout."""
from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import threading
import time

import pytest

from test_reports_cli import PLAYER


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "player").mkdir()
    (tmp_path / "player" / "__init__.py").write_text("")
    (tmp_path / "player" / "core.py").write_text(PLAYER)
    # enough files that extraction reports progress more than once
    for i in range(30):
        (tmp_path / "player" / f"mod{i}.py").write_text(f"def f{i}(x):\n    return x + {i}\n")
    return tmp_path


def _run(args: list[str], *, tty_out: bool, tty_err: bool, env: dict | None = None) -> tuple[int, str, str]:
    """Run `python -m interlock ARGS` with stdout and/or stderr on a pseudo-terminal."""
    fds = {}
    for name, on in (("out", tty_out), ("err", tty_err)):
        fds[name] = pty.openpty() if on else None
    inherited = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env = {**inherited, "COLUMNS": "120", "TERM": "xterm-256color", **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "interlock", *args], stdin=subprocess.DEVNULL,
                            stdout=fds["out"][1] if fds["out"] else subprocess.PIPE,
                            stderr=fds["err"][1] if fds["err"] else subprocess.PIPE, env=full_env)
    chunks: dict[str, bytes] = {"out": b"", "err": b""}

    def drain_pipe(name, stream):
        chunks[name] = stream.read()

    threads = []
    for name, stream in (("out", proc.stdout), ("err", proc.stderr)):
        if stream is not None:
            threads.append(threading.Thread(target=drain_pipe, args=(name, stream)))
            threads[-1].start()
    masters = {}
    for name, pair in fds.items():
        if pair:
            os.close(pair[1])
            masters[pair[0]] = name
    deadline = time.monotonic() + 600         # a loaded CI machine can be silent for a long time
    while masters and time.monotonic() < deadline:
        ready, _, _ = select.select(list(masters), [], [], 1)
        if not ready:
            if proc.poll() is not None and not any(select.select(list(masters), [], [], 0)[0]):
                break            # the child is gone and nothing is left to read
            continue
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:          # EIO: the child closed its end
                data = b""
            if data:
                chunks[masters[fd]] += data
            else:
                os.close(fd)
                del masters[fd]
    for t in threads:
        t.join()
    proc.wait(timeout=600)
    return proc.returncode, chunks["out"].decode(errors="replace"), chunks["err"].decode(errors="replace")


def test_progress_goes_to_an_interactive_stderr_and_json_stdout_stays_clean(tree):
    code, out, err = _run(["verify", "--root", str(tree), "--format", "json"], tty_out=False, tty_err=True)
    assert code == 1, err
    assert out.startswith("{"), out[:80]
    assert json.loads(out)["findings"]
    assert "extracting" in err and "checking" in err


def test_no_progress_when_stderr_is_not_a_terminal_or_with_quiet(tree):
    _, out, err = _run(["verify", "--root", str(tree), "--format", "json"], tty_out=False, tty_err=False)
    assert json.loads(out)["findings"] and "checking" not in err and "\x1b[" not in err
    _, out, err = _run(["verify", "--root", str(tree), "-q"], tty_out=False, tty_err=True)
    assert "checking" not in err and out.splitlines()[0].startswith("player/core.py:")


def test_colours_on_a_terminal_unless_no_color(tree):
    _, out, _ = _run(["verify", "--root", str(tree)], tty_out=True, tty_err=False)
    assert "\x1b[" in out and "IL" in out
    _, out, _ = _run(["verify", "--root", str(tree)], tty_out=True, tty_err=False, env={"NO_COLOR": "1"})
    assert "\x1b[" not in out and "IL" in out
    _, out, _ = _run(["verify", "--root", str(tree)], tty_out=False, tty_err=False)
    assert "\x1b[" not in out


def test_quiet_and_verbose_on_verify(tree):
    _, quiet, _ = _run(["verify", "--root", str(tree), "--quiet"], tty_out=False, tty_err=False)
    _, normal, _ = _run(["verify", "--root", str(tree)], tty_out=False, tty_err=False)
    _, verbose, _ = _run(["verify", "--root", str(tree), "--verbose"], tty_out=False, tty_err=False)
    headers = [line for line in normal.splitlines() if line.startswith("player/")]
    assert quiet.splitlines() == headers                          # one line per finding, nothing else
    assert "help:" in normal and "Found " in normal and "stats:" not in normal
    assert "stats: " in verbose and len(verbose) > len(normal)
