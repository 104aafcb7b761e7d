"""IL101 on `Feeder._running`: the feeder's own thread calls `push`, which makes loop tasks from
that thread (asyncio's `create_task` is not thread-safe) and adds them to `_running` while the
loop's done-callback `_done` discards from it. A method that only the loop's thread may run is
still thread code when a thread the program starts calls it."""
import threading


class Feeder:
    def __init__(self, loop, source):
        self._loop = loop
        self._source = source
        self._running = set()
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()

    def _pump(self):
        for item in self._source:
            self.push(item)

    def push(self, item):
        fut = self._loop.create_task(self.handle(item))
        fut.add_done_callback(self._done)
        self._running.add(fut)

    def _done(self, fut):
        self._running.discard(fut)

    async def handle(self, item):
        return item
