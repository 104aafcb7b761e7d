"""A sensor hub that keeps the latest reading per sensor and tells its observers about each new
one. `publish` copies the observer list under `SensorHub._lock` and calls them after releasing
it, so an observer that takes its own lock builds no cycle with the hub's lock."""
import threading


class SensorHub:
    def __init__(self):
        self._lock = threading.Lock()
        self._readings = {}
        self._observers = []

    def subscribe(self, observer):
        with self._lock:
            self._observers.append(observer)

    def publish(self, sensor, value):
        with self._lock:
            self._readings[sensor] = value
            observers = list(self._observers)
        for observer in observers:
            observer(sensor, value)

    def latest(self, sensor):
        with self._lock:
            return self._readings.get(sensor)
