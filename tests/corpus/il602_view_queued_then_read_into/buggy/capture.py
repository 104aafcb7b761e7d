"""IL602 on `Capture._pump.chunk`: the pump thread queues a memoryview of its scratch buffer and
then `readinto`s the next block into the same buffer, while the writer thread may still be
saving the previous view: the file gets the next block's bytes."""
import queue
import threading


class Capture:
    def __init__(self, device, sink):
        self._device = device
        self._sink = sink
        self._blocks = queue.Queue(maxsize=8)
        threading.Thread(target=self._pump, daemon=True).start()
        threading.Thread(target=self._write, daemon=True).start()

    def _pump(self):
        chunk = bytearray(4096)
        while True:
            got = self._device.readinto(chunk)
            if not got:
                break
            self._blocks.put(memoryview(chunk)[:got])

    def _write(self):
        while True:
            self._sink.write(self._blocks.get())
