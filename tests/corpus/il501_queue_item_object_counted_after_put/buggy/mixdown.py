"""A renderer thread hands Block objects to a writer thread over a bounded queue.

Bug: the renderer puts a block before it counts it, so the writer may count it first."""
import queue
import threading


class Block:
    def __init__(self, samples: int, pcm: bytes):
        self.samples = samples
        self.pcm = pcm


class Mixdown:
    def __init__(self, source, out):
        self._source = source
        self._out = out
        self._lock = threading.Lock()
        self.rendered = 0
        self.written = 0
        self._blocks = queue.Queue(maxsize=8)

    def start(self) -> None:
        threading.Thread(target=self._render, daemon=True).start()
        threading.Thread(target=self._write, daemon=True).start()

    def _render(self) -> None:
        for samples, pcm in self._source:
            if samples <= 0:
                continue
            self._blocks.put(Block(samples, pcm))
            with self._lock:
                self.rendered += samples
        self._blocks.put(None)

    def _write(self) -> None:
        while True:
            block = self._blocks.get()
            if block is None:
                return
            self._out.write(block.pcm)
            with self._lock:
                self.written += block.samples
