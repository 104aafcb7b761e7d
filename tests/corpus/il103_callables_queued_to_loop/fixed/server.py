"""The done-callback of each job only hands the bookkeeping to the serving loop: `defer` queues
the callable, and the loop's `run_deferred` calls it on the loop's thread, so `release` counts
and closes there, one at a time, alongside the loop's own `active += 1`."""
from concurrent.futures import ThreadPoolExecutor
from functools import partial
import queue


class Server:
    def __init__(self, listener) -> None:
        self.listener = listener
        self.pool = ThreadPoolExecutor(max_workers=4)
        self.deferred = queue.SimpleQueue()
        self.active = 0
        self.finished = 0
        self.alive = True

    def defer(self, callback, *args) -> None:
        self.deferred.put(partial(callback, *args))

    def run_deferred(self) -> None:
        while True:
            try:
                callback = self.deferred.get_nowait()
            except queue.Empty:
                return
            callback()

    def run(self) -> None:
        while self.alive:
            conn = self.listener.accept()
            self.active += 1
            job = self.pool.submit(self.serve, conn)
            job.add_done_callback(lambda fut, conn=conn: self._done(conn))
            self.run_deferred()

    def _done(self, conn) -> None:
        self.defer(self.release, conn)

    def release(self, conn) -> None:
        self.active -= 1
        self.finished += 1
        conn.close()

    def serve(self, conn) -> None:
        conn.sendall(conn.recv(4096))
