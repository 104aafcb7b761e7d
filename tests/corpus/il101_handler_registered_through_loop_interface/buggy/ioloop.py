"""IL101 on `StreamAdapter._readers`: `StreamAdapter` registers its fd handler through the loop
interface `Poller`, whose `add_handler` is only a stub, and one implementation, `ThreadedPoller`,
calls the handlers on a polling thread of its own. `_on_events` then reads `_readers` on that
thread while the adapter's owner adds and deletes entries in `watch` and `unwatch`, no lock."""
import select
import threading


class Poller:
    def add_handler(self, fd, handler):
        raise NotImplementedError

    def remove_handler(self, fd):
        raise NotImplementedError


class SelectPoller(Poller):
    def __init__(self):
        self._handlers = {}

    def add_handler(self, fd, handler):
        self._handlers[fd] = handler

    def remove_handler(self, fd):
        self._handlers.pop(fd, None)

    def poll(self, timeout):
        ready, _, _ = select.select(list(self._handlers), [], [], timeout)
        for fd in ready:
            self._handlers[fd](fd)


class ThreadedPoller(Poller):
    def __init__(self):
        self._poll = select.poll()
        self._handlers = {}
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def add_handler(self, fd, handler):
        self._handlers[fd] = handler
        self._poll.register(fd, select.POLLIN)

    def remove_handler(self, fd):
        self._poll.unregister(fd)
        self._handlers.pop(fd, None)

    def _run(self):
        while True:
            for fd, _ in self._poll.poll(1000):
                self._handlers[fd](fd)


class StreamAdapter:
    def __init__(self, poller: Poller):
        self._poller = poller
        self._readers = {}

    def watch(self, fd, on_readable):
        self._readers[fd] = on_readable
        self._poller.add_handler(fd, self._on_events)

    def unwatch(self, fd):
        self._poller.remove_handler(fd)
        del self._readers[fd]

    def _on_events(self, fd):
        reader = self._readers[fd]
        reader(fd)
