"""Fixed twin: `load` releases `_meta_lock` before it waits on `_decoded`."""
import threading


class TrackLoader:
    def __init__(self):
        self._meta_lock = threading.Lock()
        self._decoded = threading.Condition()
        self._ready = False
        self.title = None

    def load(self, title):
        with self._meta_lock:
            self.title = title
        with self._decoded:
            while not self._ready:
                self._decoded.wait()

    def decoder_done(self):
        with self._decoded:
            self._ready = True
            self._decoded.notify_all()

    def now_loading(self):
        with self._meta_lock:
            return self.title

    def start(self, title):
        threading.Thread(target=self.load, args=(title,)).start()
        threading.Thread(target=self.decoder_done).start()
