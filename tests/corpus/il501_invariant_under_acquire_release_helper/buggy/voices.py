"""A synth's voice pool: every change of the voice counts runs inside `with self._exclusive():`,
a `@contextmanager` helper that takes `self._mutex` with `acquire()` and gives it back in a
`finally:` around its `yield`.

Bug: `free` takes the voice off `playing` in one such section and hands it back to `idle` in a
second one: between the two the mutex is free and the meter thread sees a voice missing."""
import threading
from contextlib import contextmanager


class VoicePool:
    def __init__(self, polyphony: int) -> None:
        self._mutex = threading.Lock()
        self.polyphony = polyphony
        self.idle = polyphony
        self.playing = 0

    @contextmanager
    def _exclusive(self):
        self._mutex.acquire()
        try:
            yield
        finally:
            self._mutex.release()

    def claim(self) -> bool:
        with self._exclusive():
            if self.idle <= 0:
                return False
            self.idle -= 1
            self.playing += 1
        return True

    def free(self) -> None:
        with self._exclusive():
            if self.playing <= 0:
                return
            self.playing -= 1
        with self._exclusive():
            self.idle += 1

    def usage(self) -> float:
        with self._exclusive():
            return self.playing / max(self.idle + self.playing, 1)
