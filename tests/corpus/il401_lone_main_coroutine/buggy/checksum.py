"""IL401 on `open`: `main` starts the heartbeat task first, then reads every file on the loop, so
the heartbeat (and anything else the loop runs) stalls for as long as the reads take."""
import asyncio
import hashlib


async def heartbeat():
    while True:
        print("alive")
        await asyncio.sleep(1)


async def main(paths):
    beat = asyncio.create_task(heartbeat())
    digests = {}
    for path in paths:
        with open(path, "rb") as f:
            digests[path] = hashlib.sha256(f.read()).hexdigest()
    beat.cancel()
    return digests


if __name__ == "__main__":
    import sys
    asyncio.run(main(sys.argv[1:]))
