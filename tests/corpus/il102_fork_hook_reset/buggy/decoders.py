"""IL102 on `DecoderCache._decoders`: `evict` pops the decoder without the lock that `get` holds
(from any thread), so `get` can hand out a decoder that `evict` just dropped. The fork hook
`_after_fork` writes it without the lock too, but it runs in the single-threaded child: silent."""
import os
import threading


class DecoderCache:
    def __init__(self):
        self._lock = threading.Lock()
        self._decoders = {}
        self._pid = os.getpid()
        os.register_at_fork(after_in_child=self._after_fork)

    def _after_fork(self):
        self._lock = threading.Lock()
        self._decoders = {}
        self._pid = os.getpid()

    def get(self, codec: str):
        with self._lock:
            dec = self._decoders.get(codec)
            if dec is None:
                dec = self._decoders[codec] = self._open(codec)
            return dec

    def evict(self, codec: str):
        self._decoders.pop(codec, None)

    def owner_pid(self) -> int:
        return self._pid

    def _open(self, codec: str):
        return {"codec": codec, "pid": self._pid}
