"""Fixed twin: `connect` sets the batch size of the `Sender` the constructor built, then starts it."""
import queue
import time

from sender import Sender


class MetricsClient:
    def __init__(self):
        self._points = queue.Queue()
        self._sender = Sender(self._points)

    def connect(self, batch_size):
        self._sender.batch_size = batch_size
        self._sender.start()

    def record(self, name, value):
        self._points.put((name, value, time.time()))

    def close(self):
        self._sender.running = False
        self._sender.join()


def main():
    client = MetricsClient()
    client.connect(50)
    for i in range(100):
        client.record("requests", i)
    client.close()


if __name__ == "__main__":
    main()
