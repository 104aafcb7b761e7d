"""IL503 on `OutputDevice.state`: `connect` checks DISCONNECTED, awaits the driver, then sets
CONNECTED without re-checking; a `disconnect` task that ran during the await is undone
(DISCONNECTED -> CONNECTED after the user disconnected), which no serial order produces."""
import asyncio
from enum import Enum


class DeviceState(Enum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"


class OutputDevice:
    def __init__(self, driver):
        self._driver = driver
        self._lock = asyncio.Lock()
        self.state = DeviceState.DISCONNECTED

    async def connect(self) -> bool:
        async with self._lock:
            if self.state != DeviceState.DISCONNECTED:
                return False
            self.state = DeviceState.CONNECTING
        await self._driver.open()
        async with self._lock:
            self.state = DeviceState.CONNECTED
        return True

    async def disconnect(self) -> None:
        async with self._lock:
            self.state = DeviceState.DISCONNECTED
        await self._driver.close()
