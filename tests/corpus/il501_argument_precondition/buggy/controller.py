"""IL501 on `PlaybackController.position`: `rewind` checks the position outside the lock, a
concurrent `seek` resets it to 0 in between, and the subtraction takes it below zero. The
argument precondition of `read_and_advance` (n >= 0, from its callers) is no finding."""
import threading


class PlaybackController:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.position = 0

    def read_and_advance(self, advance_by: int) -> int:
        with self._lock:
            pos = self.position
            self.position += advance_by
            return pos

    def rewind(self, by: int) -> None:
        if self.position >= by:
            with self._lock:
                self.position -= by

    def seek(self, position: int, max_samples: int) -> None:
        with self._lock:
            self.position = max(0, min(position, max_samples))
