"""A buffered writer and its thread-safe subclass: `write` takes the lock and runs the base
`write` through `super()`; the base calls `self._flush_if_full()`, which is the subclass's
override, and that takes the same non-reentrant lock again."""
import threading


class Writer:
    def __init__(self, sink, limit=64):
        self.sink = sink
        self.limit = limit
        self.items = []

    def write(self, item):
        self.items.append(item)
        self._flush_if_full()

    def _flush_if_full(self):
        if len(self.items) >= self.limit:
            self.sink.send(self.items)
            self.items = []


class LockedWriter(Writer):
    def __init__(self, sink, limit=64):
        super().__init__(sink, limit)
        self._lock = threading.Lock()

    def write(self, item):
        with self._lock:
            super().write(item)

    def _flush_if_full(self):
        with self._lock:
            super()._flush_if_full()
