"""IL101 on `Uploader.sent`: the upload thread marks an item done as soon as it takes it, so
`upload_all`'s `self._queue.join()` can return while the last item is still being sent and
before `sent` counts it: the read after the join races with that write."""
import queue
import threading


class Uploader:
    def __init__(self, send):
        self._send = send
        self._queue = queue.Queue()
        self.sent = 0
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            item = self._queue.get()
            self._queue.task_done()
            self._send(item)
            self.sent += 1

    def upload_all(self, items):
        for item in items:
            self._queue.put(item)
        self._queue.join()
        return self.sent
