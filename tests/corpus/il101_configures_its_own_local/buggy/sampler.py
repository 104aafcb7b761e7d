"""IL101: `Sampler` starts its own thread on `self._sample` in the constructor, so a fresh
sampler is not its builder's alone: `Station.add_sampler`'s `s._tune(rate)` writes `interval`
while the sampling thread may already be reading it."""
import threading
import time


class Sampler:
    def __init__(self) -> None:
        self.interval = 1.0
        self.count = 0
        threading.Thread(target=self._sample, daemon=True).start()

    def _tune(self, rate: float) -> None:
        self.interval = 1.0 / rate

    def _sample(self) -> None:
        while True:
            time.sleep(self.interval)


class Station:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._samplers: list[Sampler] = []

    def add_sampler(self, rate: float) -> None:
        s = Sampler()
        s._tune(rate)
        with self._lock:
            self._samplers.append(s)
