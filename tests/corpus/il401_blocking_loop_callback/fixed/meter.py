"""A level meter that polls a sound card's status file on a timer of the event loop."""
import asyncio
import json


def _read_status(path: str) -> dict:
    with open(path) as f:
        return json.load(f)


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
        # runs on the event loop: the file is read on a worker thread, the result comes back here
        job = self._loop.run_in_executor(None, _read_status, self._status_path)
        job.add_done_callback(self._on_status)

    def _on_status(self, job: asyncio.Future) -> None:
        status = job.result()
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
