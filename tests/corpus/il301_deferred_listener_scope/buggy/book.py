"""An order book that tells its listeners about every fill. `place` updates the book under its
own lock and notifies after releasing it, but the exchange calls `place` while it holds
`Exchange._lock`, so the listeners run under the exchange's lock."""
import threading


class OrderBook:
    def __init__(self):
        self._lock = threading.Lock()
        self._resting = []
        self._listeners = []

    def add_listener(self, listener):
        with self._lock:
            self._listeners.append(listener)

    def place(self, order):
        with self._lock:
            self._resting.append(order)
            fill = {"order": order, "resting": len(self._resting)}
        self._notify(fill)

    def _notify(self, fill):
        self._deliver(fill)

    def _deliver(self, fill):
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(fill)
