"""IL602 on `Mixer._scratch`: the mixer thread takes the scratch array into a local (`out =
self._scratch`, each turn: the same array), mixes into it in place and puts it on the queue; the next
turn clears and refills that very array while the output thread may still be writing it out."""
import queue
import threading

import numpy as np


class Mixer:
    def __init__(self, voices, frames=512):
        self.voices = voices
        self.blocks = queue.Queue(maxsize=8)
        self._scratch = np.zeros(frames, dtype=np.float32)

    def _mix_loop(self):
        while True:
            out = self._scratch
            out.fill(0.0)
            for v in self.voices:
                np.add(out, v.render(len(out)), out=out)
            self.blocks.put(out)

    def start(self):
        threading.Thread(target=self._mix_loop, daemon=True).start()


class Output:
    def __init__(self, mixer: Mixer, device):
        self.mixer = mixer
        self.device = device

    def _play_loop(self):
        while True:
            block = self.mixer.blocks.get()
            self.device.write(block)

    def start(self):
        threading.Thread(target=self._play_loop, daemon=True).start()
