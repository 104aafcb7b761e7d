"""A library and its playlists, wired together by the application's start-up code."""
import threading


class Library:
    def __init__(self):
        self._lock = threading.Lock()
        self._tracks = {}
        self.playlists = None

    def attach(self, playlists):
        with self._lock:
            self.playlists = playlists

    def remove_track(self, tid):
        with self._lock:
            self._tracks.pop(tid, None)
            self.playlists.drop_track(tid)      # takes the playlists' lock inside the library's

    def title(self, tid):
        with self._lock:
            return self._tracks.get(tid)


class Playlists:
    def __init__(self):
        self._lock = threading.Lock()
        self._lists = {}
        self.library = None

    def attach(self, library):
        with self._lock:
            self.library = library

    def drop_track(self, tid):
        with self._lock:
            for items in self._lists.values():
                if tid in items:
                    items.remove(tid)

    def describe(self, name):
        with self._lock:
            return [self.library.title(t) for t in self._lists.get(name, ())]
