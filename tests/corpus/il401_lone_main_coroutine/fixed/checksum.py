"""Silent: `asyncio.run(main(...))` gives `main` a loop of its own, and it reads the files before it
starts any task: nothing else is on the loop yet, so the blocking reads delay nobody (the same
reads after `create_task(heartbeat())` would stall the heartbeat: the buggy twin), nor after an
awaited `gather(...)`, whose tasks have all finished when it returns."""
import asyncio
import hashlib


async def heartbeat():
    while True:
        print("alive")
        await asyncio.sleep(1)


async def size_of(path):
    await asyncio.sleep(0)
    return len(path)


async def main(paths):
    digests = {}
    for path in paths:
        with open(path, "rb") as f:
            digests[path] = hashlib.sha256(f.read()).hexdigest()
    sizes = await asyncio.gather(*(size_of(p) for p in paths))
    with open("digests.txt", "w") as out:      # every gathered task has finished: alone again
        out.write(f"{len(digests)} {sum(sizes)}\n")
    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    beat.cancel()
    return digests


if __name__ == "__main__":
    import sys
    asyncio.run(main(sys.argv[1:]))
