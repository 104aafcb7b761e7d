"""A script's producer threads hand messages to a sender that owns a pool. The script joins the
producers and then closes the sender, which walks `sent` to log it: joining a producer does not
wait for the jobs it submitted to the sender's pool, which may still be adding to `sent`."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor


class Sender:
    def __init__(self):
        self._pool = ThreadPoolExecutor(max_workers=4)
        self._lock = threading.Lock()
        self.sent = {}

    def _deliver(self, key, body):
        time.sleep(0.01)
        with self._lock:
            self.sent[key] = len(body)

    def send(self, key, body):
        self._pool.submit(self._deliver, key, body)

    def close(self):
        for key in self.sent:
            print("sent", key)
        self._pool.shutdown(wait=False)


def produce(sender, name):
    for i in range(10):
        sender.send(f"{name}-{i}", b"x" * i)


if __name__ == "__main__":
    s = Sender()
    producers = [threading.Thread(target=produce, args=(s, f"p{k}")) for k in range(3)]
    for t in producers:
        t.start()
    for t in producers:
        t.join()
    s.close()
