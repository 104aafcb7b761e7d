import threading


class Holder:
    def __init__(self):
        self.ready = threading.Event()
        self.config = None

    def load(self):
        self.ready.set()
        self.config = {"mode": "fast"}


holder = Holder()
