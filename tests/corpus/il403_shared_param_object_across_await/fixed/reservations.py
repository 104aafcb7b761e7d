"""Orders reserve units from one shelf bin; each reservation coroutine gets the bin as an argument."""
import asyncio


class StockBin:
    def __init__(self, units: int) -> None:
        self.units = units


async def _log_reservation(order: str) -> None:
    await asyncio.sleep(0.01)


async def reserve(bin_: StockBin, order: str, qty: int) -> None:
    await _log_reservation(order)
    bin_.units = bin_.units - qty            # read and written with no await between


async def rush_hour() -> None:
    shelf = StockBin(40)
    await asyncio.gather(reserve(shelf, "A-1", 3), reserve(shelf, "A-2", 5))


async def count_bin(bin_: StockBin, qty: int) -> None:
    seen = bin_.units
    await asyncio.sleep(0.01)
    bin_.units = seen + qty                  # each task counts its own fresh bin


async def stocktake(sizes: list[int]) -> None:
    await asyncio.gather(count_bin(StockBin(0), 1), count_bin(StockBin(5), 2))
    await asyncio.gather(*(count_bin(StockBin(n), n) for n in sizes))
