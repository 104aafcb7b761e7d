"""Fixed twin: the read and the write of `leases` are one critical section."""
import threading


class DecoderPool:
    def __init__(self, factory, size=4):
        self._lock = threading.Lock()
        self.factory = factory
        self.size = size
        self.leases = 0

    def lease(self):
        decoder = self.factory()
        with self._lock:
            count = self.leases
            self.leases = count + 1
        return decoder

    def release(self, decoder):
        decoder.close()
        with self._lock:
            self.leases -= 1

    def busy(self):
        with self._lock:
            return self.leases >= self.size
