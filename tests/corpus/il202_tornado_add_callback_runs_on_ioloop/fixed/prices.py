"""Tornado price feed: a poller thread pushes quotes to the open sockets. `IOLoop.add_callback`
runs the push on the IOLoop, where `open`/`on_close` change the set; pushing from the thread
walks the set while they do."""
import threading
import time

import tornado.ioloop
import tornado.web
import tornado.websocket


class QuoteSocket(tornado.websocket.WebSocketHandler):
    subscribers = set()

    def open(self):
        QuoteSocket.subscribers.add(self)

    def on_close(self):
        QuoteSocket.subscribers.discard(self)


class Poller:
    def __init__(self, io_loop):
        self.io_loop = io_loop
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def _run(self):
        while True:
            time.sleep(1.0)
            self.io_loop.add_callback(self._push, {"t": time.time()})

    def _push(self, quote):
        for sock in QuoteSocket.subscribers:
            sock.write_message(quote)


def main():
    io_loop = tornado.ioloop.IOLoop.current()
    Poller(io_loop).start()
    tornado.web.Application([(r"/quotes", QuoteSocket)]).listen(8890)
    io_loop.start()


if __name__ == "__main__":
    main()
