"""A message router whose worker looks routes up without the lock. `add_route` copies the
table under the lock, changes the copy, and stores it whole: the worker's single read gets one
complete table, old or new, never one being changed."""
import queue
import threading


class Router:
    def __init__(self):
        self._lock = threading.Lock()
        self._routes = {}
        self._inbox = queue.Queue()
        threading.Thread(target=self._work, daemon=True).start()

    def add_route(self, topic, handler):
        with self._lock:
            table = dict(self._routes)
            table[topic] = handler
            self._routes = table

    def post(self, topic, message):
        self._inbox.put((topic, message))

    def _work(self):
        while True:
            topic, message = self._inbox.get()
            handler = self._routes.get(topic)
            if handler is not None:
                handler(message)
