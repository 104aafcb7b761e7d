"""A shift roster: dispatchers add and drop drivers; the map view lists who is on shift."""
import threading


class Roster:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.drivers = []
        self.zones = {}

    def clock_in(self, driver: str, zone: str) -> None:
        with self._lock:
            self.drivers.append(driver)          # changed in place under the lock
            self.zones[driver] = zone

    def on_shift(self) -> list:
        return self.drivers[-5:]                  # a slice: one copy in one C call

    def zone_of(self, driver: str):
        return self.zones.get(driver)


roster = Roster()
for desk in ("north", "south"):
    threading.Thread(target=roster.clock_in, args=("d-" + desk, desk), name=desk).start()
threading.Thread(target=roster.on_shift, name="map").start()
threading.Thread(target=roster.zone_of, args=("d-north",), name="lookup").start()
