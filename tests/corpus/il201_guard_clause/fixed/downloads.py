"""Fixed twin: the membership test and the add happen under one `with` block."""
import threading


class DownloadManager:
    def __init__(self, fetch):
        self._lock = threading.Lock()
        self._fetch = fetch
        self._active = set()

    def enqueue(self, track_id):
        with self._lock:
            if track_id in self._active:
                return False
            self._active.add(track_id)
        threading.Thread(target=self._finish, args=(track_id,), daemon=True).start()
        return True

    def _finish(self, track_id):
        self._fetch(track_id)
        with self._lock:
            self._active.discard(track_id)
