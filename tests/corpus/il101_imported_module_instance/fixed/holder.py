import threading


class Holder:
    def __init__(self):
        self.ready = threading.Event()
        self.config = None

    def load(self):
        self.config = {"mode": "fast"}
        self.ready.set()


holder = Holder()
