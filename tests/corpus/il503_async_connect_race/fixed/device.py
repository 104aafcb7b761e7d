"""Fixed twin: `connect` holds the asyncio lock across the driver await, so a `disconnect`
waits for the connect to finish and then wins."""
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
            self.state = DeviceState.CONNECTED
        return True

    async def disconnect(self) -> None:
        async with self._lock:
            self.state = DeviceState.DISCONNECTED
        await self._driver.close()
