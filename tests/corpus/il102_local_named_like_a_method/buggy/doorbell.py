"""A doorbell whose ring handler is a property. The poller thread copies the handler into a
local under `_hook_lock` and calls the local after releasing it; the local shares the getter's
name, but calling it runs the handler, not the getter. Every internal read of the property
holds the lock but the one in `_chime`, which the poller runs without it."""
import threading
import time


class Doorbell:
    def __init__(self) -> None:
        self._hook_lock = threading.Lock()
        self._on_ring = None
        self._poller = threading.Thread(target=self._poll, daemon=True)

    def start(self) -> None:
        self._poller.start()

    @property
    def on_ring(self):
        return self._on_ring

    @on_ring.setter
    def on_ring(self, handler) -> None:
        with self._hook_lock:
            self._on_ring = handler

    def _poll(self) -> None:
        while True:
            time.sleep(0.05)
            with self._hook_lock:
                on_ring = self.on_ring
            if on_ring is not None:
                on_ring(self)
            self._chime()

    def _chime(self) -> None:
        if self.on_ring is None:
            print("ding")
