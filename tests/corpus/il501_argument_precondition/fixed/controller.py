"""Fixed twin of IL501 with an argument precondition (Auralis `read_and_advance_position`):
`read_and_advance(n)` goes below zero only when called with n < 0, which no caller does. The
explorer must take that as the method's precondition on its argument (true for every position
the invariant allows), not as a condition on the position a concurrent `seek` can reset."""
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
        with self._lock:
            if self.position >= by:
                self.position -= by

    def seek(self, position: int, max_samples: int) -> None:
        with self._lock:
            self.position = max(0, min(position, max_samples))
