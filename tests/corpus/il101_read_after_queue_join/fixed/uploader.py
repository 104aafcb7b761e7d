"""Silent: the upload thread counts an item before it marks it done (`task_done` in `finally`),
so once `upload_all`'s `self._queue.join()` returns every count is in, and the read of `sent`
after it sees them all."""
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
            try:
                self._send(item)
                self.sent += 1
            finally:
                self._queue.task_done()

    def upload_all(self, items):
        for item in items:
            self._queue.put(item)
        self._queue.join()
        return self.sent
