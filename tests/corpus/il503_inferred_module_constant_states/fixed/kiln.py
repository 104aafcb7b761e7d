"""Fixed: `hold` tests and switches the mode in one critical section."""
import threading

OFF = "off"
HEATING = "heating"
HOLDING = "holding"


class Kiln:
    def __init__(self):
        self._guard = threading.Lock()
        self.mode = OFF
        self.setpoint = 0

    def ramp(self, setpoint):
        with self._guard:
            self.mode = HEATING
            self.setpoint = setpoint

    def hold(self):
        with self._guard:
            if self.mode == HEATING:
                self.mode = HOLDING

    def trip(self):
        with self._guard:
            self.mode = OFF
            self.setpoint = 0


def safety_loop(kiln, sensor):
    while True:
        if sensor.overheated():
            kiln.trip()


def start(kiln, sensor):
    threading.Thread(target=safety_loop, args=(kiln, sensor), daemon=True).start()
