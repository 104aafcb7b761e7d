"""IL501 on `QueueManager.current_index`/`tracks`: `advance` checks the bound before taking
the lock; `remove` (api) shrinks the queue in between and the index runs past the end."""
import threading


class QueueManager:
    def __init__(self, tracks):
        self._lock = threading.Lock()
        self.tracks = list(tracks)
        self.current_index = 0

    def advance(self):
        count = len(self.tracks)
        if self.current_index + 1 >= count:
            return None
        with self._lock:
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
