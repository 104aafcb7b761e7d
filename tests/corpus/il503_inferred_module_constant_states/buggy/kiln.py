"""IL503 on `Kiln.mode`, with no spec: the states are module-level string constants, which the
extractor infers as a state machine. `hold` tests HEATING without the lock and switches to
HOLDING under it; a safety `trip` in between is overwritten (OFF -> HOLDING), a final state no
serial order of `hold` and `trip` reaches. One finding, IL503, not a second IL201 on the pair."""
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
        if self.mode == HEATING:
            with self._guard:
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
