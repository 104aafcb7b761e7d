"""Silent: `Sink.write` takes the sink's lock and then calls the `render` hook, and nothing else
in the hierarchy calls `render`, so `MeterSink.render` runs with `Sink._lock` held ("the caller
holds the lock"), like `drain` that takes it itself."""
import threading


class Sink:
    def __init__(self):
        self._lock = threading.RLock()

    def acquire(self):
        self._lock.acquire()

    def release(self):
        self._lock.release()

    def write(self, frame):
        self.acquire()
        try:
            self.render(frame)
        finally:
            self.release()

    def render(self, frame):
        raise NotImplementedError


class MeterSink(Sink):
    def __init__(self):
        super().__init__()
        self._peaks = []
        self._frames_seen = 0

    def render(self, frame):
        self._peaks.append(max(frame, default=0))
        self._frames_seen += 1

    def drain(self):
        with self._lock:
            peaks, self._peaks = self._peaks, []
        return peaks
