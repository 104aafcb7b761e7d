"""IL302: skip holds QueueManager._lock and calls set_index, which acquires the same
non-reentrant lock: the caller hangs forever."""
import threading


class QueueManager:
    def __init__(self):
        self._lock = threading.Lock()
        self.tracks = []
        self.current_index = -1

    def set_index(self, index):
        with self._lock:
            self._set_index_locked(index)

    def _set_index_locked(self, index):
        if 0 <= index < len(self.tracks):
            self.current_index = index

    def skip(self):
        with self._lock:
            self.set_index(self.current_index + 1)

    def add(self, track):
        with self._lock:
            self.tracks.append(track)
