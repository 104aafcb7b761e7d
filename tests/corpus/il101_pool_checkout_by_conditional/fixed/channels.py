"""A pool of RPC channels: `lease` takes an idle channel out of the list under the lock (or
None when there is none) and, after the lock, dials a new one. Either way the caller is the
only one holding the channel until `give_back`, so dialling and calling need no lock."""
import socket
import threading


class Channel:
    def __init__(self, address):
        self.address = address
        self.conn = None

    def dial(self):
        self.conn = socket.create_connection(self.address, timeout=3)

    def call(self, frame: bytes) -> bytes:
        self.conn.sendall(frame)
        return self.conn.recv(65536)


class ChannelPool:
    def __init__(self, address):
        self._address = address
        self._lock = threading.Lock()
        self._spare: list[Channel] = []

    def lease(self) -> Channel:
        with self._lock:
            ch = self._spare.pop() if self._spare else None
        if ch is None:
            ch = Channel(self._address)
            ch.dial()
        return ch

    def give_back(self, ch: Channel):
        with self._lock:
            self._spare.append(ch)


POOL = ChannelPool(("127.0.0.1", 7000))


def client(rounds):
    for n in range(rounds):
        ch = POOL.lease()
        try:
            ch.call(b"ping %d" % n)
        finally:
            POOL.give_back(ch)


def main():
    threads = [threading.Thread(target=client, args=(50,)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
