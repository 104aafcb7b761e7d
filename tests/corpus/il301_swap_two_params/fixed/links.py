"""Fixed: a comparison of the two peers picks the order, so every thread takes the lower id's
lock first."""
import threading


class Peer:
    def __init__(self, ident: int) -> None:
        self.ident = ident
        self.links: set[int] = set()
        self.guard = threading.Lock()

    def linked(self) -> list[int]:
        with self.guard:
            return sorted(self.links)


def link(a: Peer, b: Peer) -> None:
    if a.ident < b.ident:
        with a.guard:
            with b.guard:
                _join(a, b)
    else:
        with b.guard:
            with a.guard:
                _join(a, b)


def _join(a: Peer, b: Peer) -> None:
    a.links.add(b.ident)
    b.links.add(a.ident)


def serve(p: Peer, q: Peer) -> None:
    threading.Thread(target=link, args=(p, q)).start()
    threading.Thread(target=link, args=(q, p)).start()
