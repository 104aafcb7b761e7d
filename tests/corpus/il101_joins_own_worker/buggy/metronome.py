"""IL101: the ticker thread clears `_ticker` itself when it ends, with no lock, while
`ticking_off` (the owner's thread) reads it between its `is None` check and `join()`: the thread
can end in between and `ticking_off` calls `None.join()`. Reported once, at the thread's write, with
those reads as the other side (`ticking_off`'s own store after the join runs once the thread ended)."""
import threading
import time


class Metronome:
    def __init__(self, bpm: int) -> None:
        self._lock = threading.Lock()
        self._halt = threading.Event()
        self._period = 60.0 / bpm
        self._beats = 0
        self._ticker = None

    def ticking_on(self) -> bool:
        if self._ticker is not None:
            return False
        self._halt.clear()
        self._ticker = threading.Thread(target=self._run, daemon=True)
        self._ticker.start()
        return True

    def ticking_off(self) -> bool:
        if self._ticker is None:
            return False
        self._halt.set()
        self._ticker.join()
        self._ticker = None
        return True

    def beats(self) -> int:
        with self._lock:
            return self._beats

    def _run(self) -> None:
        while not self._halt.wait(self._period):
            with self._lock:
                self._beats += 1
        self._ticker = None
