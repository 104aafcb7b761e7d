"""IL101 on `Renderer.scale`: the knob thread applies settings, so the watcher `_on_setting` runs
there and writes the scale the render thread reads on every frame."""
import threading
import time

from settings import Settings


class Renderer:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.scale = 1.0
        settings.watch(self._on_setting)
        self._thread = threading.Thread(target=self._render_loop, daemon=True)

    def _on_setting(self, key, value):
        if key == "scale":
            self.scale = value

    def _render_loop(self):
        while True:
            time.sleep(1 / 60)
            print("frame at scale", self.scale)


def read_knob():
    return 1.5


def follow_knob(settings):
    while True:
        time.sleep(0.2)
        settings.apply("scale", read_knob())


def main():
    settings = Settings()
    renderer = Renderer(settings)
    renderer._thread.start()
    threading.Thread(target=follow_knob, args=(settings,), daemon=True).start()
