"""A relay: the session's reader thread hands each frame to the router, which answers through
the session it was bound to. The session's thread starts before the router is bound to it,
so the first frames race with the binding."""
from __future__ import annotations

import socket
import threading


class Router:
    def __init__(self) -> None:
        self.session: "Session | None" = None
        self.routed = 0
        self._lock = threading.Lock()

    def bind(self, session: "Session") -> None:
        self.session = session

    def route(self, frame: bytes) -> None:
        with self._lock:
            self.routed += 1
        if self.session is not None:
            self.session.send(frame[::-1])


class Session:
    def __init__(self, router: Router, sock: socket.socket) -> None:
        self.router = router
        self.sock = sock
        self._reader = threading.Thread(target=self._read, daemon=True)

    def start(self) -> None:
        self._reader.start()

    def send(self, frame: bytes) -> None:
        self.sock.sendall(frame)

    def _read(self) -> None:
        while frame := self.sock.recv(4096):
            self.router.route(frame)


def serve(sock: socket.socket) -> Session:
    router = Router()
    session = Session(router, sock)
    session.start()
    router.bind(session)
    return session
