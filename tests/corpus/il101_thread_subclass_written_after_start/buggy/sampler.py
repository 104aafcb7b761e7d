"""IL101 on `Sampler.probes`: `main` starts the `Sampler` thread and then calls `reset`, which
rebinds `self.probes` while `run` iterates it on the thread."""
import threading
import time


class Sampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.probes = [1, 2, 3]
        self.total = 0
        self.done = threading.Event()

    def reset(self):
        self.probes = None

    def run(self):
        while not self.done.is_set():
            for p in self.probes:
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
