"""Silent: `Recorder.record` takes the lock and calls the `store` hook; `RollingRecorder.store`
extends it with an unbound `Recorder.store(self, s)` call, on the same (rolling) object. Both
classes are used on their own, and a plain `Recorder` is never a `RollingRecorder`, so the
accesses of the two classes' public callers never meet."""
import threading


class Recorder:
    def __init__(self):
        self._lock = threading.Lock()
        self._samples = []
        self.last = None

    def record(self, sample):
        with self._lock:
            self.store(sample)

    def store(self, sample):
        self._samples.append(sample)
        self.last = sample

    def snapshot(self):
        with self._lock:
            return list(self._samples)


class RollingRecorder(Recorder):
    def __init__(self, size):
        super().__init__()
        self._size = size

    def store(self, sample):
        Recorder.store(self, sample)
        if len(self._samples) > self._size:
            del self._samples[0]
