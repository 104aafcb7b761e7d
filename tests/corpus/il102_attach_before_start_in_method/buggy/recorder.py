"""IL102 on `Pipeline._sink`: `Recorder.retarget_master` attaches a new sink to the master
pipeline, whose worker may be running (any thread may call it), without the lock the worker reads
the field under. The attaches before the starts (`__init__`, `open_track`) are no race."""
import threading
import time


class Sink:
    def __init__(self, name):
        self.name = name

    def write(self, item):
        print(self.name, item)


class Pipeline:
    def __init__(self):
        self._lock = threading.Lock()
        self._sink = None
        self._items = []
        self._worker = threading.Thread(target=self._run, daemon=True)

    def attach(self, sink):
        self._sink = sink

    def start(self):
        self._worker.start()

    def push(self, item):
        with self._lock:
            self._items.append(item)

    def _run(self):
        while True:
            with self._lock:
                sink = self._sink
                items = list(self._items)
                self._items.clear()
            if sink is not None:
                for item in items:
                    sink.write(item)
            time.sleep(0.1)


class Recorder:
    def __init__(self):
        self._lock = threading.Lock()
        self._tracks = {}
        self._master = Pipeline()
        self._master.attach(Sink("master"))     # in the constructor: before the master starts

    def start(self):
        self._master.start()

    def open_track(self, name):
        pipeline = Pipeline()
        pipeline.attach(Sink(name))
        pipeline.start()
        with self._lock:
            self._tracks[name] = pipeline

    def retarget_master(self, name):
        self._master.attach(Sink(name))      # the master's worker may be running

    def record(self, name, item):
        with self._lock:
            pipeline = self._tracks[name]
        pipeline.push(item)
        self._master.push(item)
