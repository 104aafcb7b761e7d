"""Silent: `Store._encode` is Python's own `memoryview` or `zlib.compress` (picked by the
constructor, never handed in), so calling it under `_lock` runs no code of anyone else's; a
parameter that shadows a builtin name would still be foreign."""
import threading
import zlib


class Store:
    def __init__(self, compress=False):
        self._lock = threading.Lock()
        self._rows = []
        self._encode = memoryview
        if compress:
            self._encode = zlib.compress

    def put(self, value):
        with self._lock:
            self._rows.append(self._encode(value))

    def close(self):
        with self._lock:
            self._rows = []
