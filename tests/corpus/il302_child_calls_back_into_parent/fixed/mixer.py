"""A mixer and its level meter. The meter keeps a reference to the mixer that built it and
reports clipping to it; `feed` pushes the levels under the mixer's lock and reports the clipped
ones after releasing it, so `on_clip` can take the lock."""
import threading


class LevelMeter:
    def __init__(self, mixer, limit=0.98):
        self.mixer = mixer
        self.limit = limit
        self.peak = 0.0

    def push(self, level):
        self.peak = max(self.peak, level)
        return level > self.limit


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
        clipped = []
        with self._lock:
            for level in levels:
                if self.meter.push(level):
                    clipped.append(level)
                self.frames += 1
        for level in clipped:
            self.on_clip(level)


def start(mixer, source):
    threading.Thread(target=lambda: [mixer.feed(block) for block in source], daemon=True).start()
