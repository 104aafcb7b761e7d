"""IL401 on `os.read`: `_on_wake` drains the self-pipe, but the loop runs it as a plain `call_soon`
callback, not when the pipe is readable: with no byte written yet (a wake scheduled twice for one
post), `os.read(self._rfd, 1)` blocks the loop thread until some other thread posts."""
import asyncio
import os
import queue
import threading


class PostedJobs:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._jobs = queue.SimpleQueue()
        self._rfd, self._wfd = os.pipe()

    def post(self, job):
        self._jobs.put(job)
        os.write(self._wfd, b"\x01")
        self._loop.call_soon_threadsafe(self._on_wake)

    def _on_wake(self):
        os.read(self._rfd, 1)
        job = self._jobs.get_nowait()
        job()


async def main():
    jobs = PostedJobs(asyncio.get_running_loop())
    threading.Thread(target=jobs.post, args=(lambda: print("posted"),), daemon=True).start()
    await asyncio.sleep(1)


if __name__ == "__main__":
    asyncio.run(main())
