"""IL302: put holds the Condition built on FrameBuffer._lock and calls size(), which acquires
_lock again: a Lock-backed Condition is not reentrant."""
import threading


class FrameBuffer:
    def __init__(self, capacity):
        self._lock = threading.Lock()
        self._not_full = threading.Condition(self._lock)
        self.frames = []
        self.capacity = capacity

    def size(self):
        with self._lock:
            return len(self.frames)

    def _size_locked(self):
        return len(self.frames)

    def put(self, frame):
        with self._not_full:
            while self.size() >= self.capacity:
                self._not_full.wait()
            self.frames.append(frame)

    def take(self):
        with self._lock:
            frame = self.frames.pop(0)
            self._not_full.notify()
            return frame
