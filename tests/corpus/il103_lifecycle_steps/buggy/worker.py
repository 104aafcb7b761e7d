"""IL103 on `Worker.served`: the pool threads count requests with `+=` and no lock, so two
requests finishing at once lose a count. `load_app` is public, but only `init_process` (the
owner's one-time set-up, before the pool gets work) calls it: it is a step of that call, not
an entry other threads use at the same time."""
from concurrent.futures import ThreadPoolExecutor
import threading


class Worker:
    def __init__(self, factory, listener) -> None:
        self.factory = factory
        self.listener = listener
        self.app = None
        self.alive = True
        self.served = 0
        self._lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=4)

    def init_process(self) -> None:
        self.load_app()
        self.run()

    def load_app(self) -> None:
        self.app = self.factory()
        if self.app is None:
            raise RuntimeError("no application")

    def run(self) -> None:
        while self.alive:
            conn = self.listener.accept()
            self.pool.submit(self.handle, conn)

    def handle(self, conn) -> None:
        conn.send(self.app(conn.recv(4096)))
        self.served += 1
