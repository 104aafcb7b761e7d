"""Pallets are counted onto one dock by concurrent unloaders; the dock's type comes from the caller."""
import asyncio


class Dock:
    def __init__(self) -> None:
        self.pallets = 0


async def unload(dock, truck: str) -> None:
    if dock.pallets < 12:
        await asyncio.sleep(0.05)             # scanning the truck's manifest
        dock.pallets = dock.pallets + 1


async def morning(trucks: list[str]) -> None:
    dock = Dock()
    await asyncio.gather(*(unload(dock, t) for t in trucks))
