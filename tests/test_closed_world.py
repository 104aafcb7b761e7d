"""Which contexts a component runs with: closed world under a spec that declares contexts, open
world (every inferred context, public methods included) without one."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from interlock.checker import Component, contexts_for
from interlock.extractor import extract
from interlock.models.program import ProgramModel
from interlock.models.spec import load_spec

ENGINE = '''
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi import FastAPI

app = FastAPI()


class Engine:
    def __init__(self, loop):
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(2)
        self._loop_ref = loop
        self.jobs = 0

    def start(self):
        threading.Thread(target=self._run).start()

    def stats(self):
        with self._lock:
            return self.jobs

    def _run(self):
        self._pool.submit(self._job)
        self._loop_ref.call_soon_threadsafe(self._wake)

    def _job(self):
        with self._lock:
            self.jobs += 1

    def _wake(self):
        pass


class Orphan:
    def __init__(self):
        self._lock = threading.Lock()

    def kick(self):
        threading.Thread(target=self._spin).start()

    def _spin(self):
        pass


ENGINE = Engine(asyncio.new_event_loop())


@app.get("/stats")
def get_stats():
    return ENGINE.stats()
'''

SPEC = '''
[component]
name = "engine"
paths = ["engine.py"]
{contexts}
'''
OWNER = '''
[[context]]
name = "owner"
calls = ["Engine.start"]
'''


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("world")
    (root / "engine.py").write_text(dedent(ENGINE).lstrip())
    return root


@pytest.fixture(scope="module")
def model(root) -> ProgramModel:
    return extract(root, use_cache=False)


def names(model: ProgramModel, root: Path, contexts: str | None) -> set[str]:
    spec = None
    if contexts is not None:
        path = root / f"spec{len(contexts)}.toml"
        path.write_text(SPEC.format(contexts=contexts))
        spec = load_spec(path)
    comp = Component("engine", None, ("engine.py",), spec)
    return {c.name for c in contexts_for(model, comp)}


def test_declared_contexts_close_the_world(model, root):
    """The declared context, what it starts (thread, its executor job, the loop callback it
    registers), the routes; no public:<Class> and no thread only undeclared code starts."""
    assert names(model, root, OWNER) == {
        "owner", "thread:Engine._run", "executor:Engine._job", "callback:Engine._wake", "http:GET /stats"}


def test_without_a_spec_the_world_is_open(model, root):
    got = names(model, root, None)
    assert {"public:Engine", "public:Orphan", "thread:Orphan._spin", "thread:Engine._run"} <= got


def test_a_spec_without_contexts_keeps_the_inferred_ones(model, root):
    assert names(model, root, "") == names(model, root, None)


def test_a_declared_entry_replaces_the_inferred_context_that_runs_it(model, root):
    declared = '[[context]]\nname = "runner"\ncalls = ["Engine._run"]\n'
    assert names(model, root, declared) == {"runner", "executor:Engine._job", "callback:Engine._wake",
                                            "http:GET /stats"}


def test_what_the_component_starts_when_imported_is_in_the_world(tmp_path):
    (tmp_path / "meter.py").write_text(dedent('''
        import threading


        class Meter:
            def __init__(self):
                self._lock = threading.Lock()

            def start(self):
                threading.Thread(target=self._poll, daemon=True).start()

            def read(self):
                pass

            def _poll(self):
                pass


        METER = Meter()
        METER.start()
        '''))
    (tmp_path / "spec.toml").write_text('[component]\nname = "m"\npaths = ["."]\n'
                                        '[[context]]\nname = "readers"\ncalls = ["Meter.read"]\n')
    model = extract(tmp_path, use_cache=False)
    comp = Component("m", None, (".",), load_spec(tmp_path / "spec.toml"))
    assert {c.name for c in contexts_for(model, comp)} == {"readers", "thread:Meter._poll"}


def test_the_explorer_runs_a_declared_context_beside_the_jobs_it_submits():
    """Under a spec the explorer pairs the whole closed world, not only the declared contexts:
    `viewer` waits under `_lock` for the job it submitted, which needs `_lock`: IL504 (the
    static IL304 defers to it)."""
    src = '''
        import threading
        from concurrent.futures import ThreadPoolExecutor


        class Previews:
            def __init__(self):
                self._lock = threading.Lock()
                self._pool = ThreadPoolExecutor(max_workers=2)
                self._made = {}

            def _make(self, name):
                with self._lock:
                    self._made[name] = name.upper()

            def preview(self, name):
                with self._lock:
                    if name not in self._made:
                        self._pool.submit(self._make, name).result()
                    return self._made[name]
        '''
    spec = '[component]\nname = "p"\npaths = ["."]\n[[context]]\nname = "viewer"\ncalls = ["Previews.preview"]\n'
    from helpers import codes_of
    assert codes_of(src, spec) == {"IL504"}
