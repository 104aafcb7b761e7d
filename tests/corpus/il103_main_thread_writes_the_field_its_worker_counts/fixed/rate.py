"""Fixed twin: the count changes under the downloader's lock, and `main` takes and resets it
in one call under that lock."""
import threading
import time


class Downloader:
    def __init__(self, urls):
        self.urls = urls
        self.done = 0
        self._lock = threading.Lock()

    def run(self):
        for url in self.urls:
            time.sleep(0.01)           # fetch `url`
            with self._lock:
                self.done += 1

    def take_done(self):
        with self._lock:
            n, self.done = self.done, 0
            return n


def main():
    d = Downloader([f"https://example.org/{i}" for i in range(500)])
    worker = threading.Thread(target=d.run)
    d.done = 0
    worker.start()
    while worker.is_alive():
        time.sleep(1.0)
        print(f"{d.take_done()} files/s")
    worker.join()


if __name__ == "__main__":
    main()
