"""Silent: `_after_fork` is an `os.register_at_fork` hook. It runs in the child right after fork,
where only the forking thread exists, so resetting the cache there without the lock races with
nothing (the parent's lock may be held by a thread the child does not have: hence the reset)."""
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
        with self._lock:
            self._decoders.pop(codec, None)

    def owner_pid(self) -> int:
        return self._pid

    def _open(self, codec: str):
        return {"codec": codec, "pid": self._pid}
