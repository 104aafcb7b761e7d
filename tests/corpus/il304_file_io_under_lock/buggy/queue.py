"""IL304: save writes the queue file while holding PlayQueue._lock; add() from the api waits
for the whole disk write (seconds on a slow disk or network share)."""
import json
import threading


class PlayQueue:
    def __init__(self, path):
        self._lock = threading.Lock()
        self.path = path
        self.tracks = []
        threading.Thread(target=self._autosave_loop, daemon=True).start()

    def add(self, track):
        with self._lock:
            self.tracks.append(track)

    def _autosave_loop(self):
        while True:
            self.save()

    def save(self):
        with self._lock:
            with open(self.path, "w") as fh:
                json.dump(self.tracks, fh)

