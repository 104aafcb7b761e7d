"""Telemetry shipper: N sender tasks drain an asyncio.Queue of metric batches. close() cancels
every sender it started (a loop of `t.cancel()` over the stored tasks) before it gathers them,
so a sender parked in `await outbox.get()` gets CancelledError there and ends: the gather
returns."""
import asyncio
import json


async def post(endpoint: str, body: str) -> int:
    await asyncio.sleep(0.01)          # stands for an HTTP client
    return len(body)


class TelemetryShipper:
    def __init__(self, endpoint: str, senders: int = 2) -> None:
        self.endpoint = endpoint
        self.outbox = asyncio.Queue()
        self.count = senders
        self._senders = []
        self.shipped_bytes = 0

    def open(self) -> None:
        for _ in range(self.count):
            self._senders.append(asyncio.create_task(self._send_loop()))

    async def record(self, metrics: dict) -> None:
        await self.outbox.put(json.dumps(metrics))

    async def _send_loop(self) -> None:
        while True:
            body = await self.outbox.get()
            try:
                sent = await post(self.endpoint, body)
                self.shipped_bytes += sent
            finally:
                self.outbox.task_done()

    async def close(self) -> None:
        for sender in self._senders:
            sender.cancel()
        await asyncio.gather(*self._senders, return_exceptions=True)
        self._senders = []


async def main() -> int:
    shipper = TelemetryShipper("https://metrics.example/ingest")
    shipper.open()
    await shipper.record({"cpu": 0.4})
    await shipper.close()
    return shipper.shipped_bytes


if __name__ == "__main__":
    print(asyncio.run(main()))
