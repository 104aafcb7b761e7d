import threading


class PrintSpool:
    """Documents waiting for one of the printers."""

    def __init__(self):
        self._cv = threading.Condition()
        self._docs = []

    def submit(self, doc):
        with self._cv:
            self._docs.append(doc)
            self._cv.notify()

    def _wait_for_doc(self):
        # runs with self._cv held by the caller
        if len(self._docs) == 0:
            self._cv.wait()

    def next_doc(self):
        with self._cv:
            self._wait_for_doc()
            return self._docs.pop()
