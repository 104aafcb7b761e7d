"""Silent: the gain is set once in `setup()`, before the thread starts. Under a spec that declares
its contexts the world is closed (declared contexts, handlers, what they start): no declared
context, route or job calls `set_gain`, so `Meter`'s public methods are not a context of their
own (without the spec, `public:Meter` would race `set_gain` with `_loop`)."""
import threading


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


def setup(gain: float):
    METER.set_gain(gain)
    METER.start()
