import threading


class UploadBatch:
    """Parts of one upload finish on worker threads; the caller waits for all of them."""

    def __init__(self):
        self._parts_cv = threading.Condition()
        self.outstanding = 1
        self.failed = 0
        self.bytes_sent = 0

    def part_finished(self, size: int) -> None:
        with self._parts_cv:
            self.outstanding -= 1
            if size < 0:
                self.failed += 1
            else:
                self.bytes_sent += size
            self._parts_cv.notify_all()

    def wait_until_done(self) -> None:
        with self._parts_cv:
            while self.outstanding > 0:
                self._parts_cv.wait()
