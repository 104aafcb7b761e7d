"""A departures board: `main()` starts the thread that reloads the title, sets the first title
and then runs the event loop itself (`asyncio.run`), so what it does before never overlaps the
loop's coroutines (they run on that same thread, later). The reload thread sets each new title
from its own thread, while the render coroutine reads it."""
import asyncio
import threading
import time


class Board:
    def __init__(self):
        self.title = ""
        self.rows = []
        self.loop = None

    def headline(self):
        return f"{self.title}: {len(self.rows)} departures"

    def set_title(self, title):
        self.title = title


def read_title():
    with open("title.txt") as fh:
        return fh.read().strip()


def reload_titles(board: Board):
    while True:
        time.sleep(60)
        board.set_title(read_title())


async def render(board: Board):
    board.loop = asyncio.get_running_loop()
    while True:
        print(board.headline())
        await asyncio.sleep(1.0)


def main():
    board = Board()
    threading.Thread(target=reload_titles, args=(board,), daemon=True).start()
    board.set_title(read_title())
    asyncio.run(render(board))


if __name__ == "__main__":
    main()
