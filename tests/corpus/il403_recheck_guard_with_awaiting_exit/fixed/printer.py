"""A printer link: connect() opens the device, disconnect() may arrive while it opens. After the
await, connect() looks again and closes the fresh connection if it was cancelled meanwhile."""
from __future__ import annotations

import asyncio

IDLE, CONNECTING, ONLINE, CLOSED = "idle", "connecting", "online", "closed"


class PrinterLink:
    def __init__(self, host: str) -> None:
        self.host = host
        self.state = IDLE
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> bool:
        if self.state != IDLE:
            return False
        self.state = CONNECTING
        _reader, writer = await asyncio.open_connection(self.host, 9100)
        if self.state != CONNECTING:            # disconnect() came while we were opening
            writer.close()
            await writer.wait_closed()
            return False
        self.writer = writer
        self.state = ONLINE
        return True

    async def disconnect(self) -> None:
        if self.state in (CONNECTING, ONLINE):
            self.state = CLOSED
            if self.writer is not None:
                self.writer.close()


async def main() -> None:
    link = PrinterLink("printer.local")
    await asyncio.gather(link.connect(), link.disconnect())
