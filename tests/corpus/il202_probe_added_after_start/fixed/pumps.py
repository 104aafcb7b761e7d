"""Silent: every probe is added from `main` before `start()` runs the poller thread, so those
writes happen before the thread exists; no other code calls `add_probe`, so no open-world caller
is assumed for it."""
import threading
import time


class PumpStation:
    def __init__(self):
        self._lock = threading.Lock()
        self._probes = {}
        self.level = 0.0
        self._halt = threading.Event()

    def add_probe(self, name, probe):
        self._probes[name] = probe

    def _poll(self):
        while not self._halt.is_set():
            for name, probe in self._probes.items():
                reading = probe()
                with self._lock:
                    self.level = max(self.level, reading)
            time.sleep(0.5)

    def start(self):
        threading.Thread(target=self._poll, name="poller", daemon=True).start()

    def current_level(self):
        with self._lock:
            return self.level


def main():
    station = PumpStation()
    station.add_probe("north", lambda: 1.5)
    station.add_probe("south", lambda: 2.5)
    station.start()
    time.sleep(2)
    print(station.current_level())


if __name__ == "__main__":
    main()
