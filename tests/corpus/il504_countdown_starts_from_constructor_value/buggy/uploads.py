import threading


class UploadBatch:
    """One upload in flight: the caller waits until its worker reports it sent."""

    def __init__(self):
        self._cond = threading.Condition()
        self.outstanding = 1

    def report(self, sent: bool) -> None:
        with self._cond:
            self.outstanding -= 1
            if sent:
                self._cond.notify_all()   # a failed upload never wakes the waiter

    def wait_sent(self) -> None:
        with self._cond:
            while self.outstanding > 0:
                self._cond.wait()

    def launch(self, sent: bool) -> None:
        threading.Thread(target=self._upload, args=(sent,)).start()

    def _upload(self, sent: bool) -> None:
        self.report(sent)
