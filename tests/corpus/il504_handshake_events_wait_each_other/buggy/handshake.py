"""IL504 without a lock: the server waits for the client's ack before it announces it is ready,
and the client waits for ready before it acks. Each event is set only by the other thread,
after its own wait: both threads block forever."""
import threading


class Handshake:
    def __init__(self) -> None:
        self.ready = threading.Event()
        self.ack = threading.Event()
        self.served = 0
        self.acked = 0

    def server(self) -> None:
        self.ack.wait()
        self.ready.set()
        self.served += 1

    def client(self) -> None:
        self.ready.wait()
        self.ack.set()
        self.acked += 1


def main() -> None:
    h = Handshake()
    threads = [threading.Thread(target=h.server), threading.Thread(target=h.client)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
