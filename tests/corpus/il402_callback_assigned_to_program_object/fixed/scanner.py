"""Fixed twin: the callback the driver's thread runs hands each code to the loop with
call_soon_threadsafe."""
import asyncio
import threading


class SerialScanner:
    def __init__(self, port: str) -> None:
        self.port = port
        self.on_scan = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read_loop, daemon=True)

    def open(self) -> None:
        self._thread.start()

    def _read_loop(self) -> None:
        n = 0
        while not self._stop.is_set():
            n += 1
            code = f"{self.port}-{n:06d}"
            if self.on_scan is not None:
                self.on_scan(code)
            self._stop.wait(0.2)


class CheckoutService:
    def __init__(self, scanner: SerialScanner) -> None:
        self.codes: asyncio.Queue = asyncio.Queue()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.scanner = scanner
        scanner.on_scan = self._on_scan

    def _on_scan(self, code: str) -> None:
        self.loop.call_soon_threadsafe(self.codes.put_nowait, code)

    async def run(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.scanner.open()
        while True:
            code = await self.codes.get()
            print("scanned", code)


if __name__ == "__main__":
    asyncio.run(CheckoutService(SerialScanner("/dev/ttyUSB0")).run())
