import asyncio


class Backoff:
    """Exponential back-off between attempts."""

    def __init__(self, base=0.5):
        self.base = base

    async def wait(self, attempt):
        await asyncio.sleep(self.base * (2 ** attempt))
