"""The model-checking rules (IL5xx) of a large component in a forked process, beside the static rules.

The interleaving explorer takes most of a large tree's check time and shares no analysis with the
static rules, so on a multi-core machine it runs in a child forked from this process: the child
inherits the program model (nothing large is pickled) and sends back only its findings. Any
failure in the child (including a rule's own exception) falls back to running those rules here,
so the result is always what the sequential run gives.
"""
from __future__ import annotations

import os
import time
from typing import Callable

from interlock.models.finding import Finding
from interlock.models.program import ProgramModel

#: Below this many functions, forking costs more than the overlap saves.
MIN_FUNCTIONS = 2000
FAMILY = "IL5"                 # the model-checked family (STYLE: the hundreds digit is the family)
#: The explorer deals a component's scenarios (in their size order) to SHARDS shards, each with
#: its share of the state budget; `check` runs the shards in parallel children when it can, else
#: one after the other here. The deal depends on neither the machine nor its cores, so neither
#: do the findings.
SHARDS = 2

Accept = Callable[[Finding], bool]
#: each rule's findings, each rule's seconds, the component's `bounded_by`, and the rules that
#: raised (code -> `Type: message`): one rule's bug must not lose the other rules' findings
Outcome = tuple[dict[str, list[Finding]], dict[str, float], "str | None", dict[str, str]]

_job: tuple | None = None      # what the forked child runs; set just before the fork


def is_forked_rule(rule) -> bool:
    return rule.RULE.code.startswith(FAMILY)


def should_fork(model: ProgramModel, rules: list, jobs: int | None) -> bool:
    import multiprocessing

    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    return (jobs > 1 and len(rules) > 0 and len(model.functions) >= MIN_FUNCTIONS
            and "fork" in multiprocessing.get_all_start_methods())


def run_rules(model: ProgramModel, ctx, rules: list, accept: Accept) -> Outcome:
    """Each rule's accepted findings and seconds, the component's `bounded_by` afterwards, and the
    rules that raised (their findings are missing; the others are kept)."""
    found: dict[str, list[Finding]] = {}
    seconds: dict[str, float] = {}
    errors: dict[str, str] = {}
    for rule in rules:
        t0 = time.perf_counter()
        found[rule.RULE.code], error = guarded(lambda: [f for f in rule.check(model, ctx) if accept(f)])
        if error:
            errors[rule.RULE.code] = error
        seconds[rule.RULE.code] = time.perf_counter() - t0
    return found, seconds, ctx.cache.get("bounded_by"), errors


def guarded(run: Callable[[], list[Finding]]) -> tuple[list[Finding], str | None]:
    """`run()`'s findings, or none and `Type: first line of the message` when it raised: a bug
    in one rule is reported (checker.check makes it a diagnostic), not a crash of the whole run."""
    if os.environ.get("INTERLOCK_DEBUG"):
        return run(), None
    try:
        return run(), None
    except Exception as exc:   # noqa: BLE001 - any rule bug: reported, the other rules go on
        first = (str(exc).strip().splitlines() or [""])[0]
        return [], f"{type(exc).__name__}: {first}"


class Forked:
    """`job(*args)` running in a child process; `result()` waits (or runs it here if the child failed)."""

    def __init__(self, job: Callable, *args) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _job
        self._args = (job, *args)
        _job = self._args
        try:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(_child)
        except (OSError, RuntimeError):
            self._pool, self._future = None, None
        finally:
            _job = None

    def result(self):
        try:
            if self._future is not None:
                return self._future.result()
        except Exception:   # noqa: BLE001 - any child failure: the sequential run decides
            pass
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
        job, *args = self._args
        return job(*args)


def _child():
    job, *args = _job
    return job(*args)


def run_shards(model: ProgramModel, ctx, rules: list, accept: Accept, fork: bool) -> list[Outcome]:
    """The rules once per explorer shard, every shard starting from one prelude (the component's
    scenarios, built here once). `fork`: the shards after the first run in children forked once
    the prelude is built, so they inherit it; else one after the other here."""
    from dataclasses import replace

    from interlock.checker.explorer.run import prelude

    pre = prelude(model, replace(ctx, cache={}))
    ctxs = [replace(ctx, cache={"shard": k, "prelude": pre}) for k in range(SHARDS)]
    kids = [Forked(run_rules, model, c, rules, accept) for c in ctxs[1:]] if fork else None
    first = run_rules(model, ctxs[0], rules, accept)
    rest = [k.result() for k in kids] if kids is not None else [run_rules(model, c, rules, accept) for c in ctxs[1:]]
    return [first, *rest]


class Sharded:
    """A component's model-checking rules over its shards. On a large model with cores to spare,
    one child builds the prelude while this process runs the static rules, then forks the other
    shards from itself (the prelude is built once, not once per shard); else they all run here
    when `results()` is asked for. The findings are the same either way."""

    def __init__(self, model: ProgramModel, ctx, rules: list, accept: Accept, fork: bool) -> None:
        self._args = (model, ctx, rules, accept)
        self._child = Forked(run_shards, model, ctx, rules, accept, True) if fork else None

    def results(self) -> list[Outcome]:
        if self._child is not None:
            return self._child.result()
        return run_shards(*self._args, False)
