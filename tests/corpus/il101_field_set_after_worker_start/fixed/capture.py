"""Fixed twin: `begin` sets the rate before it starts the thread that reads it; what it writes
after the start (`self.started`) the thread never reads."""
import threading
import time


class Recorder:
    def __init__(self):
        self.rate = 44100
        self.frames = []
        self.started = None
        self._stop = threading.Event()
        self._worker = None

    def _capture(self):
        while not self._stop.is_set():
            self.frames.append(b"\0" * (self.rate // 100))
            time.sleep(0.01)

    def begin(self, rate):
        self.rate = rate
        self._worker = threading.Thread(target=self._capture, daemon=True)
        self._worker.start()
        self.started = time.monotonic()

    def end(self):
        self._stop.set()
        self._worker.join()
        return len(self.frames)


def main():
    rec = Recorder()
    rec.begin(48000)
    time.sleep(1)
    print(rec.end())


if __name__ == "__main__":
    main()
