"""Fixed: the server announces it is ready first and then waits for the ack; the client's wait
ends on that set, and its ack ends the server's wait."""
import threading


class Handshake:
    def __init__(self) -> None:
        self.ready = threading.Event()
        self.ack = threading.Event()
        self.served = 0
        self.acked = 0

    def server(self) -> None:
        self.ready.set()
        self.ack.wait()
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
