"""IL304 on `TrackLoader._meta_lock`: `load` waits for the decoder on `_decoded` while it still
holds `_meta_lock`, so `now_loading()` waits out the decode. No deadlock: `decoder_done` notifies
without `_meta_lock` (a thread the explorer's pair leaves out, or another call), so this is no IL504."""
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
