"""A level meter that polls a sound card's status file on a timer of the event loop."""
import asyncio
import json


class LevelMeter:
    def __init__(self, status_path: str, period: float = 0.25):
        self._status_path = status_path
        self._period = period
        self._loop: asyncio.AbstractEventLoop | None = None
        self.peak = 0.0
        self._subscribers: list[asyncio.Queue] = []

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        loop.call_soon(self._poll)

    def _poll(self) -> None:
        # runs on the event loop: reads the status file synchronously every period
        with open(self._status_path) as f:
            status = json.load(f)
        self.peak = max(self.peak, float(status.get("peak", 0.0)))
        for q in self._subscribers:
            q.put_nowait(self.peak)
        self._loop.call_later(self._period, self._poll)

    def subscribe(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        self._subscribers.append(q)
        return q


async def main(path: str) -> None:
    meter = LevelMeter(path)
    meter.start(asyncio.get_running_loop())
    q = meter.subscribe()
    while True:
        print("peak", await q.get())


if __name__ == "__main__":
    asyncio.run(main("/proc/asound/card0/status.json"))
