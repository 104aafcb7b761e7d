"""A packet router whose forwarding thread reads the route table without the lock. Admin calls
build a new frozenset of routes in a local, then store it under the lock; nothing changes the
stored set in place, so each forwarding pass reads one whole table, old or new."""
import queue
import threading


class Router:
    def __init__(self, routes):
        self._admin = threading.Lock()      # orders the admin writers among themselves
        self._routes = frozenset(routes)
        self._packets = queue.Queue()
        self._worker = threading.Thread(target=self._forward, daemon=True)

    def start(self):
        self._worker.start()

    def replace_routes(self, routes):
        table = frozenset(routes)
        with self._admin:
            self._routes = table

    def add_route(self, prefix):
        with self._admin:
            current = self._routes
            self._routes = frozenset([*current, prefix])

    def submit(self, packet):
        self._packets.put(packet)

    def _forward(self):
        while True:
            packet = self._packets.get()
            if packet is None:
                return
            matches = [p for p in self._routes if packet.startswith(p)]
            print(packet, "->", max(matches, key=len, default="drop"))
