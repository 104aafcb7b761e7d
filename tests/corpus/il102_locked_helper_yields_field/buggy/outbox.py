"""IL102 on `Outbox._pending`: a `@contextmanager` helper takes the outbox's lock and yields the
pending list itself, and the methods work on it through the name it is bound to
(`with self._locked() as pending:`). `discard` alone changes the list without the helper, while
the sender thread drains it under the lock. Fixed twin: `discard` goes through the helper too."""
import contextlib
import threading
import time


class Outbox:
    def __init__(self, send):
        self._lock = threading.Lock()
        self._pending = []
        self._send = send
        self._sender = threading.Thread(target=self._drain_loop, daemon=True)
        self._sender.start()

    @contextlib.contextmanager
    def _locked(self):
        with self._lock:
            yield self._pending

    def post(self, message):
        with self._locked() as pending:
            pending.append(message)

    def discard(self, message):
        if message in self._pending:
            self._pending.remove(message)

    def _drain_loop(self):
        while True:
            with self._locked() as pending:
                batch = pending[:]
                pending.clear()
            for message in batch:
                self._send(message)
            time.sleep(0.2)
