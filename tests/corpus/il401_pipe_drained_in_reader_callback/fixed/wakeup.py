"""Silent: a queue of jobs that other threads post to the loop through a self-pipe. The loop runs
`_on_wake` only when the pipe's read end is ready (`add_reader`), and each post wrote one byte
first, so `os.read(self._rfd, 1)` returns at once: nothing stalls the loop."""
import asyncio
import os
import queue
import threading


class PostedJobs:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._jobs = queue.SimpleQueue()
        self._rfd, self._wfd = os.pipe()
        loop.add_reader(self._rfd, self._on_wake)

    def post(self, job):
        self._jobs.put(job)
        os.write(self._wfd, b"\x01")

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
