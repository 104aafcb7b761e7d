"""IL504 on `Thumbnailer._lock`/`_todo`: `wait_all` waits in `Queue.join()` for every request to
be marked done while holding `_lock`, and the renderer takes `_lock` to record a thumbnail
before it calls `task_done()`: with a request outstanding, both wait forever."""
import queue
import threading


class Thumbnailer:
    def __init__(self, scaler):
        self._lock = threading.Lock()
        self._todo = queue.Queue()
        self._scaler = scaler
        self.done = {}

    def request(self, path):
        self._todo.put(path)

    def render_loop(self):
        while True:
            path = self._todo.get()
            image = self._scaler.scale(path)
            with self._lock:
                self.done[path] = image
            self._todo.task_done()

    def wait_all(self):
        with self._lock:
            self._todo.join()
            return dict(self.done)
