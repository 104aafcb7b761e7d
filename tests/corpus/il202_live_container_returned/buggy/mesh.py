"""A mesh node pings its peers from a heartbeat thread. `_peer_map()` takes the lock, but hands
back the live dict: the heartbeat loop walks it after the lock is released, while `join()` and
`leave()` (called from the API) add and delete entries: "dictionary changed size during
iteration" kills the heartbeat thread."""
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
            return self._peers

    def _heartbeat(self) -> None:
        while True:
            peers = self._peer_map()
            for name in peers:
                self._transport.ping(name)
            time.sleep(1.0)
