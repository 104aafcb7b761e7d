"""IL103 on `EchoServer.bytes_in`: the selector's callbacks run on the thread that calls
`select()` (the serving loop), so `_accept` and `_read` never overlap each other or the loop; but
the reporter thread resets `bytes_in` while `_read` adds to it, with no lock: counts are lost."""
import functools
import selectors
import threading
import time


class EchoServer:
    def __init__(self, listener):
        self.listener = listener
        self.selector = selectors.DefaultSelector()
        self.peers = {}
        self.bytes_in = 0
        self._reporter = threading.Thread(target=self._report, daemon=True)

    def serve_forever(self):
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ, self._accept)
        self._reporter.start()
        while True:
            for key, _ in self.selector.select(timeout=1.0):
                callback = key.data
                callback(key.fileobj)

    def _accept(self, listener):
        sock, addr = listener.accept()
        sock.setblocking(False)
        self.peers[sock] = addr
        self.selector.register(sock, selectors.EVENT_READ, functools.partial(self._read, addr))

    def _read(self, addr, sock):
        data = sock.recv(4096)
        if not data:
            self.selector.unregister(sock)
            del self.peers[sock]
            sock.close()
            return
        self.bytes_in += len(data)
        sock.send(data)

    def _report(self):
        while True:
            time.sleep(10)
            print("bytes in", self.bytes_in)
            self.bytes_in = 0
