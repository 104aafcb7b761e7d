"""IL102 on `MeterSink._peaks` and IL103 on `MeterSink._frames_seen`: `write` calls the `render`
hook with `Sink._lock` held, but `preview` calls it without the lock, so `render` can append to
the list `drain` is swapping out, and two renders can lose a count."""
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

    def preview(self, frame):
        self.render(frame[:64])

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
