"""A packet router whose forwarding thread reads the route table twice without the lock: once
to test it, once to scan it. An admin call can swap the table between the two reads, so the
scan runs on a table the test never saw (an empty one after `clear_routes`)."""
import queue
import threading


class Router:
    def __init__(self, routes):
        self._admin = threading.Lock()      # orders the admin writers among themselves
        self._routes = tuple(routes)
        self._packets = queue.Queue()
        self._worker = threading.Thread(target=self._forward, daemon=True)

    def start(self):
        self._worker.start()

    def replace_routes(self, routes):
        table = tuple(routes)
        with self._admin:
            self._routes = table

    def clear_routes(self):
        with self._admin:
            self._routes = ()

    def submit(self, packet):
        self._packets.put(packet)

    def _forward(self):
        while True:
            packet = self._packets.get()
            if packet is None:
                return
            if not self._routes:
                continue
            best = max(self._routes, key=lambda p: len(p) if packet.startswith(p) else -1)
            print(packet, "->", best)
