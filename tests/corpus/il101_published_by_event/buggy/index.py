"""IL101 on `SearchIndex.index`: the loader sets `ready` before it stores the index, so a search
thread woken by the Event can read `index` while the loader is still writing it."""
import threading


class SearchIndex:
    def __init__(self):
        self.ready = threading.Event()
        self.index = None
        self._lock = threading.Lock()
        self.queries = 0

    def start(self, paths):
        threading.Thread(target=self._load, args=(paths,), daemon=True).start()
        for _ in range(4):
            threading.Thread(target=self._serve, daemon=True).start()

    def _load(self, paths):
        built = {p: p.lower() for p in paths}
        self.ready.set()
        self.index = built

    def _serve(self):
        self.ready.wait()
        while True:
            with self._lock:
                self.queries += 1
            hits = [k for k in self.index if "a" in k]
            if not hits:
                return

    def peek(self):
        if not self.ready.is_set():
            return None
        return len(self.index)
