"""IL103 on `DecoderPool.leases`: `lease` reads the count in one critical section and writes
`count + 1` back in another; a concurrent `lease` or `release` in between is lost."""
import threading


class DecoderPool:
    def __init__(self, factory, size=4):
        self._lock = threading.Lock()
        self.factory = factory
        self.size = size
        self.leases = 0

    def lease(self):
        with self._lock:
            count = self.leases
        decoder = self.factory()
        with self._lock:
            self.leases = count + 1
        return decoder

    def release(self, decoder):
        decoder.close()
        with self._lock:
            self.leases -= 1

    def busy(self):
        with self._lock:
            return self.leases >= self.size
