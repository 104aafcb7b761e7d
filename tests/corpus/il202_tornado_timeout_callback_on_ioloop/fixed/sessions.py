"""Tornado sessions: the IOLoop restores the saved sessions (`spawn_callback`) and drops each one
when its timeout fires (`add_timeout`); every minute the audit thread has the IOLoop walk the
sessions (`add_callback`), between those changes."""
import functools
import json
import threading
import time

import tornado.ioloop


class Sessions:
    def __init__(self):
        self.active = {}


class Expiry:
    def __init__(self, sessions):
        self.sessions = sessions
        self.io_loop = tornado.ioloop.IOLoop.current()

    def restore(self, saved):
        for sid, (user, deadline) in saved.items():
            self.sessions.active[sid] = user
            self.io_loop.add_timeout(deadline, functools.partial(self._expire, sid))

    def _expire(self, sid):
        self.sessions.active.pop(sid, None)


class Audit:
    def __init__(self, sessions):
        self.sessions = sessions
        self.io_loop = tornado.ioloop.IOLoop.current()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def _run(self):
        while True:
            time.sleep(60)
            self.io_loop.add_callback(self._report)

    def _report(self):
        for sid, user in self.sessions.active.items():
            print(sid, user)


def main():
    sessions = Sessions()
    expiry = Expiry(sessions)
    with open("sessions.json") as fh:
        saved = json.load(fh)
    tornado.ioloop.IOLoop.current().spawn_callback(expiry.restore, saved)
    Audit(sessions).start()
    tornado.ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
