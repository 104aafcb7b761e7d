"""A Tornado gate: coroutines wait for it to open, and a waiter that gives up drops out of the
list (its future's done callback, which the IOLoop runs). The loader thread opens the gate
itself, walking the waiters from its own thread while the IOLoop drops them."""
import threading
import time

from tornado.concurrent import Future
from tornado.ioloop import IOLoop


class Gate:
    def __init__(self):
        self._waiters = []
        self._open = False

    def wait(self):
        fut = Future()
        if self._open:
            fut.set_result(None)
            return fut
        self._waiters.append(fut)
        fut.add_done_callback(lambda f: self._waiters.remove(f) if f in self._waiters else None)
        return fut

    def open(self):
        self._open = True
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(None)


class Loader:
    def __init__(self, gate: Gate, io_loop: IOLoop):
        self.gate = gate
        self.io_loop = io_loop
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def _run(self):
        time.sleep(5.0)
        self.gate.open()


async def serve(gate: Gate):
    await gate.wait()
    print("ready")


def main():
    gate = Gate()
    io_loop = IOLoop.current()
    Loader(gate, io_loop).start()
    io_loop.run_sync(lambda: serve(gate))


if __name__ == "__main__":
    main()
