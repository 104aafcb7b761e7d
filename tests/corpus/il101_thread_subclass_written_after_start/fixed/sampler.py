"""Fixed twin: `reset` rebinds `self.probes` under the lock `run` holds while it iterates."""
import threading
import time


class Sampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self._lock = threading.Lock()
        self.probes = [1, 2, 3]
        self.total = 0
        self.done = threading.Event()

    def reset(self):
        with self._lock:
            self.probes = None

    def run(self):
        while not self.done.is_set():
            with self._lock:
                for p in self.probes or ():
                    print(p)
            time.sleep(0.1)


def main():
    s = Sampler()
    s.start()
    time.sleep(1)
    s.reset()
    s.done.set()
    s.join()


if __name__ == "__main__":
    main()
