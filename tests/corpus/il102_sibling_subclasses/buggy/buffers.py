"""IL102 on `SampleBuffer._frames`: `frames` reads the count without the lock that `append` and
`drain` hold. The methods run for two subclasses with a lock each; accesses of a `FloatBuffer`
and of a `PcmBuffer` never meet (two objects), only those of one object race."""
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
        return self._frames

    def _convert(self, block):
        return block


class FloatBuffer(SampleBuffer):
    def _convert(self, block):
        return [float(x) for x in block]


class PcmBuffer(SampleBuffer):
    def _convert(self, block):
        return [int(x * 32767) for x in block]
