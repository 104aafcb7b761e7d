"""IL401: the arbiter's event loop forks its workers; the parent then sleeps to let the new
worker boot, which parks the loop (the heartbeat task stalls). The worker's own blocking serve
loop runs in the child process, not on the arbiter's loop: that part is fine."""
import asyncio
import os
import socket
import time


class Worker:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.served = 0

    def run(self) -> None:
        while True:
            conn, _addr = self.sock.accept()
            conn.sendall(b"hello\n")
            conn.close()
            self.served += 1
            time.sleep(0.01)


class Arbiter:
    def __init__(self, sock: socket.socket, size: int) -> None:
        self.sock = sock
        self.size = size
        self.workers: dict[int, Worker] = {}

    def spawn_worker(self) -> int:
        worker = Worker(self.sock)
        pid = os.fork()
        if pid != 0:
            self.workers[pid] = worker
            time.sleep(0.5)
            return pid
        try:
            worker.run()
        finally:
            os._exit(0)

    async def manage(self) -> None:
        while True:
            while len(self.workers) < self.size:
                self.spawn_worker()
            await asyncio.sleep(1.0)

    async def heartbeat(self) -> None:
        while True:
            print("arbiter alive, workers:", len(self.workers))
            await asyncio.sleep(5.0)


async def main() -> None:
    arbiter = Arbiter(socket.create_server(("127.0.0.1", 8000)), 4)
    beat = asyncio.create_task(arbiter.heartbeat())
    await arbiter.manage()
    await beat


if __name__ == "__main__":
    asyncio.run(main())
