"""`wake` counts under the waker's lock. `drain` is public too, but only the server's `run` (the
owner's one call, on its own thread) calls it: a step of that call, so its unlocked bookkeeping
races with nothing."""
import os
import threading


class Waker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.read_fd, self.write_fd = os.pipe()
        self.wakeups = 0
        self.drained = 0

    def wake(self) -> None:
        with self._lock:
            self.wakeups += 1
        os.write(self.write_fd, b"x")

    def drain(self) -> int:
        data = os.read(self.read_fd, 512)
        self.drained += len(data)
        return len(data)


class Server:
    def __init__(self) -> None:
        self.waker = Waker()
        self.alive = True

    def run(self) -> None:
        while self.alive:
            if self.waker.drain() == 0:
                self.alive = False
