"""Fixed twin: `advance` checks the bound and moves the index in one critical section."""
import threading


class QueueManager:
    def __init__(self, tracks):
        self._lock = threading.Lock()
        self.tracks = list(tracks)
        self.current_index = 0

    def advance(self):
        with self._lock:
            if self.current_index + 1 >= len(self.tracks):
                return None
            self.current_index += 1
            return self.tracks[self.current_index]

    def remove(self, index: int) -> bool:
        with self._lock:
            if index < 0 or index >= len(self.tracks):
                return False
            del self.tracks[index]
            if index < self.current_index:
                self.current_index -= 1
            elif self.current_index >= len(self.tracks) and self.current_index > 0:
                self.current_index = len(self.tracks) - 1
            return True
