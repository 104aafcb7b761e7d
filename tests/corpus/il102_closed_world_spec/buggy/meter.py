"""IL102 on `Meter.gain`: the spec declares the metering thread and the level readers; the
`POST /gain` route (a handler: part of the closed world) writes `gain` from request threads while
`_loop` reads it under `_lock`, which `set_gain` does not take."""
import threading

from fastapi import FastAPI

app = FastAPI()


class Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self.level = 0.0
        self.gain = 1.0

    def start(self):
        threading.Thread(target=self._loop, daemon=True).start()

    def set_gain(self, gain):
        self.gain = gain

    def read(self):
        with self._lock:
            return self.level

    def _loop(self):
        while True:
            with self._lock:
                self.level = self.level * 0.9 + self.gain


METER = Meter()


@app.post("/gain")
def post_gain(value: float):
    METER.set_gain(value)
