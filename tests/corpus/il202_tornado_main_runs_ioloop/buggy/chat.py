"""Tornado chat: `main()` starts the janitor thread, sets the room's topic and then runs the
IOLoop itself, so what it does before `io_loop.start()` never overlaps the sockets' `open` (they
run on that same thread, later). The janitor pings every member from its own thread, while
`open`/`on_close` on the IOLoop change the set it walks."""
import threading
import time

from tornado.ioloop import IOLoop
from tornado.web import Application
from tornado.websocket import WebSocketHandler


class Room:
    def __init__(self):
        self.members = set()
        self.topic = ""

    def set_topic(self, topic):
        self.topic = topic


class ChatSocket(WebSocketHandler):
    def initialize(self, room: Room):
        self.room = room

    def open(self):
        self.room.members.add(self)
        self.write_message(self.room.topic)

    def on_close(self):
        self.room.members.discard(self)


class Janitor:
    def __init__(self, room: Room, io_loop: IOLoop):
        self.room = room
        self.io_loop = io_loop
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def _run(self):
        while True:
            time.sleep(30)
            self._ping_all()

    def _ping_all(self):
        for sock in self.room.members:
            sock.ping(b"janitor")


def main():
    room = Room()
    io_loop = IOLoop.current()
    app = Application([(r"/chat", ChatSocket, dict(room=room))])
    Janitor(room, io_loop).start()
    room.set_topic(open("topic.txt").read().strip())
    app.listen(8892)
    io_loop.start()


if __name__ == "__main__":
    main()
