"""The knob thread only queues new settings; the render thread applies them between frames, so
the watcher `_on_setting` runs on the render thread, the one thread that reads the scale."""
import queue
import threading
import time

from settings import Settings


class Renderer:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.scale = 1.0
        self.pending = queue.Queue()
        settings.watch(self._on_setting)
        self._thread = threading.Thread(target=self._render_loop, daemon=True)

    def _on_setting(self, key, value):
        if key == "scale":
            self.scale = value

    def _render_loop(self):
        while True:
            time.sleep(1 / 60)
            while not self.pending.empty():
                key, value = self.pending.get_nowait()
                self.settings.apply(key, value)
            print("frame at scale", self.scale)


def read_knob():
    return 1.5


def follow_knob(renderer):
    while True:
        time.sleep(0.2)
        renderer.pending.put(("scale", read_knob()))


def main():
    renderer = Renderer(Settings())
    renderer._thread.start()
    threading.Thread(target=follow_knob, args=(renderer,), daemon=True).start()
