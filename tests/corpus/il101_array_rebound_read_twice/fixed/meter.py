"""Fixed: `loudest()` reads the published array once; the copy it holds is never changed, so
the index and the value come from the same snapshot (old or new, each whole)."""
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
        levels = self.levels
        channel = int(np.argmax(levels))
        return channel, float(levels[channel])
