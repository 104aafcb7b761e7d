"""Fixed: the motor sends under the shared bus lock and waits for the settle time after
releasing it."""
import threading
import time


class Motor:
    def __init__(self, bus, guard: threading.Lock):
        self._bus = bus
        self._guard = guard
        self.position = 0

    def step(self, n: int) -> None:
        with self._guard:
            self._bus.send(0x10, n)
            self.position += n
        time.sleep(0.05)


class Sensor:
    def __init__(self, bus, guard: threading.Lock):
        self._bus = bus
        self._guard = guard

    def sample(self) -> int:
        with self._guard:
            return self._bus.read(0x20)


def run(bus) -> None:
    bus_lock = threading.Lock()
    motor = Motor(bus, bus_lock)
    sensor = Sensor(bus, guard=bus_lock)
    threading.Thread(target=motor.step, args=(100,)).start()
    threading.Thread(target=sensor.sample).start()
