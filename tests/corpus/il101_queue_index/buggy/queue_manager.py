"""IL101 on `QueueManager.current_index`: `_advance_loop` runs on the playback thread and
writes it with no lock; `current_track` (any api thread) reads it. No lock guards it anywhere."""
import threading
import time


class QueueManager:
    def __init__(self, tracks):
        self._lock = threading.Lock()
        self.tracks = list(tracks)
        self.current_index = 0
        self._history = []
        self._thread = threading.Thread(target=self._advance_loop, daemon=True)

    def start(self):
        self._thread.start()

    def _advance_loop(self):
        for i in range(len(self.tracks)):
            self.current_index = i
            with self._lock:
                self._history.append(i)
            time.sleep(1.0)

    def current_track(self):
        return self.tracks[self.current_index]

    def history(self):
        with self._lock:
            return list(self._history)
