"""A trip odometer: the sensor thread adds each wheel tick's distance through the `distance`
property, and the dashboard's `correct()` adds a calibration offset the same way. The getter
and the setter each take the lock, but `self.distance = self.distance + d` reads in one critical
section and writes in another: a tick landing in between overwrites the correction."""
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

    def correct(self, offset: float) -> None:
        self.distance = self.distance + offset

    def _follow(self):
        for step in self._sensor.ticks():
            self.distance = self.distance + step
