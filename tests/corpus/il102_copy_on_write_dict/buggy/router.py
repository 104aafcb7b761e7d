"""A message router whose worker looks routes up without the lock. `add_route` changes the
table in place under the lock, so the worker reads a dict that another thread is changing
without the lock that guards it."""
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
            self._routes[topic] = handler

    def post(self, topic, message):
        self._inbox.put((topic, message))

    def _work(self):
        while True:
            topic, message = self._inbox.get()
            handler = self._routes.get(topic)
            if handler is not None:
                handler(message)
