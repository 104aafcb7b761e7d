"""A mixer: the control thread edits the settings, the render thread reads them once per block.
Edits change the one Settings object in place, so a block can mix an old gain with a new pan."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass
class Settings:
    gain: float = 1.0
    pan: float = 0.0
    muted: bool = False


class Mixer:
    def __init__(self) -> None:
        self._edit = threading.Lock()         # editors only; the render thread never waits
        self.settings = Settings()
        self.rendered = 0

    def set_gain(self, gain: float) -> None:
        with self._edit:
            self.settings.gain = gain

    def set_pan(self, pan: float) -> None:
        with self._edit:
            self.settings.pan = pan

    def render(self, block: list[float]) -> list[float]:
        s = self.settings
        if s.muted:
            return [0.0] * len(block)
        left = (1.0 - s.pan) * s.gain
        return [x * left for x in block]


def control(mixer: Mixer) -> None:
    for i in range(100):
        mixer.set_gain(i / 100)
        mixer.set_pan((i % 10) / 10)
        time.sleep(0.01)


def render_loop(mixer: Mixer) -> None:
    for _ in range(100):
        mixer.render([0.5] * 256)


def main() -> None:
    mixer = Mixer()
    threads = [threading.Thread(target=control, args=(mixer,)), threading.Thread(target=render_loop, args=(mixer,))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
