"""Fixed twin: `wait_all` waits for the queue to drain first, then takes the lock to copy."""
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
        self._todo.join()
        with self._lock:
            return dict(self.done)
