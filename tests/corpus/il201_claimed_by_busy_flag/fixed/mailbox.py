"""Silent: `drain` claims the mailbox under the mutex (`if self._draining: raise`, then
`self._draining = True`) before it waits on `_inbox` without the lock, and gives the claim back
(`self._draining = False`) in a later section that also retires `_inbox`. A second `drain` raises
instead of replacing `_inbox`, so the unlocked wait and the retirement cannot be interleaved
with a new `_inbox`, and clearing the flag is no act on a stale check: it ends the claim."""
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
            if self._draining:
                raise RuntimeError("drain() is already running")
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
