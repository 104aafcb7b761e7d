"""A message feed: the caller subscribes while a worker thread polls and dispatches.

`run_in_thread(feed=None)` hands the worker `self` unless told otherwise: the worker's `feed`
is a Feed, so its poll walks the topics the caller's subscribe changes."""
import threading


class Feed:
    """Subscriptions on one connection. Feed objects are not thread-safe: use one per thread."""

    def __init__(self, conn):
        self.conn = conn
        self.topics = {}

    def subscribe(self, name, handler):
        self.topics[name] = handler
        self.conn.send(("SUB", name))

    def poll(self, timeout):
        msg = self.conn.recv(timeout)
        if msg is None:
            return None
        for name, handler in self.topics.items():
            if msg[0] == name:
                handler(msg)
        return msg

    def run_in_thread(self, interval=0.1, feed=None):
        feed = self if feed is None else feed
        worker = FeedWorker(feed, interval)
        worker.start()
        return worker


class FeedWorker(threading.Thread):
    def __init__(self, feed, interval):
        super().__init__(daemon=True)
        self.feed = feed
        self.interval = interval
        self._running = threading.Event()

    def run(self):
        self._running.set()
        feed = self.feed
        while self._running.is_set():
            feed.poll(self.interval)

    def stop(self):
        self._running.clear()
