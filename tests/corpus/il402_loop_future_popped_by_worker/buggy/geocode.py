"""IL402 on `GeocodeBatcher._waiting`: `locate` parks a loop future per address in the dict; the
lookup thread takes it back out and resolves it with `set_result` itself. asyncio futures are not
thread-safe: the awaiting task may never be woken."""
import asyncio
import queue
import threading


class GeocodeBatcher:
    def __init__(self, backend):
        self._backend = backend
        self._loop = asyncio.get_running_loop()
        self._guard = threading.Lock()
        self._waiting = {}
        self._todo = queue.Queue()
        threading.Thread(target=self._lookups, name="geocoder", daemon=True).start()

    async def locate(self, address: str):
        answer = self._loop.create_future()
        with self._guard:
            self._waiting[address] = answer
        self._todo.put(address)
        return await answer

    def _lookups(self):
        while True:
            address = self._todo.get()
            coords = self._backend.lookup(address)
            with self._guard:
                answer = self._waiting.pop(address)
            answer.set_result(coords)
