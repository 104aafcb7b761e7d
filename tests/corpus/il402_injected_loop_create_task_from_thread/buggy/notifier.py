"""A USB hotplug monitor thread tells the asyncio service about new devices."""
import asyncio
import random
import threading
import time


class HotplugMonitor:
    def __init__(self, loop: asyncio.AbstractEventLoop, handler):
        self._loop = loop
        self._handler = handler              # `async def handler(device_id)`
        self._running = threading.Event()

    def start(self) -> None:
        self._running.set()
        threading.Thread(target=self._watch, name="hotplug", daemon=True).start()

    def stop(self) -> None:
        self._running.clear()

    def _watch(self) -> None:
        while self._running.is_set():
            time.sleep(0.2)  # pretend: block in udev
            if random.random() < 0.3:
                self._loop.create_task(self._handler(random.randint(1, 9)))


class DeviceService:
    def __init__(self):
        self.devices: set[int] = set()

    async def attach(self, device_id: int) -> None:
        await asyncio.sleep(0.01)  # pretend: probe
        self.devices.add(device_id)


async def main():
    service = DeviceService()
    monitor = HotplugMonitor(asyncio.get_running_loop(), service.attach)
    monitor.start()
    await asyncio.sleep(2)
    monitor.stop()


if __name__ == "__main__":
    asyncio.run(main())
