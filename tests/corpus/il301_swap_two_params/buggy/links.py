"""IL301 on two objects of one class passed as parameters: `link(a, b)` locks `a` then `b`; the
two request threads link the same pair of peers in opposite directions and deadlock."""
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
    with a.guard:
        with b.guard:
            a.links.add(b.ident)
            b.links.add(a.ident)


def serve(p: Peer, q: Peer) -> None:
    threading.Thread(target=link, args=(p, q)).start()
    threading.Thread(target=link, args=(q, p)).start()
