"""Explorer benchmark: POR vs no POR (states, executions), executions vs Mazurkiewicz classes,
and interlock's wall time vs SPIN on the exported model (spin -a + gcc + ./pan), same run.

Goals: states/executions ratio <= 0.1 on 3-context scenarios; executions/classes close to 1;
interlock time / SPIN time <= 1. Prints medians of REPEAT runs. Usage: python bench/explorer.py
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from interlock.checker.explorer.checks import deadlock_check, invariant_checks, transition_check
from interlock.checker.explorer.por import conflicts, op_footprint
from interlock.checker.explorer.promela import export_scenarios
from interlock.checker.explorer.run import infer_contracts
from interlock.checker.explorer.scenario import PropertySpec, ThreadSpec, build
from interlock.checker.explorer.scheduler import Limits, executions, explore
from interlock.checker.explorer.semantics import Machine
from interlock.checker.explorer.universe import universe_from_source

REPEAT = 3
CLASS_CAP = 20_000      # brute-force Mazurkiewicz classes only up to this many full executions
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"

STATS = """
import threading
class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.plays = 0
        self.skips = 0
        self.bytes = 0
    def play(self):
        with self._lock:
            self.plays += 1
    def skip(self):
        self.skips = self.skips + 1
    def stream(self, n):
        total = n + 1
        if total > 10:
            total = 10
        self.bytes = total
"""


def corpus(case: str, twin: str, threads, props: PropertySpec):
    src = "\n".join(p.read_text() for p in sorted((CORPUS / case / twin).glob("*.py")))
    return build(universe_from_source(src), [ThreadSpec(n, (tuple(c.split(".")),)) for n, c in threads], props,
                 label=f"{case}/{twin}")


SEEK = PropertySpec((("pos", "PlaybackController", "self.position <= self.duration"),))
QUEUE = PropertySpec((("idx", "QueueManager", "self.current_index < len(self.tracks) or len(self.tracks) == 0"),))


def scenarios():
    for twin in ("buggy", "fixed"):
        yield corpus("il501_seek_track_swap", twin, [("api", "PlaybackController.seek"),
                                                     ("gapless", "PlaybackController.swap_track")], SEEK)
        yield corpus("il501_seek_track_swap", twin, [("api", "PlaybackController.seek"),
                                                     ("gapless", "PlaybackController.swap_track"),
                                                     ("api2", "PlaybackController.seek")], SEEK)
        yield corpus("il501_queue_remove_during_advance", twin, [("pb", "QueueManager.advance"),
                                                                 ("api", "QueueManager.remove")], QUEUE)
        yield corpus("il504_join_under_lock", twin, [("worker", "ChunkStreamer._run"),
                                                     ("api", "ChunkStreamer.stop")], PropertySpec())
    uni = universe_from_source(STATS)
    yield build(uni, [ThreadSpec("a", (("Stats", "skip"),)), ThreadSpec("b", (("Stats", "skip"),)),
                      ThreadSpec("c", (("Stats", "stream"),))], label="stats skip||skip||stream")


def canonical(sc, steps) -> tuple:
    labels = [(st.tid, st.pc, str(st.value)) for st in steps]
    fps = [op_footprint(sc.threads[st.tid].ops[st.pc], st.tid, sc) for st in steps]
    preds = [{i for i in range(j) if steps[i].tid == steps[j].tid or conflicts(fps[i], fps[j])}
             for j in range(len(steps))]
    done: set[int] = set()
    out = []
    while len(done) < len(steps):
        k = min((k for k in range(len(steps)) if k not in done and preds[k] <= done), key=lambda k: labels[k])
        done.add(k)
        out.append(labels[k])
    return tuple(out)


def count_executions(sc, m, por: bool) -> int:
    """Maximal executions of the (reduced or full) state graph, counted by memoised paths (a DAG)."""
    from interlock.checker.explorer.por import Footprints, persistent
    from interlock.checker.explorer.scheduler import moves
    from interlock.checker.explorer.semantics import initial_state
    fp = Footprints(sc)
    memo: dict = {}

    def paths(s, last) -> int:
        key = (s, last)
        if key not in memo:
            enabled = m.schedulable(s, last)
            chosen = persistent(m, fp, s, enabled, last) if por else enabled
            memo[key] = sum(paths(n, t) for t in chosen for n, _ in moves(m, fp, s, t, merge=por)) if chosen else 1
        return memo[key]
    sys.setrecursionlimit(100_000)
    return paths(initial_state(m), None)


def interlock_time(sc) -> tuple[float, bool]:
    t0 = time.perf_counter()
    m = Machine(sc)
    infer_contracts(sc, m, Limits(preemptions=99))
    res = explore(sc, [invariant_checks(m), transition_check, deadlock_check], machine=m,
                  limits=Limits(preemptions=99))
    return time.perf_counter() - t0, bool(res.violations)


def spin_time(sc) -> tuple[float, bool]:
    t0 = time.perf_counter()
    text = export_scenarios([sc])
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "m.pml").write_text(text)
        subprocess.run(["spin", "-a", "m.pml"], cwd=tmp, check=True, capture_output=True)
        subprocess.run(["gcc", "-O2", "-DSAFETY", "-o", "pan", "pan.c"], cwd=tmp, check=True, capture_output=True)
        out = subprocess.run(["./pan", "-m100000"], cwd=tmp, capture_output=True, text=True).stdout
    errors = int(next(l for l in out.splitlines() if "errors:" in l).rsplit("errors:", 1)[1].split()[0])
    return time.perf_counter() - t0, errors > 0


def median(f, sc):
    runs = [f(sc) for _ in range(REPEAT)]
    return statistics.median(r[0] for r in runs), runs[0][1]


def main() -> int:
    have_spin = shutil.which("spin") and shutil.which("gcc")
    print(f"{'scenario':52} {'ctx':>3} {'states':>14} {'ratio':>6} {'execs':>16} {'ratio':>6} "
          f"{'classes':>7} {'ex/cl':>5} {'interlock':>9} {'spin':>7} {'ratio':>6} agree")
    for sc in scenarios():
        m = Machine(sc)
        infer_contracts(sc, m, Limits(preemptions=99))
        red = explore(sc, [], machine=m, limits=Limits(preemptions=99))
        full = explore(sc, [], por=False, machine=m, limits=Limits(preemptions=99))
        n_full = count_executions(sc, m, por=False)
        ex_red = executions(sc, por=True, machine=m)
        # brute-force classes only where every execution can be enumerated
        ex_full = executions(sc, por=False, machine=m, cap=CLASS_CAP + 1) if n_full <= CLASS_CAP else None
        classes = len({canonical(sc, e) for e in ex_full}) if ex_full is not None else None
        t_il, found = median(interlock_time, sc)
        t_spin, spin_found = median(spin_time, sc) if have_spin else (float("nan"), None)
        print(f"{sc.label[:52]:52} {len(sc.threads):>3} {red.unique_states:>6}/{full.unique_states:<7} "
              f"{red.unique_states / full.unique_states:>6.3f} {len(ex_red):>6}/{n_full:<9} "
              f"{len(ex_red) / n_full:>6.3f} {classes if classes else 'n/a':>7} "
              f"{(f'{len(ex_red) / classes:.2f}' if classes else 'n/a'):>5} "
              f"{t_il:>8.3f}s {t_spin:>6.3f}s {t_il / t_spin:>6.3f} {'yes' if found == spin_found else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
