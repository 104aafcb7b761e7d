import time


class Backoff:
    """Exponential back-off between attempts."""

    def __init__(self, base=0.5):
        self.base = base

    def wait(self, attempt):
        time.sleep(self.base * (2 ** attempt))
