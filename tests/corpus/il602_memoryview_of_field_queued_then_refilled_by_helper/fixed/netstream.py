"""A socket reader thread hands received chunks to a decoder thread through a queue."""
import queue
import socket
import threading

CHUNK = 16384


def _read_exact(sock, view):
    got = 0
    while got < len(view):
        n = sock.recv_into(view[got:])
        if n == 0:
            return got
        got += n
    return got


class NetReceiver:
    def __init__(self, host, port, sink):
        self._addr = (host, port)
        self._sink = sink
        self._chunks = queue.Queue(maxsize=8)
        self._buf = bytearray(CHUNK)
        self._running = threading.Event()
        self._threads = []

    def start(self):
        self._running.set()
        for fn in (self._reader, self._decoder):
            t = threading.Thread(target=fn, daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self):
        self._running.clear()
        self._chunks.put(None)
        for t in self._threads:
            t.join()

    def _reader(self):
        view = memoryview(self._buf)
        with socket.create_connection(self._addr) as sock:
            while self._running.is_set():
                n = _read_exact(sock, view)
                if n == 0:
                    break
                # the buffer is reused: hand over a copy
                self._chunks.put(bytes(view[:n]))
        self._chunks.put(None)

    def _decoder(self):
        while True:
            chunk = self._chunks.get()
            if chunk is None:
                return
            self._sink.feed(chunk)


class PrintSink:
    def feed(self, data):
        print(len(data))


if __name__ == "__main__":
    r = NetReceiver("127.0.0.1", 9000, PrintSink())
    r.start()
    input()
    r.stop()
