# One worker thread owns the counters; producers hand chunks over a queue. `np.tanh(chunk * gain)`
# has as many samples as `chunk`, and appending `out` to the output list leaves `out` alone, so
# `samples_in == samples_out` holds after every critical section.
import queue
import threading

import numpy as np


class ChunkPipeline:
    def __init__(self, gain: float = 0.5):
        self.gain = gain
        self.samples_in = 0
        self.samples_out = 0
        self.output: list = []
        self._inbox: "queue.Queue" = queue.Queue(maxsize=16)
        self._lock = threading.Lock()
        self._worker = threading.Thread(target=self._run, daemon=True)
        self._worker.start()

    def feed(self, chunk: np.ndarray) -> None:
        self._inbox.put(chunk.copy())

    def _run(self) -> None:
        while True:
            chunk = self._inbox.get()
            if chunk is None:
                break
            out = np.clip(np.tanh(chunk * self.gain), -1.0, 1.0)
            with self._lock:
                self.samples_in += len(chunk)
                self.output.append(out)
                self.samples_out += len(out)

    def counts(self) -> tuple:
        with self._lock:
            return self.samples_in, self.samples_out

    def drain(self) -> list:
        with self._lock:
            out, self.output = self.output, []
            return out

    def close(self) -> None:
        self._inbox.put(None)
        self._worker.join()
