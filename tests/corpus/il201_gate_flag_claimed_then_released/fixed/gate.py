import threading


class ExclusiveGate:
    """One holder at a time, built on a Condition and a flag."""

    def __init__(self):
        self._cv = threading.Condition()
        self._taken = False
        self.entries = 0

    def run_exclusive(self, job):
        with self._cv:
            while self._taken:
                self._cv.wait()
            self._taken = True                # claimed in the section that tested it
            self.entries += 1
        try:
            job()
        finally:
            with self._cv:
                self._taken = False
                self._cv.notify_all()


gate = ExclusiveGate()


def worker():
    gate.run_exclusive(lambda: None)


for _ in range(3):
    threading.Thread(target=worker).start()
