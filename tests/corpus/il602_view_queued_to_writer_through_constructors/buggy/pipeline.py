"""IL602: `pipeline()` builds one queue and hands it to the constructors of a `Limiter` and a
`Spooler` (no annotations: the queue is known from what every construction passes). The limiter
clips each block into one reused work array and queues a view of it (`self._work[:n]`); the
spooler's thread writes the block out later, by which time the limiter may have clipped the
next block into the same memory."""
import queue
import threading

import numpy as np

BLOCK = 2048


class Limiter:
    def __init__(self, source, outbox, ceiling=0.9):
        self._source = source
        self._pending = outbox
        self._ceiling = ceiling
        self._work = np.zeros(BLOCK, dtype=np.float32)

    def run(self):
        for samples in self._source:
            n = min(len(samples), BLOCK)
            np.clip(samples[:n], -self._ceiling, self._ceiling, out=self._work[:n])
            self._pending.put(self._work[:n])
        self._pending.put(None)


class Spooler:
    def __init__(self, pending, path):
        self._pending = pending
        self._path = path

    def run(self):
        with open(self._path, "wb") as out:
            while True:
                block = self._pending.get()
                if block is None:
                    break
                out.write(block.tobytes())


def pipeline(source, path):
    handoff = queue.Queue(maxsize=4)
    limiter = Limiter(source, handoff)
    spooler = Spooler(handoff, path)
    workers = [threading.Thread(target=limiter.run), threading.Thread(target=spooler.run)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
