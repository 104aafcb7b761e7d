"""Silent: `ticking_on` starts the metronome's own thread and `ticking_off` waits for it to end;
both are how the owner drives the object, one call after the other, so they never overlap on
`_ticker`. The thread never touches `_ticker`, and the beat count is under the lock."""
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
