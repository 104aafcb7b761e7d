"""IL103 on `Downloader.done`: the worker thread runs `d.run` and counts with `self.done += 1`
while `main`, which built `d` and started the thread, resets `d.done = 0` once a second to
print a rate: increments between the worker's read and write are lost."""
import threading
import time


class Downloader:
    def __init__(self, urls):
        self.urls = urls
        self.done = 0

    def run(self):
        for url in self.urls:
            time.sleep(0.01)           # fetch `url`
            self.done += 1


def main():
    d = Downloader([f"https://example.org/{i}" for i in range(500)])
    worker = threading.Thread(target=d.run)
    d.done = 0
    worker.start()
    while worker.is_alive():
        time.sleep(1.0)
        print(f"{d.done} files/s")
        d.done = 0
    worker.join()


if __name__ == "__main__":
    main()
