"""Fixed: the visitor gets a snapshot taken under the lock and runs after releasing it."""
import threading


class SettingsStore:
    def __init__(self):
        self._lock = threading.Lock()
        self._values = {}
        self._saver = threading.Thread(target=self._autosave, daemon=True)
        self._saver.start()

    def set(self, key, value):
        with self._lock:
            self._values[key] = value

    def visit(self, visitor):
        with self._lock:
            snapshot = dict(self._values)
        visitor(snapshot)


    def _autosave(self):
        with self._lock:
            snapshot = dict(self._values)
        return snapshot
