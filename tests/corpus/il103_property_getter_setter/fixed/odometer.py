"""A trip odometer: the sensor thread and the dashboard's `correct()` both add to the distance
with `_advance()`, which reads and writes `_km` in one critical section. The property stays for
readers and for resets (a plain store of a new value)."""
import threading


class Odometer:
    def __init__(self, sensor):
        self._sensor = sensor
        self._guard = threading.Lock()
        self._km = 0.0
        self._reader = threading.Thread(target=self._follow, daemon=True)
        self._reader.start()

    @property
    def distance(self) -> float:
        with self._guard:
            return self._km

    @distance.setter
    def distance(self, km: float) -> None:
        with self._guard:
            self._km = km

    def _advance(self, km: float) -> None:
        with self._guard:
            self._km = self._km + km

    def correct(self, offset: float) -> None:
        self._advance(offset)

    def reset(self) -> None:
        self.distance = 0.0

    def _follow(self):
        for step in self._sensor.ticks():
            self._advance(step)
