"""Silent: the lookup thread hands the result to the loop with `call_soon_threadsafe`, so the
loop future is resolved on its own loop."""
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
            self._loop.call_soon_threadsafe(answer.set_result, coords)
