"""An order book that tells its listeners about every fill. Callers that hold a lock of their
own wrap their calls in `deferred_fills()`: while that scope is open on a thread, `_notify`
queues the fills and the scope delivers them when it exits, after the caller's lock is gone."""
import threading
from contextlib import contextmanager


class OrderBook:
    def __init__(self):
        self._lock = threading.Lock()
        self._resting = []
        self._listeners = []
        self._pending = threading.local()

    def add_listener(self, listener):
        with self._lock:
            self._listeners.append(listener)

    def _holding_back(self):
        return getattr(self._pending, "active", False)

    @contextmanager
    def deferred_fills(self):
        outer = self._holding_back()
        if not outer:
            self._pending.active = True
            self._pending.fills = []
        try:
            yield
        finally:
            if not outer:
                fills = self._pending.fills
                self._pending.active = False
                self._pending.fills = []
                for fill in fills:
                    self._deliver(fill)

    def place(self, order):
        with self._lock:
            self._resting.append(order)
            fill = {"order": order, "resting": len(self._resting)}
        self._notify(fill)

    def _notify(self, fill):
        if self._holding_back():
            self._pending.fills.append(fill)
            return
        self._deliver(fill)

    def _deliver(self, fill):
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(fill)
