"""A playlist advanced by the playback thread and skipped from the UI thread."""
import threading
import time

from history import History


class Playlist:
    def __init__(self, tracks):
        self._lock = threading.Lock()
        self._tracks = list(tracks)
        self._index = 0
        self.history = History(self._lock)

    def advance(self):
        with self._lock:
            track = self._tracks[self._index % len(self._tracks)]
            self._index += 1
            self.history.push(track)
            return track

    def skip(self):
        self.history.skip()
        return self.advance()


def playback(playlist, stop):
    while not stop.is_set():
        playlist.advance()
        time.sleep(0.1)


def main():
    playlist = Playlist(["a.flac", "b.flac", "c.flac"])
    stop = threading.Event()
    worker = threading.Thread(target=playback, args=(playlist, stop))
    worker.start()
    playlist.skip()
    print(playlist.history.recent())
    stop.set()
    worker.join()
