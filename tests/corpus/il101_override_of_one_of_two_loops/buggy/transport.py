"""A connection whose sender thread hands callbacks to its event loop.

Two loop implementations exist: a threaded select loop (locked) and a green loop for
cooperative green threads (one OS thread, so it needs no lock). Each connection class is wired
to one of them; the threaded connection never runs on the green loop.
"""
import abc
import threading


class Loop(abc.ABC):
    @abc.abstractmethod
    def add_callback(self, cb):
        """Run cb on the loop soon."""

    @abc.abstractmethod
    def run_once(self):
        """Run the callbacks that are ready."""


class SelectLoop(Loop):
    def __init__(self):
        self._lock = threading.Lock()
        self._ready = []

    def add_callback(self, cb):
        with self._lock:
            self._ready.append(cb)

    def run_once(self):
        with self._lock:
            ready, self._ready = self._ready, []
        for cb in ready:
            cb()


class GreenLoop(Loop):
    def __init__(self):
        self._pending = []

    def add_callback(self, cb):
        self._pending.append(cb)

    def run_once(self):
        pending, self._pending = self._pending, []
        for cb in pending:
            cb()


class ThreadedConnection:
    def __init__(self, loop: Loop):
        self._loop = loop
        self._sent = 0
        self._stop = threading.Event()
        self._sender = threading.Thread(target=self._send_forever, daemon=True)

    def start(self):
        self._sender.start()

    def pump(self):
        self._loop.run_once()

    def _send_forever(self):
        while not self._stop.is_set():
            self._loop.add_callback(print)
            self._on_sent()

    def _on_sent(self):
        self._sent += 1

    def stats(self):
        return self._sent


class GreenConnection:
    def __init__(self, loop: Loop):
        self._loop = loop

    def send(self, cb):
        self._loop.add_callback(cb)

    def pump(self):
        self._loop.run_once()


def main():
    conn = ThreadedConnection(SelectLoop())
    conn.start()
    for _ in range(10):
        conn.pump()
        print(conn.stats())
    green = GreenConnection(GreenLoop())
    green.send(print)
    green.pump()


if __name__ == "__main__":
    main()
