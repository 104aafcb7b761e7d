import threading


class Recorder:
    def __init__(self, sink, on_frame) -> None:
        self._lock = threading.Lock()
        self.sink = sink
        self.on_frame = on_frame
        self.frames = 0
        self.running = True

    def capture(self, frame: bytes) -> None:
        with self._lock:
            if not self.running:
                return
            with self.sink:
                self.sink.write(frame)
            self.frames += 1
        self.on_frame(frame)

    def stop(self) -> None:
        with self._lock:
            self.running = False


def record(sink, frames, notify) -> Recorder:
    rec = Recorder(sink, notify)
    workers = [threading.Thread(target=rec.capture, args=(f,)) for f in frames]
    for w in workers:
        w.start()
    return rec
