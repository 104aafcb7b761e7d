"""The metrics sender thread: it drains the queue and ships batches of `batch_size` points."""
import queue
import threading


class Sender(threading.Thread):
    def __init__(self, points):
        super().__init__(name="metrics-sender", daemon=True)
        self.points = points
        self.batch_size = 1
        self.running = True

    def run(self):
        while self.running:
            batch = []
            try:
                while len(batch) < self.batch_size:
                    batch.append(self.points.get(timeout=1.0))
            except queue.Empty:
                pass
            if batch:
                print("send", batch)
