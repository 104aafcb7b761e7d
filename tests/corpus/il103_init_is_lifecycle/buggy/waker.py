"""IL103 on `Waker.pending`: any thread may call `wake`, and two calls at once lose a count.
`init` is the owner's one-time set-up (like `initialize`/`start`): two runs of it never overlap,
so its own write and walk of `fds` are no race."""
import os
import threading


class Waker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.fds = None
        self.pending = 0

    def init(self) -> None:
        self.fds = os.pipe()
        for fd in self.fds:
            os.set_blocking(fd, False)

    def wake(self) -> None:
        self.pending += 1

    def take(self) -> int:
        with self._lock:
            count, self.pending = self.pending, 0
        return count
