"""IL201 on `Mailbox._inbox`: `drain` never claims the mailbox, so a second `drain` replaces
`_inbox` while the first waits on it without the lock; the first then retires the new inbox."""
import queue
import threading


class Mailbox:
    def __init__(self):
        self._mutex = threading.Lock()
        self._draining = False
        self._inbox = None
        self._backlog = []

    def drain(self, sink):
        with self._mutex:
            self._inbox = queue.SimpleQueue()
            for letter in self._backlog:
                self._inbox.put(letter)
            self._backlog = []
            self._inbox.put(None)
            self._draining = True
        while (letter := self._inbox.get()) is not None:
            sink(letter)
        with self._mutex:
            self._draining = False
            self._inbox = None

    def post(self, letter):
        with self._mutex:
            self._backlog.append(letter)
