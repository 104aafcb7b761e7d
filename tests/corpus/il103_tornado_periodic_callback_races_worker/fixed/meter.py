"""Tornado traffic meter: a sniffer thread counts packets, and a PeriodicCallback on the IOLoop
publishes the count every second and starts the next window. The thread hands each count to
the IOLoop (`add_callback`), so the count and the reset both run there, one after the other."""
import threading

import tornado.ioloop
import tornado.web
import tornado.websocket


class Window:
    def __init__(self):
        self.packets = 0


class MeterSocket(tornado.websocket.WebSocketHandler):
    listeners = set()

    def open(self):
        MeterSocket.listeners.add(self)

    def on_close(self):
        MeterSocket.listeners.discard(self)


class Meter:
    def __init__(self, source):
        self.source = source
        self.window = Window()
        self.io_loop = tornado.ioloop.IOLoop.current()
        self.sniffer = threading.Thread(target=self._sniff, daemon=True)
        self.publisher = tornado.ioloop.PeriodicCallback(self._publish, 1000)

    def start(self):
        self.sniffer.start()
        self.publisher.start()

    def _sniff(self):
        for _packet in self.source:
            self.io_loop.add_callback(self._count)

    def _count(self):
        self.window.packets += 1

    def _publish(self):
        count = self.window.packets
        self.window.packets = 0
        for sock in MeterSocket.listeners:
            sock.write_message({"pps": count})


def main():
    Meter(open("/dev/null", "rb")).start()
    tornado.web.Application([(r"/meter", MeterSocket)]).listen(8891)
    tornado.ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
