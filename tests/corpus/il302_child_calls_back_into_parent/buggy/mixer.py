"""A mixer and its level meter. The meter keeps a reference to the mixer that built it and
reports clipping by calling back into it; `feed` pushes levels while holding the mixer's lock,
so the callback's `with self._lock:` waits for a lock its own thread holds."""
import threading


class LevelMeter:
    def __init__(self, mixer, limit=0.98):
        self.mixer = mixer
        self.limit = limit
        self.peak = 0.0

    def push(self, level):
        self.peak = max(self.peak, level)
        if level > self.limit:
            self.mixer.on_clip(level)


class Mixer:
    def __init__(self):
        self._lock = threading.Lock()
        self.meter = LevelMeter(self)
        self.clips = 0
        self.frames = 0

    def on_clip(self, level):
        with self._lock:
            self.clips += 1

    def feed(self, levels):
        with self._lock:
            for level in levels:
                self.meter.push(level)
                self.frames += 1


def start(mixer, source):
    threading.Thread(target=lambda: [mixer.feed(block) for block in source], daemon=True).start()
