"""IL201 on `DownloadManager._active`: `enqueue` returns early when the track is already
active (checked without the lock) and adds it under the lock later; two requests for the same
track both pass the check and download it twice. `_finish` (worker thread) removes entries."""
import threading


class DownloadManager:
    def __init__(self, fetch):
        self._lock = threading.Lock()
        self._fetch = fetch
        self._active = set()

    def enqueue(self, track_id):
        if track_id in self._active:
            return False
        with self._lock:
            self._active.add(track_id)
        threading.Thread(target=self._finish, args=(track_id,), daemon=True).start()
        return True

    def _finish(self, track_id):
        self._fetch(track_id)
        with self._lock:
            self._active.discard(track_id)
