"""Orders reserve units from one shelf bin; each reservation coroutine gets the bin as an argument."""
import asyncio


class StockBin:
    def __init__(self, units: int) -> None:
        self.units = units


async def _log_reservation(order: str) -> None:
    await asyncio.sleep(0.01)


async def reserve(bin_: StockBin, order: str, qty: int) -> None:
    left = bin_.units
    await _log_reservation(order)            # another order reserves from the same bin here
    bin_.units = left - qty


async def rush_hour() -> None:
    shelf = StockBin(40)
    await asyncio.gather(reserve(shelf, "A-1", 3), reserve(shelf, "A-2", 5))
