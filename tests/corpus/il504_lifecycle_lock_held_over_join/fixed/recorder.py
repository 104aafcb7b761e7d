"""A recorder whose start() and stop() are serialised by a lifecycle lock. stop() joins the
capture thread while holding it; the capture thread never takes that lock, so a start() that
waits meanwhile only waits for the stop to finish."""
from __future__ import annotations

import threading


class Recorder:
    def __init__(self, device) -> None:
        self.device = device
        self._lifecycle = threading.Lock()
        self._frames_lock = threading.Lock()
        self._halt = threading.Event()
        self._worker: threading.Thread | None = None
        self.frames: list[bytes] = []

    def start(self) -> None:
        with self._lifecycle:
            if self._worker is not None:
                return
            self._halt.clear()
            self._worker = threading.Thread(target=self._capture, daemon=True)
            self._worker.start()

    def stop(self) -> None:
        with self._lifecycle:
            worker = self._worker
            if worker is None:
                return
            self._halt.set()
            worker.join()
            self._worker = None

    def frames_so_far(self) -> int:
        with self._frames_lock:
            return len(self.frames)

    def _capture(self) -> None:
        while not self._halt.is_set():
            chunk = self.device.read(4096)
            if not chunk:
                self._halt.set()
                return
            with self._frames_lock:
                self.frames.append(chunk)
