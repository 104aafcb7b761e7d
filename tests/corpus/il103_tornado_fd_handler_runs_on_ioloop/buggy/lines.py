"""A line reader on Tornado's IOLoop: the loop calls `_handle_events` when the socket is readable."""
from tornado.ioloop import IOLoop


class LineStream:
    def __init__(self, sock, stats):
        self.sock = sock
        self.stats = stats
        self.io_loop = IOLoop.current()
        self._buffer = b""
        self._callback = None
        self.io_loop.add_handler(sock.fileno(), self._handle_events, IOLoop.READ)

    def read_line(self, callback):
        self._callback = callback
        self._try_deliver()

    def close(self):
        self.io_loop.remove_handler(self.sock.fileno())
        self.sock.close()

    def _handle_events(self, fd, events):
        data = self.sock.recv(4096)
        if not data:
            self.close()
            return
        self._buffer += data
        self._try_deliver()

    def _try_deliver(self):
        if self._callback is not None and b"\n" in self._buffer:
            line, _, self._buffer = self._buffer.partition(b"\n")
            callback, self._callback = self._callback, None
            self.stats.lines += 1
            callback(line)
