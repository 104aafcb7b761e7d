"""A mesh node pings its peers from a heartbeat thread. `_peer_map()` copies the dict under the
lock, so the heartbeat loop walks its own snapshot while `join()` and `leave()` change the
node's dict."""
import threading
import time


class MeshNode:
    def __init__(self, transport):
        self._transport = transport
        self._mutex = threading.Lock()
        self._peers: dict[str, str] = {}
        self._beat = threading.Thread(target=self._heartbeat, daemon=True)
        self._beat.start()

    def join(self, name: str, address: str) -> None:
        with self._mutex:
            self._peers[name] = address

    def leave(self, name: str) -> None:
        with self._mutex:
            del self._peers[name]

    def _peer_map(self) -> dict[str, str]:
        with self._mutex:
            return dict(self._peers)

    def _heartbeat(self) -> None:
        while True:
            peers = self._peer_map()
            for name in peers:
                self._transport.ping(name)
            time.sleep(1.0)
