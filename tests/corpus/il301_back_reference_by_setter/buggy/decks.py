"""IL301 between `Deck._lock` and `Mixer._lock`: the mixer hands itself to its deck with
`deck.bind(self)` (setter injection); `Deck.load` holds the deck's lock and calls back into the
mixer, while the mixer thread holds the mixer's lock and asks the deck for its position."""
import threading
import time


class Deck:
    def __init__(self):
        self._lock = threading.Lock()
        self._track = None
        self._pos = 0
        self.mixer = None

    def bind(self, mixer):
        with self._lock:
            self.mixer = mixer

    def load(self, track):
        with self._lock:
            self._track = track
            self._pos = 0
            self.mixer.on_loaded(track)

    def position(self):
        with self._lock:
            return self._pos


class Mixer:
    def __init__(self, deck: Deck):
        self._lock = threading.Lock()
        self.deck = deck
        self.level = 1.0
        self.title = ""
        deck.bind(self)

    def on_loaded(self, track):
        with self._lock:
            self.title = track

    def tick(self):
        with self._lock:
            self.level = 1.0 - self.deck.position() / 1000

    def run(self):
        while True:
            time.sleep(0.01)
            self.tick()


def main():
    deck = Deck()
    mixer = Mixer(deck)
    threading.Thread(target=mixer.run, daemon=True).start()
    deck.load("intro.flac")
