"""The board: its observer callback takes the board lock, and its refresh thread holds that
lock while it asks the hub for the latest values (the hub calls observers after releasing its own
lock, so there is no cycle)."""
import threading
import time

from hub import SensorHub


class Dashboard:
    def __init__(self, hub: SensorHub):
        self._lock = threading.Lock()
        self._hub = hub
        self._shown = {}
        hub.subscribe(self._on_reading)

    def _on_reading(self, sensor, value):
        with self._lock:
            self._shown[sensor] = value

    def refresh(self):
        with self._lock:
            for sensor in list(self._shown):
                self._shown[sensor] = self._hub.latest(sensor)

    def run(self):
        while True:
            time.sleep(0.5)
            self.refresh()


def poll(hub):
    n = 0
    while True:
        time.sleep(0.1)
        n += 1
        hub.publish("boiler", n)


def main():
    hub = SensorHub()
    board = Dashboard(hub)
    threading.Thread(target=board.run, daemon=True).start()
    threading.Thread(target=poll, args=(hub,), daemon=True).start()
