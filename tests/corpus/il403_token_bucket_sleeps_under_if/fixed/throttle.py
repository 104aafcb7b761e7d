"""No finding: `spend` sleeps in a `while` that looks at the credits again after every
wake-up, and nothing is awaited between its last look and the spend."""
import asyncio
import time


class SendThrottle:
    def __init__(self, per_second: float, burst: int):
        self.per_second = per_second
        self.burst = burst
        self.credits = float(burst)
        self.checked_at = time.monotonic()

    def _top_up(self) -> None:
        now = time.monotonic()
        self.credits = min(self.burst, self.credits + (now - self.checked_at) * self.per_second)
        self.checked_at = now

    async def spend(self) -> None:
        self._top_up()
        while self.credits < 1:
            await asyncio.sleep((1 - self.credits) / self.per_second)
            self._top_up()
        self.credits -= 1


throttle = SendThrottle(per_second=2, burst=5)


async def send_mail(smtp, message):
    await throttle.spend()
    await smtp.send_message(message)


async def send_all(smtp, messages):
    await asyncio.gather(*(send_mail(smtp, m) for m in messages))
