"""IL101 on `SyncBridge._state`: `_wake`, which `call_soon_threadsafe` runs on the loop thread,
marks the bridge interrupted while its owner thread reads and writes `_state` in `run` and
`close`. The owner's own calls do not race with each other (one caller): silent."""
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
        self._state = "interrupted"
