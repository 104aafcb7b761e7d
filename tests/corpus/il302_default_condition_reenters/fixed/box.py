"""Silent: `threading.Condition()` owns an RLock, so `put` calling `_log` (which takes the
condition again) re-enters it; neither the static rules nor the explorer may call it a deadlock."""
import threading


class Box:
    def __init__(self):
        self._cond = threading.Condition()
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
