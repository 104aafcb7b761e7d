"""IL303: `Store._encode` is whatever the caller passed to the constructor (a user's serializer),
called while `_lock` is held; `close` needs that lock, so a slow or re-entrant encoder stalls it."""
import threading


class Store:
    def __init__(self, encoder):
        self._lock = threading.Lock()
        self._rows = []
        self._encode = encoder

    def put(self, value):
        with self._lock:
            self._rows.append(self._encode(value))

    def close(self):
        with self._lock:
            self._rows = []


class ShadowStore:
    """The parameter `bytes` shadows the builtin: the caller's callable, still foreign."""

    def __init__(self, bytes):
        self._lock = threading.Lock()
        self._rows = []
        self._encode = bytes

    def put(self, value):
        with self._lock:
            self._rows.append(self._encode(value))

    def close(self):
        with self._lock:
            self._rows = []
