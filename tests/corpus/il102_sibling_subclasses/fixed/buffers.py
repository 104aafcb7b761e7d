"""Silent: `SampleBuffer` methods run for two subclasses, each with its own lock built in
`__init__`. `append` and `drain` hold `self._lock` every time; a `FloatBuffer` and a `PcmBuffer`
are never the same object, so their locks need not be the same either."""
import threading


class SampleBuffer:
    def __init__(self):
        self._lock = threading.Lock()
        self._blocks = []
        self._frames = 0

    def append(self, block):
        with self._lock:
            self._blocks.append(self._convert(block))
            self._frames += len(block)

    def drain(self):
        with self._lock:
            blocks, self._blocks = self._blocks, []
            self._frames = 0
        return blocks

    def frames(self):
        with self._lock:
            return self._frames

    def _convert(self, block):
        return block


class FloatBuffer(SampleBuffer):
    def _convert(self, block):
        return [float(x) for x in block]


class PcmBuffer(SampleBuffer):
    def _convert(self, block):
        return [int(x * 32767) for x in block]
