"""Fixed twin: the last index is computed and used in one critical section."""
import threading


class Deck:
    def __init__(self):
        self._lock = threading.Lock()
        self.slides = []
        self.cursor = -1

    def add(self, slide):
        with self._lock:
            self.slides.append(slide)

    def drop_last(self):
        with self._lock:
            if not self.slides:
                return
            self.slides.pop()
            if self.cursor >= len(self.slides):
                self.cursor = len(self.slides) - 1

    def last_slide(self):
        with self._lock:
            self.cursor = len(self.slides) - 1
