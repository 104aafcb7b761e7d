"""IL304 on `PlaylistExporter._export_lock`: `export` writes the playlist file while holding
the lock, and `progress` (a quick getter polled by the api) takes the same lock, so every
progress poll waits for the whole file write."""
import threading
from concurrent.futures import ThreadPoolExecutor


class PlaylistExporter:
    def __init__(self, folder):
        self._folder = folder
        self._export_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._done = 0

    def export_async(self, name, tracks):
        return self._pool.submit(self.export, name, tracks)

    def export(self, name, tracks):
        with self._export_lock:
            with open(f"{self._folder}/{name}.m3u", "w") as out:
                for track in tracks:
                    out.write(track + "\n")
            self._done = len(tracks)

    def progress(self):
        with self._export_lock:
            return self._done
