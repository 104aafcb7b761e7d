"""IL101 on `Flusher.batch`: `Store` builds its `Flusher` thread in the constructor, and `open`
starts it and only then sets the batch size the thread reads, so the first flushes may use the
old size."""
import threading
import time


class Flusher(threading.Thread):
    def __init__(self, rows):
        super().__init__(daemon=True)
        self.rows = rows
        self.batch = 1
        self.running = True

    def run(self):
        while self.running:
            print(self.rows[:self.batch])
            time.sleep(0.1)


class Store:
    def __init__(self):
        self.rows = []
        self._flusher = Flusher(self.rows)

    def open(self, batch):
        self._flusher.start()
        self._flusher.batch = batch

    def close(self):
        self._flusher.running = False
        self._flusher.join()


def main():
    store = Store()
    store.open(100)
    time.sleep(1)
    store.close()


if __name__ == "__main__":
    main()
