"""Silent: `_export_lock` serialises whole `export` runs (two exports must not interleave
their writes to the playlist folder); `export` is the only code that takes it, so blocking on
the file inside it only makes the next export wait, which is its purpose. Progress has its own
short `_state_lock`."""
import threading
from concurrent.futures import ThreadPoolExecutor


class PlaylistExporter:
    def __init__(self, folder):
        self._folder = folder
        self._export_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._done = 0

    def export_async(self, name, tracks):
        return self._pool.submit(self.export, name, tracks)

    def export(self, name, tracks):
        with self._export_lock:
            with open(f"{self._folder}/{name}.m3u", "w") as out:
                for track in tracks:
                    out.write(track + "\n")
            with self._state_lock:
                self._done = len(tracks)

    def progress(self):
        with self._state_lock:
            return self._done
