"""IL302 on `Box._cond`: built on a plain `threading.Lock()`, the condition cannot be
re-entered, so `put` calling `_log` (which takes it again) hangs its thread. A `take` waiting
for the value then hangs too; that is the same bug, reported once, by IL302 (the explorer
checks `wait_for`'s predicate before waiting and starts from a used `Box`, whose value is set)."""
import threading


class Box:
    def __init__(self):
        self._cond = threading.Condition(threading.Lock())
        self._value = None

    def put(self, v):
        with self._cond:
            self._value = v
            self._cond.notify_all()
            self._log()

    def _log(self):
        with self._cond:
            return repr(self._value)

    def take(self):
        with self._cond:
            self._cond.wait_for(lambda: self._value is not None)
            v, self._value = self._value, None
            return v
