"""A weather station keeps one tally per sensor; each serial port has its own reader thread."""
import threading


class SensorTally:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.readings = 0

    def add(self) -> None:
        with self._lock:
            self.readings += 1


class Gust:
    def __init__(self) -> None:
        self.hits = 0


class Station:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tallies = {}
        self._gusts: dict[str, Gust] = {}

    def _tally(self, sensor):
        with self._lock:
            return self._tallies.setdefault(sensor, SensorTally())

    def _gust(self, sensor) -> Gust:
        with self._lock:
            if sensor not in self._gusts:
                self._gusts[sensor] = Gust()
            return self._gusts[sensor]

    def ingest(self, sensor: str, speed: float) -> None:
        self._tally(sensor).add()
        if speed > 20.0:
            gust = self._gust(sensor)
            with self._lock:
                gust.hits += 1


station = Station()
for port in ("ttyS0", "ttyS1", "ttyS2"):
    threading.Thread(target=station.ingest, args=("mast", 12.5), name=port).start()
