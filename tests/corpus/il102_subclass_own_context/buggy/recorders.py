"""IL102 on `Recorder._samples`: `RollingRecorder.keep_last` trims the samples without the lock
that `record` holds while the `store` hook appends, on the same rolling recorder."""
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

    def keep_last(self, count):
        del self._samples[:-count]
