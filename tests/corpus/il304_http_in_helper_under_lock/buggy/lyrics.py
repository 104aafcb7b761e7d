"""IL304: the poll thread calls _download (requests.get) while holding LyricsFetcher._lock,
so get() from the api blocks for the whole HTTP round trip."""
import threading
import time

import requests


class LyricsFetcher:
    def __init__(self):
        self._lock = threading.Lock()
        self.lyrics = {}
        threading.Thread(target=self._poll, daemon=True).start()

    def get(self, track_id):
        with self._lock:
            return self.lyrics.get(track_id)

    def _download(self, track_id):
        response = requests.get(f"https://lyrics.example/{track_id}", timeout=10)
        return response.text

    def _poll(self):
        while True:
            with self._lock:
                self.lyrics['current'] = self._download('current')

            time.sleep(30)
