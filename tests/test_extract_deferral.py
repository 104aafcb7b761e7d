"""Deferral scopes: the flags a @contextmanager sets before its yield, and the context managers
in scope that events run inside."""
from __future__ import annotations

from textwrap import dedent

from interlock.extractor import extract

SOURCE = '''
import threading
from contextlib import contextmanager


class Relay:
    def __init__(self):
        self._local = threading.local()
        self.muted = False
        self.after = False

    @contextmanager
    def muting(self):
        if not getattr(self._local, "on", False):
            self._local.on = True
        self.muted = True
        try:
            yield
        finally:
            self._local.on = False
            self.after = True

    @contextmanager
    def plain(self):
        yield
        self.after = True

    def closing(self):
        self.after = True


def use(relay: Relay, path):
    with relay.muting(), open(path) as fh:
        fh.read()
    with relay.plain():
        relay.closing()
    relay.closing()
'''


def _model(tmp_path):
    (tmp_path / "relay.py").write_text(dedent(SOURCE))
    return extract(tmp_path, use_cache=False)


def test_flags_set_before_the_yield_only(tmp_path):
    fns = _model(tmp_path).functions
    assert fns["relay.Relay.muting"].defers == ("self._local.on", "self.muted")
    assert fns["relay.Relay.plain"].defers == ()
    assert fns["relay.Relay.closing"].defers == ()


def test_events_keep_the_context_managers_in_scope_around_them(tmp_path):
    use = _model(tmp_path).functions["relay.use"]
    scopes = {(ev.callee, ev.scopes) for ev in use.events() if ev.callee in ("fh.read", "relay.closing")}
    assert scopes == {("fh.read", ("relay.Relay.muting",)), ("relay.closing", ("relay.Relay.plain",)),
                      ("relay.closing", ())}
