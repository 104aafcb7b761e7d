"""IL501 on `Deck.cursor < len(Deck.slides)`: `last_slide` computes the last index in one
critical section and moves the cursor in a second one. On a deck that already holds slides (the
constructor's deck is empty, so only after some `add` calls), `drop_last` can remove the last
slide in between and the cursor points past the end."""
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
            last = len(self.slides) - 1
        with self._lock:
            self.cursor = last
