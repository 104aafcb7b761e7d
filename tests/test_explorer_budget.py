"""The explorer's budgets are counted in states, so its findings do not depend on the machine's
speed: the player component of the bundled example gives the same findings (traces included)
on an infinitely fast machine (a frozen clock), a very slow one (a clock that runs ahead at every
read) and the real one, with a tiny or a huge wall-clock limit, as long as the state budget binds.
The wall-clock limit is a safety net: when it cuts the run, the result says "seconds"."""
from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path

import pytest

from interlock.checker import Bounds, components_for, contexts_for
from interlock.checker.context import RuleContext
from interlock.checker.explorer import run
from interlock.checker.explorer.scheduler import Limits, explore
from interlock.checker.explorer.semantics import Machine
from interlock.checker.rules import all_rules
from interlock.extractor import extract
from interlock.models.spec import load_specs

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "examples"
RULES = [r for r in all_rules() if r.RULE.code.startswith("IL5")]


@lru_cache(maxsize=1)
def _model():
    return extract(ROOT, use_cache=False)


def _player(bounds: Bounds) -> RuleContext:
    comp = components_for(load_specs(REPO / "specs" / "example"), ["player"])[0]
    return RuleContext(model=_model(), component=comp, contexts=contexts_for(_model(), comp), root=ROOT,
                       bounds=bounds)


def frozen_clock():
    return 0.0


def slow_clock(tick: float):
    """A machine so slow that every clock read finds `tick` seconds gone."""
    counter = itertools.count()
    return lambda: next(counter) * tick


def _findings(bounds: Bounds, clock, budget: int = run.COMPONENT_STATES) -> tuple[list[dict], str | None, int]:
    """The IL5xx findings of the player component (complete, traces included), the bound, the scenarios run."""
    ctx = _player(bounds)
    analysis = run.analyse(_model(), ctx, clock=clock, budget=budget)
    found = [f.model_dump() for rule in RULES for f in rule.check(_model(), ctx)]
    return sorted(found, key=repr), analysis.bounded_by, analysis.scenarios


@lru_cache(maxsize=1)
def _reference() -> tuple[list[dict], str | None, int]:
    import time
    return _findings(Bounds(seconds=1e9), time.perf_counter)


def test_player_findings_are_all_planted_model_checked_bugs_and_bounded_by_states():
    found, bounded, _ = _reference()
    assert bounded == "states"          # the example's player component is larger than the budget
    assert {(f["code"], f["location"]["function"]) for f in found} >= {
        ("IL501", "seek"), ("IL502", "pause"), ("IL503", "play"), ("IL504", "stop")}
    assert all(f["trace"] for f in found)


@pytest.mark.parametrize("seconds, clock", [
    (1e-3, frozen_clock),               # tiny limit, infinitely fast machine
    (1e9, slow_clock(1e-3)),            # huge limit, a machine far slower than any CI runner
], ids=["tiny-limit-fast-machine", "huge-limit-slow-machine"])
def test_player_findings_do_not_depend_on_the_clock_while_the_state_budget_binds(seconds, clock):
    assert _findings(Bounds(seconds=seconds), clock) == _reference()


def test_a_run_the_wall_clock_cuts_says_bounded_by_seconds():
    found, bounded, _ = _findings(Bounds(seconds=50.0), slow_clock(1.0))
    assert bounded == "seconds"
    assert all(f["bounded"] == "seconds" for f in found)


def test_a_smaller_state_budget_runs_fewer_scenarios_and_says_states():
    small = run.analyse(_model(), _player(Bounds(seconds=1e9)), clock=frozen_clock, budget=500)
    assert small.bounded_by == "states" and 0 < small.scenarios < _reference()[2]


def test_the_state_budget_of_one_search_is_checked_before_its_clock():
    from explorer_support import scenario
    sc = scenario("""
        import threading
        class C:
            def __init__(self):
                self.n = 0
            def inc(self):
                self.n = self.n + 1
    """, ("a", "C.inc"), ("b", "C.inc"))
    res = explore(sc, [], por=False, machine=Machine(sc), limits=Limits(states=3, seconds=0.0, clock=frozen_clock))
    assert res.bounded_by == "states" and res.states == 3
    res = explore(sc, [], por=False, machine=Machine(sc), limits=Limits(seconds=0.5, clock=slow_clock(1.0)))
    assert res.bounded_by == "seconds"


def _budget_scenarios():
    from explorer_support import scenario
    src = """
        import threading
        class C:
            def __init__(self):
                self.lock = threading.Lock()
                self.n = 0
                self.m = 0
            def inc(self):
                self.n = self.n + 1
            def churn(self):
                self.m = self.m + 1
                self.n = self.n + 1
                self.m = self.m + self.n
                self.n = self.m + 1
    """
    small = [scenario(src, ("a", "C.inc"), ("b", "C.inc")) for _ in range(3)]
    big = scenario(src, ("a", "C.churn"), ("b", "C.churn"))
    return small, big


class _Ctx:
    def __init__(self, seconds: float = 1e9):
        self.bounds = Bounds(seconds=seconds)
        self.cache = {"shard": 0}


def _states_alone(sc) -> int:
    out = run.Analysis()
    run.run_scenario(sc, Limits(seconds=1e9, states=10**7, clock=frozen_clock), (), out)
    assert out.bounded_by is None
    return out.states


def test_a_scenario_its_cap_cut_runs_again_with_what_the_others_left(monkeypatch):
    small, big = _budget_scenarios()
    need, little = _states_alone(big), _states_alone(small[0])
    # the cut first try is spent too: the budget covers it (its even part), the small ones and
    # the big one's whole search, and that even part is less than the big one needs
    budget = (4 * (need + 3 * little)) // 3 + 4
    assert budget // 4 < need
    monkeypatch.setattr(run, "SHARDS", 1)
    monkeypatch.setattr(run, "SCENARIO_STATES", 1)
    monkeypatch.setattr(run, "prelude", lambda model, ctx: run.Prelude((), [big, *small]))
    whole = run._analyse(None, _Ctx(), frozen_clock, budget)
    assert whole.bounded_by is None and whole.scenarios == 4
    assert whole.states == budget // 4 + need + 3 * little
    short = run._analyse(None, _Ctx(), frozen_clock, need)
    assert short.bounded_by == "states"
