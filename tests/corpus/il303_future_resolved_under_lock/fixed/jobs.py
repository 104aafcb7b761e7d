"""Fixed: the job is taken off the list under the mutex; its Future is resolved after release,
so the callers' done-callbacks run without the mutex."""
import threading
from concurrent.futures import Future


class RenderQueue:
    def __init__(self):
        self._mutex = threading.Lock()
        self._waiting = []
        self._renderer = threading.Thread(target=self._render_loop, daemon=True)
        self._renderer.start()

    def enqueue(self, scene) -> Future:
        done = Future()
        with self._mutex:
            self._waiting.append((scene, done))
        return done

    def _render_loop(self):
        while True:
            with self._mutex:
                if not self._waiting:
                    continue
                scene, done = self._waiting.pop(0)
            try:
                done.set_result(f"frame:{scene}")
            except Exception as exc:
                done.set_exception(exc)
