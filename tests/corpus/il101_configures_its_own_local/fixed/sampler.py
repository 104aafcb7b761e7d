"""Silent: the sampler takes its rate in the constructor, before it starts its thread, and
nothing writes `interval` later."""
import threading
import time


class Sampler:
    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self.count = 0
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            time.sleep(self.interval)


class Station:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._samplers: list[Sampler] = []

    def add_sampler(self, rate: float) -> None:
        s = Sampler(rate)
        with self._lock:
            self._samplers.append(s)
