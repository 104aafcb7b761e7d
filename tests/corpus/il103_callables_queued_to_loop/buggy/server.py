"""IL103 on `Server.finished`: the done-callback of each job runs on the pool thread that ran the
job and counts it there with `+=`, racing the other pool threads. `defer` is how the pool hands
work to the serving loop: it queues the callable, and the loop's `run_deferred` calls it on the
loop's thread, so `release` (and `_retire`, which the loop also reaches) run there, one at a time."""
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
        self.finished += 1
        self.defer(self.release, conn)

    def release(self, conn) -> None:
        self.active -= 1
        conn.close()

    def serve(self, conn) -> None:
        conn.sendall(conn.recv(4096))
