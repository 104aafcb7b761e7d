"""The feeder's thread hands each item to the loop (`call_soon_threadsafe`), so `push` runs on the
loop's thread, as its `create_task` requires, and so does the done-callback `_done`: `_running`
is only touched from the loop's thread. An open-world caller of `push` is the loop's thread too."""
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
            self._loop.call_soon_threadsafe(self.push, item)

    def push(self, item):
        fut = self._loop.create_task(self.handle(item))
        fut.add_done_callback(self._done)
        self._running.add(fut)

    def _done(self, fut):
        self._running.discard(fut)

    async def handle(self, item):
        return item
