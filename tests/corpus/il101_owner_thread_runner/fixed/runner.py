"""Silent: SyncBridge owns no lock and starts no thread. Its owner (one thread) calls `run` and
`close`; the only other code is `_wake`, which `call_soon_threadsafe` runs on the loop and which
touches nothing of the bridge. One caller, no context to race with."""
import asyncio


class SyncBridge:
    def __init__(self):
        self._loop = None
        self._state = "created"
        self._runs = 0

    def run(self, coro):
        if self._state == "closed":
            raise RuntimeError("bridge is closed")
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._state = "ready"
        self._runs += 1
        return self._loop.run_until_complete(coro)

    def interrupt(self):
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake)

    def close(self):
        if self._loop is not None:
            self._loop.close()
            self._loop = None
        self._state = "closed"

    def _wake(self):
        pass
