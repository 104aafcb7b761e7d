"""Silent: `submit` is the one method of `EventPump` its docstring declares safe to call from
another thread, and it only puts the callback on a thread-safe queue and writes the wake socket
under the lock `close` takes too. Everything else (timers, watched files, `run` itself) belongs to
the thread that runs the pump: the lock ties `submit` to other threads, not the whole class."""
import heapq
import itertools
import queue
import selectors
import socket
import threading
import time


class EventPump:
    def __init__(self):
        self._wake_lock = threading.Lock()
        self._recv_end, self._send_end = socket.socketpair()
        self._posted = queue.SimpleQueue()
        self._timers = []
        self._order = itertools.count()
        self._watched = {}
        self._selector = selectors.DefaultSelector()
        self._stopping = False

    def submit(self, callback):
        """Run `callback` on the pump's thread soon.

        This is the only method of `EventPump` that is safe to call from another thread; everything
        else must be called from the thread that runs the pump.
        """
        self._posted.put(callback)
        with self._wake_lock:
            if self._send_end is not None:
                self._send_end.send(b"!")

    def call_later(self, delay, callback):
        entry = (time.monotonic() + delay, next(self._order), callback)
        heapq.heappush(self._timers, entry)
        return entry

    def watch(self, sock, on_ready):
        self._watched[sock.fileno()] = on_ready
        self._selector.register(sock, selectors.EVENT_READ)

    def unwatch(self, sock):
        self._watched.pop(sock.fileno(), None)
        self._selector.unregister(sock)

    def stop(self):
        self._stopping = True

    def run(self):
        self._selector.register(self._recv_end, selectors.EVENT_READ)
        while not self._stopping:
            timeout = max(0.0, self._timers[0][0] - time.monotonic()) if self._timers else 1.0
            for key, _ in self._selector.select(timeout):
                if key.fileobj is self._recv_end:
                    self._recv_end.recv(512)
                else:
                    self._watched[key.fd](key.fileobj)
            while self._timers and self._timers[0][0] <= time.monotonic():
                heapq.heappop(self._timers)[2]()
            while not self._posted.empty():
                self._posted.get()()

    def close(self):
        with self._wake_lock:
            self._selector.unregister(self._recv_end)
            self._recv_end.close()
            self._send_end.close()
            self._send_end = None
        self._watched.clear()
        self._timers = []
