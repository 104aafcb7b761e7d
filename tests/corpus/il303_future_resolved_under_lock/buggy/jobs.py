"""IL303: the render thread resolves each pending Future while holding `RenderQueue._mutex`.
`Future.set_result` runs every done-callback the caller attached, so caller code runs under
the mutex; a callback that submits the next job (`RenderQueue.enqueue`) hangs the render thread."""
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
