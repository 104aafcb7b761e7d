"""Accepts clients on the IOLoop, one LineStream each, and reports the line count every minute."""
import threading
import time

from tornado.ioloop import IOLoop
from tornado.netutil import add_accept_handler, bind_sockets

from lines import LineStream


class Stats:
    def __init__(self):
        self.lines = 0


class LineServer:
    def __init__(self, port):
        self.stats = Stats()
        self.io_loop = IOLoop.current()
        self.streams = []
        for sock in bind_sockets(port):
            add_accept_handler(sock, self._handle_connection)
        threading.Thread(target=self._report, daemon=True).start()

    def _handle_connection(self, conn, address):
        stream = LineStream(conn, self.stats)
        self.streams.append(stream)
        stream.read_line(lambda line: self._on_line(stream, line))

    def _on_line(self, stream, line):
        print(line.decode())
        stream.read_line(lambda next_line: self._on_line(stream, next_line))

    def _report(self):
        while True:
            time.sleep(60)
            print("lines:", self.stats.lines)
            self.stats.lines = 0
