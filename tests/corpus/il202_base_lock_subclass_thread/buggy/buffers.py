"""A sample buffer guarded by its base class's lock, and a subclass that adds a flusher thread.
The subclass's thread sends the samples without the base's lock while `write` appends to
them under it."""
import threading
import time


class SampleBuffer:
    def __init__(self):
        self._lock = threading.Lock()
        self._samples = []

    def write(self, block):
        with self._lock:
            self._samples.extend(block)

    def drain(self):
        with self._lock:
            out = list(self._samples)
            self._samples.clear()
        return out


class FlushingBuffer(SampleBuffer):
    def __init__(self, sink, period=0.5):
        super().__init__()
        self.sink = sink
        self.period = period
        threading.Thread(target=self._flusher, daemon=True).start()

    def _flusher(self):
        while True:
            time.sleep(self.period)
            for sample in self._samples:
                self.sink.send(sample)
            with self._lock:
                self._samples.clear()
