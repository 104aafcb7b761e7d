"""IL404: the kiosk marks itself printing before it streams a receipt and clears the mark
only in `except Exception:`. Cancelling the print task raises CancelledError, which is not an
Exception, so the mark stays and every later print is refused."""
import asyncio


class Kiosk:
    def __init__(self) -> None:
        self.printing = False
        self._job: asyncio.Task | None = None

    async def _feed(self, lines: list[str]) -> None:
        for line in lines:
            await asyncio.sleep(0.01)

    async def _print(self, lines: list[str]) -> None:
        self.printing = True
        try:
            await self._feed(lines)
        except Exception:
            self.printing = False
            raise
        self.printing = False

    def submit(self, lines: list[str]) -> bool:
        if self.printing:
            return False
        self._job = asyncio.get_running_loop().create_task(self._print(lines))
        return True

    def abort(self) -> None:
        if self._job is not None:
            self._job.cancel()
