"""IL101: the metering thread publishes each new level array by rebinding `levels` (a fresh
array, never changed in place). `loudest()` reads the field twice: `argmax` can come from
one array and the value from the next, naming the wrong channel's level."""
import threading

import numpy as np


class LevelMeter:
    def __init__(self, device, channels):
        self._device = device
        self.levels = np.zeros(channels, dtype=np.float32)
        threading.Thread(target=self._meter, daemon=True).start()

    def _meter(self):
        while True:
            frames = self._device.read(2048)
            self.levels = np.sqrt(np.mean(np.square(frames), axis=0)).astype(np.float32)

    def loudest(self):
        channel = int(np.argmax(self.levels))
        return channel, float(self.levels[channel])
