"""A deck whose worker applies commands through a table of its own bound methods.

Bug: `titles()` (the UI thread) iterates the cue list while the worker's handlers change it."""
import functools
import queue
import threading


class Deck:
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs = queue.Queue()
        self.cues = []
        self.volume = 1.0
        self._table = {
            "cue": self._cue,
            "drop": self._drop,
            "volume": functools.partial(self._set_volume),
        }
        threading.Thread(target=self._loop, daemon=True).start()

    def send(self, op, arg=None):
        self._jobs.put((op, arg))

    def titles(self):
        return [c.title for c in self.cues]

    def _loop(self):
        while True:
            op, arg = self._jobs.get()
            if op in self._table:
                self._table[op](arg)

    def _cue(self, track):
        self.cues.append(track)

    def _drop(self, _):
        self.cues.clear()

    def _set_volume(self, value):
        self.volume = value
