"""A stream whose optional limiter is built only when the config asks for one."""
import threading


class Limiter:
    def __init__(self, ceiling: float) -> None:
        self._lock = threading.Lock()
        self.ceiling = ceiling

    def apply(self, sample: float) -> float:
        with self._lock:
            return min(sample, self.ceiling)


class Stream:
    def __init__(self, limit: bool, ceiling: float) -> None:
        self._lock = threading.Lock()
        self.limiter = Limiter(ceiling) if limit else None
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        while True:
            if self.limiter is not None:
                self.limiter.apply(0.5)

    def set_ceiling(self, ceiling: float) -> None:
        with self._lock:                          # the stream's lock, not the limiter's
            if self.limiter is not None:
                self.limiter.ceiling = ceiling
