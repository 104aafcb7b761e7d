"""IL304 on one lock handed to two classes: `Motor` and `Sensor` share the I2C bus and the lock
that serialises it (`bus_lock` is one object, stored as `self._guard` in both). `Motor.step`
sleeps for the settle time while holding it, so the sensor thread waits for every step."""
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
            time.sleep(0.05)              # settle time, with the bus lock held
            self.position += n


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
