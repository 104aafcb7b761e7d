"""An IOLoop that counts its pending timers for a metrics page, and runs blocking jobs on a pool
of its own. Like every IOLoop, only `add_callback` may be called from other threads; the rest
runs on the loop's thread. The watchdog thread looks for overdue timers itself, from its own
thread, while the loop adds and drops them."""
from concurrent.futures import ThreadPoolExecutor
import threading
import time

from tornado.platform.asyncio import AsyncIOLoop


class MeteredLoop(AsyncIOLoop):
    def __init__(self, *args, **kwargs):
        self.pending = {}
        self.pool = ThreadPoolExecutor(2)

    def add_timeout(self, deadline, callback, *args, **kwargs):
        handle = super().add_timeout(deadline, callback, *args, **kwargs)
        self.pending[id(handle)] = deadline
        return handle

    def remove_timeout(self, timeout):
        self.pending.pop(id(timeout), None)
        super().remove_timeout(timeout)

    def overdue(self):
        now = time.time()
        return [key for key, deadline in self.pending.items() if deadline < now]

    def run_blocking(self, fn, *args):
        return self.run_in_executor(self.pool, fn, *args)


class Watchdog:
    def __init__(self, loop: MeteredLoop):
        self.loop = loop
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def _run(self):
        while True:
            time.sleep(10)
            self._check()

    def _check(self):
        print("overdue timers:", len(self.loop.overdue()))
